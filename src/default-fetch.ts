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
 * The attempt's time limit ends the request through its `onEnd` hook, which
 * destroys the request (timeout.ts), and `maxResponseBytes` is node-fetch's own
 * `size` option. This module imports only Node built-ins and node-fetch, so it
 * can be loaded on demand, when no `fetchApi` is given.
 */
import http from 'http';
import https from 'https';
import nodeFetch from 'node-fetch';
import type { Sender } from './app-fetch';
import { BodyTooLargeError } from './read-body';

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 };

type NodeFetchInit = NonNullable<Parameters<typeof nodeFetch>[1]>;
type NodeFetchHeaders = { raw(): Record<string, string[]> };
type NodeBody = NodeJS.ReadableStream & { destroyed: boolean; destroy(error?: Error): void };

/** A fetch over keep-alive agents of its own, and the way to close them. */
export interface KeepAliveFetch extends Sender {
  /** Destroys the agents' sockets, idle or busy; requests in flight fail. */
  close(): void;
}

export function createKeepAliveFetch(maxResponseBytes: number): KeepAliveFetch {
  let agents: { http: http.Agent; https: https.Agent } | undefined;

  return {
    async send(url, init, limit) {
      const pool = (agents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) });
      const seen: Seen = {};
      limit.onEnd((error) => {
        seen.endedWith = error;
        seen.request?.destroy(error);
      });
      // node-fetch asks for the agent of each request it sends (redirects included) with the request's URL.
      const agent = (target: URL) => new RequestNotingAgent(target.protocol === 'http:' ? pool.http : pool.https, seen) as unknown as http.Agent;
      const response = (await nodeFetch(url, nodeFetchInit(init, agent, maxResponseBytes))) as unknown as Response;
      failBodyCutShort(response, seen.request);
      return response;
    },
    async readText(response) {
      // node-fetch's own map of the headers (lower-case names): `get` would validate the name on every call.
      if (Number((response.headers as unknown as NodeFetchHeaders).raw()['content-length']?.[0]) > maxResponseBytes) throw new BodyTooLargeError();
      try {
        return await response.text();
      } catch (error) {
        // node-fetch stops reading at `size`; the transport then ends the attempt, which destroys the request.
        if ((error as { type?: string }).type === 'max-size') throw new BodyTooLargeError();
        throw error;
      }
    },
    close() {
      agents?.http.destroy();
      agents?.https.destroy();
      agents = undefined;
    },
  };
}

/** What one call learns on the way: its request, and whether the attempt ended before the request existed. */
interface Seen {
  request?: http.ClientRequest;
  endedWith?: Error;
}

/**
 * Stands in for the shared agent in one request: notes the request node-fetch
 * creates, then hands it to the shared agent, which owns the socket pool.
 * node-fetch keeps its request to itself, and the agent is the one place it is
 * handed over. An agent-like object (what `http.request` accepts as `agent`):
 * it answers what a request reads of its agent. (Not `Object.create(shared)`:
 * an object used as a prototype turns slow for V8, and the shared agent's own
 * work on every request with it.)
 */
class RequestNotingAgent {
  constructor(
    private readonly shared: http.Agent,
    private readonly seen: Seen,
  ) {}
  get protocol(): string | undefined {
    return (this.shared as { protocol?: string }).protocol;
  }
  get defaultPort(): number | undefined {
    return (this.shared as { defaultPort?: number }).defaultPort;
  }
  get keepAlive(): boolean {
    return (this.shared as { keepAlive?: boolean }).keepAlive ?? false;
  }
  get maxSockets(): number {
    return this.shared.maxSockets;
  }
  get options(): object {
    return (this.shared as { options?: object }).options ?? {};
  }
  addRequest(request: http.ClientRequest, options: object): void {
    this.seen.request = request;
    (this.shared as unknown as RequestNotingAgent).addRequest(request, options);
    if (this.seen.endedWith) request.destroy(this.seen.endedWith);
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
function nodeFetchInit(init: RequestInit, agent: (url: URL) => http.Agent, size: number): NodeFetchInit {
  const out: NodeFetchInit = { method: init.method, headers: init.headers as NodeFetchInit['headers'], redirect: init.redirect ?? 'manual', agent, size };
  if (init.body != null) out.body = init.body as NodeFetchInit['body'];
  return out;
}
