/**
 * The default transport: node-fetch 2 over keep-alive agents, so consecutive
 * calls reuse one TCP/TLS connection instead of paying a handshake each.
 * Idle sockets are unreferenced (they never keep the process alive) and closed
 * after 60 s without use.
 *
 * It also does what node-fetch 2 leaves undone, from where the request itself
 * is in reach:
 * - it hands the transport a function that ends the attempt, so time limits
 *   need no AbortSignal per call;
 * - a body cut short (fewer than `Content-Length` bytes, or a gzip stream that
 *   stops) fails at once with ECONNRESET. node-fetch pipes the socket into the
 *   body, and a pipe does not pass that on: the body would wait for the timeout.
 */
import http from 'http';
import https from 'https';
import nodeFetch from 'node-fetch';
import type { AttemptAbortHook } from './timeout';

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 };

/** What one call learns about its request on the way through the agent. */
interface Attempt {
  request?: http.ClientRequest;
  incoming?: http.IncomingMessage;
}

/**
 * The attempt whose request is being created. node-fetch creates the request -
 * and the agent's `addRequest` runs - synchronously inside `nodeFetch()`, so
 * setting this just before that call and clearing it just after reaches exactly
 * that call's request, with no per-call agent object.
 */
let creating: Attempt | undefined;

function noteRequest(request: http.ClientRequest): void {
  const attempt = creating;
  if (!attempt) return;
  attempt.request = request;
  request.once('response', (message: http.IncomingMessage) => {
    attempt.incoming = message;
  });
}

class NotingHttpAgent extends http.Agent {
  addRequest(request: http.ClientRequest, options: object): void {
    noteRequest(request);
    (http.Agent.prototype as unknown as { addRequest(r: http.ClientRequest, o: object): void }).addRequest.call(this, request, options);
  }
}

class NotingHttpsAgent extends https.Agent {
  addRequest(request: http.ClientRequest, options: object): void {
    noteRequest(request);
    (https.Agent.prototype as unknown as { addRequest(r: http.ClientRequest, o: object): void }).addRequest.call(this, request, options);
  }
}

let agents: { http: http.Agent; https: https.Agent } | undefined;

function agentFor(url: URL): http.Agent {
  agents ??= { http: new NotingHttpAgent(agentOptions), https: new NotingHttpsAgent(agentOptions) };
  return url.protocol === 'http:' ? agents.http : agents.https;
}

type NodeFetchInit = NonNullable<Parameters<typeof nodeFetch>[1]>;
type NodeBody = NodeJS.ReadableStream & { destroyed: boolean; destroy(error?: Error): void };

/**
 * node-fetch with a shared keep-alive agent per protocol. `registerAbort`, when
 * given, receives the function that ends this attempt (see timeout.ts).
 */
export async function keepAliveFetch(input: string, init?: RequestInit, registerAbort?: AttemptAbortHook): Promise<Response> {
  const attempt: Attempt = {};
  let body: NodeBody | undefined;
  const end = (error: Error) => {
    // Only fail a body someone reads: an 'error' nobody listens to would crash the process.
    if (body && !body.destroyed && body.listenerCount('error') > 0) body.destroy(error);
    else attempt.request?.destroy(error);
  };
  registerAbort?.(end);
  creating = attempt;
  let pending: Promise<unknown>;
  try {
    pending = nodeFetch(input, nodeFetchInit(init, agentFor));
  } finally {
    creating = undefined;
  }
  const response = (await pending) as unknown as Response;
  body = response.body as unknown as NodeBody | undefined;
  const message = attempt.incoming;
  if (message && body && !message.complete) {
    const cutShort = () => {
      if (!message.complete) end(Object.assign(new Error('connection closed before the response body was complete'), { code: 'ECONNRESET' }));
    };
    // Already closed (rare: before node-fetch handed the response over): wait for the reader to attach.
    if (message.destroyed) setImmediate(cutShort);
    else message.once('close', cutShort);
  }
  return response;
}

/**
 * The fields node-fetch reads, in a fresh object literal with none left
 * undefined: node-fetch's reads of a spread copy of the generated runtime's
 * init, with its `credentials` and `body: undefined`, measured slower.
 */
function nodeFetchInit(init: RequestInit | undefined, agent: NodeFetchInit['agent']): NodeFetchInit {
  const source = init ?? {};
  // No redirect is followed unless asked for: the API never redirects, a 3xx is
  // better reported than chased with the bearer token, and a followed redirect's
  // request would escape the attempt's time limit (see `creating`).
  const out: NodeFetchInit = { method: source.method, headers: source.headers as NodeFetchInit['headers'], redirect: source.redirect ?? 'manual', agent };
  if (source.body != null) out.body = source.body as NodeFetchInit['body'];
  if (source.signal) out.signal = source.signal as NodeFetchInit['signal'];
  return out;
}
