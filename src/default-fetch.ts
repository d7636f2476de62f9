/**
 * The default transport: node-fetch 2 over keep-alive agents, so consecutive
 * calls reuse one TCP/TLS connection instead of paying a handshake each.
 * Idle sockets are unreferenced (they never keep the process alive) and closed
 * after 60 s without use.
 */
import http from 'http';
import https from 'https';
import nodeFetch from 'node-fetch';
import type { FetchAPI } from '../generated/runtime';

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 };
let agents: { http: http.Agent; https: https.Agent } | undefined;

function agentFor(url: URL): http.Agent {
  agents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  return url.protocol === 'http:' ? agents.http : agents.https;
}

/**
 * node-fetch with a shared keep-alive agent per protocol.
 *
 * node-fetch 2 pipes the socket's response into the body stream, and a pipe
 * does not pass on a connection that closes before `Content-Length` bytes (or
 * the gzip stream) arrived: the body would wait for the rest until the call's
 * timeout. So each request's response is noted on its way through the agent,
 * and when it ends short the body fails at once with ECONNRESET - a connection
 * failure, which the transport retries for GET.
 */
export const keepAliveFetch: FetchAPI = async (input, init) => {
  let incoming: http.IncomingMessage | undefined;
  const agent = (url: URL): http.Agent => {
    const shared = agentFor(url);
    return Object.create(shared, {
      addRequest: {
        value(request: http.ClientRequest, options: unknown) {
          request.once('response', (message: http.IncomingMessage) => {
            incoming = message;
          });
          return (shared as unknown as { addRequest(r: http.ClientRequest, o: unknown): void }).addRequest(request, options);
        },
      },
    });
  };
  const response = (await nodeFetch(String(input), { ...(init as object), agent } as never)) as unknown as Response;
  if (incoming) failBodyWhenCutShort(incoming, response);
  return response;
};

type NodeBody = NodeJS.ReadableStream & { destroyed: boolean; destroy(error: Error): void };

function failBodyWhenCutShort(incoming: http.IncomingMessage, response: Response): void {
  const body = response.body as unknown as NodeBody | null;
  if (!body || typeof body.destroy !== 'function' || incoming.complete) return;
  const fail = () => {
    // Only a body someone reads: an 'error' nobody listens to would crash the process.
    if (incoming.complete || body.destroyed || body.listenerCount('error') === 0) return;
    body.destroy(Object.assign(new Error('connection closed before the response body was complete'), { code: 'ECONNRESET' }));
  };
  // Already closed (rare: before node-fetch handed the response over): wait for the reader to attach.
  if (incoming.destroyed) setImmediate(fail);
  else incoming.once('close', fail);
}
