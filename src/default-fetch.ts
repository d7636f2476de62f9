/**
 * The default transport: node-fetch 2 over keep-alive agents, so consecutive
 * calls reuse one TCP/TLS connection instead of paying a handshake each. Each
 * client has its own agents, closed by `close()`; idle sockets never keep the
 * process alive and are closed after 60 s without use.
 *
 * It also does what node-fetch 2 leaves undone: a body cut short (fewer than
 * `Content-Length` bytes, or a gzip stream that stops) fails at once with
 * ECONNRESET. node-fetch pipes the socket into the body, and a pipe does not
 * pass that on: the body would wait for the attempt's time limit.
 *
 * Time limits are the transport's AbortSignal, which ends the request (see
 * `endOnAbort`). This module imports only Node built-ins and node-fetch, so it can be loaded
 * on demand, when no `fetchApi` is given.
 */
import http from 'http';
import https from 'https';
import nodeFetch from 'node-fetch';

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 };

type NodeFetchInit = NonNullable<Parameters<typeof nodeFetch>[1]>;
type NodeBody = NodeJS.ReadableStream & { destroyed: boolean; destroy(error?: Error): void };

/** A fetch over keep-alive agents of its own, and the way to close them. */
export interface KeepAliveFetch {
  /** A plain function (not a method): the client hands it to the transport on its own. */
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Destroys the agents' sockets, idle or busy; requests in flight fail. */
  close(): void;
}

export function createKeepAliveFetch(): KeepAliveFetch {
  let agents: { http: http.Agent; https: https.Agent } | undefined;

  return {
    async fetch(input, init) {
      const pool = (agents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) });
      const seen: Seen = {};
      endOnAbort(init?.signal, seen);
      // node-fetch asks for the agent of each request it sends (redirects included) with the request's URL.
      const agent = (url: URL) => new RequestNotingAgent(url.protocol === 'http:' ? pool.http : pool.https, seen) as unknown as http.Agent;
      const response = (await nodeFetch(input, nodeFetchInit(init, agent))) as unknown as Response;
      failBodyCutShort(response, seen.request);
      return response;
    },
    close() {
      agents?.http.destroy();
      agents?.https.destroy();
      agents = undefined;
    },
  };
}

/** What one call learns on the way: its request, and whether it was ended before the request existed. */
interface Seen {
  request?: http.ClientRequest;
  abortedWith?: Error;
}

/**
 * The AbortSignal of `init` ends the request and its body: destroying the
 * request fails node-fetch's promise, or the body being read. Done here, not by
 * handing the signal to node-fetch, whose handling of one costs more than all
 * the rest a call adds. The transport's signal is never aborted once the attempt
 * is over, so the listener needs no removal: it goes with the signal.
 */
function endOnAbort(signal: AbortSignal | null | undefined, seen: Seen): void {
  if (!signal) return;
  const end = () => {
    const error = Object.assign(new Error('The request was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    seen.abortedWith = error;
    seen.request?.destroy(error);
  };
  if (signal.aborted) end();
  else signal.addEventListener('abort', end, { once: true });
}

/**
 * Stands in for the shared agent in one request: notes the request node-fetch
 * creates, then hands it to the shared agent, which owns the socket pool.
 * node-fetch keeps its request to itself, and the agent is the one place it is
 * handed over. An agent-like object (what `http.request` accepts as `agent`):
 * it answers what a request reads of its agent.
 */
class RequestNotingAgent {
  constructor(
    private readonly shared: http.Agent,
    private readonly seen: Seen,
  ) {}
  get protocol(): string | undefined { return (this.shared as { protocol?: string }).protocol; }
  get defaultPort(): number | undefined { return (this.shared as { defaultPort?: number }).defaultPort; }
  get keepAlive(): boolean { return (this.shared as { keepAlive?: boolean }).keepAlive ?? false; }
  get maxSockets(): number { return this.shared.maxSockets; }
  get options(): object { return (this.shared as { options?: object }).options ?? {}; }
  addRequest(request: http.ClientRequest, options: object): void {
    this.seen.request = request;
    (this.shared as unknown as RequestNotingAgent).addRequest(request, options);
    if (this.seen.abortedWith) request.destroy(this.seen.abortedWith);
  }
}

/** Ends the body with ECONNRESET as soon as the connection closes before the body is complete. */
function failBodyCutShort(response: Response, request: http.ClientRequest | undefined): void {
  const body = response.body as unknown as NodeBody | null;
  const message = (request as { res?: http.IncomingMessage } | undefined)?.res;
  if (!body || !message || message.complete) return;
  const cutShort = () => {
    if (message.complete) return;
    const error = Object.assign(new Error('connection closed before the response body was complete'), { code: 'ECONNRESET' });
    // Only fail a body someone reads: an 'error' nobody listens to would crash the process.
    if (!body.destroyed && body.listenerCount('error') > 0) body.destroy(error);
    else request?.destroy(error);
  };
  // Already closed (rare: before node-fetch handed the response over): wait for the reader to attach.
  if (message.destroyed) setImmediate(cutShort);
  else message.once('close', cutShort);
}

/**
 * The fields node-fetch reads, in a fresh object with none left undefined.
 * No redirect is followed unless asked for: the API never redirects, and a 3xx
 * is better reported than chased with the bearer token.
 */
function nodeFetchInit(init: RequestInit | undefined, agent: (url: URL) => http.Agent): NodeFetchInit {
  const source = init ?? {};
  const out: NodeFetchInit = { method: source.method, headers: source.headers as NodeFetchInit['headers'], redirect: source.redirect ?? 'manual', agent };
  if (source.body != null) out.body = source.body as NodeFetchInit['body'];
  return out;
}
