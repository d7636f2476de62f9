/**
 * An in-process `fetchApi` for tests of a rule rather than of HTTP: which URL,
 * headers and body an operation builds, which token requests the client sends
 * and in what order. No socket is opened. Tests of what travels over a real
 * connection use the sandbox or the fault server (test/faults/fault-server.ts).
 *
 * Replies are scripted per route (`'GET /api/v2/…/'`, the query not part of
 * it) and used once each, in order: a request after its route's script is used
 * up, or to a route never scripted, is recorded in `unmatched` and fails as a
 * refused connection would, so a test sees every request it did not expect.
 */

/** One request as the client handed it to `fetchApi`. */
export interface SeenRequest {
  method: string;
  /** Path and query string, exactly as sent. */
  path: string;
  /** The whole URL. */
  url: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** The raw request body ('' when none). */
  body: string;
}

export interface ReplyOptions {
  headers?: Record<string, string>;
  /** How many requests in a row get this reply (1 unless given). */
  times?: number;
  /** Milliseconds before the reply (an aborted request stops waiting). */
  delayMs?: number;
}

interface Scripted {
  status: number;
  text: string;
  headers: Record<string, string>;
  delayMs: number;
  left: number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export class ScriptedApi {
  /** Every request, answered or not, in order. */
  readonly requests: SeenRequest[] = [];
  /** `METHOD path` of each request no script answered. */
  readonly unmatched: string[] = [];
  private readonly routes = new Map<string, Scripted[]>();

  /** The client option: records the request, then answers it from the script. */
  readonly fetchApi = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const request: SeenRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: `${url.pathname}${url.search}`,
      url: url.href,
      headers: lowerCaseHeaders(init.headers),
      body: bodyText(init.body),
    };
    this.requests.push(request);
    const route = `${request.method} ${url.pathname}`;
    const queue = this.routes.get(route) ?? [];
    const next = queue[0];
    if (!next) {
      this.unmatched.push(`${request.method} ${request.path}`);
      throw Object.assign(new Error(`connect ECONNREFUSED: no scripted reply for ${route}`), { code: 'ECONNREFUSED' });
    }
    next.left -= 1;
    if (next.left === 0) queue.shift();
    if (next.delayMs > 0) await pause(next.delayMs, init.signal ?? undefined);
    const body = NULL_BODY_STATUSES.has(next.status) ? null : next.text;
    const response = new Response(body, { status: next.status, headers: next.headers });
    // As a real fetch does: the response knows the URL it answers.
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };

  /**
   * Queues a reply for `route` (`'GET /api/v2/accounts/…/'`). A body that is not
   * a string is sent as JSON with `Content-Type: application/json`; a string is
   * sent as it is, with only the headers given.
   */
  on(route: string, status: number, body: unknown = '', options: ReplyOptions = {}): this {
    const json = typeof body !== 'string';
    const scripted: Scripted = {
      status,
      text: json ? JSON.stringify(body) : body,
      headers: { ...(json ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
      delayMs: options.delayMs ?? 0,
      left: options.times ?? 1,
    };
    const queue = this.routes.get(route) ?? [];
    queue.push(scripted);
    this.routes.set(route, queue);
    return this;
  }

  /** The scripted replies no request has used yet, as `METHOD path ×n` (empty when all were used). */
  pending(): string[] {
    return [...this.routes].flatMap(([route, queue]) => queue.map((reply) => `${route} ×${reply.left}`));
  }

  /** `METHOD path` of each request, in order. */
  trail(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }
}

/** A fresh script, nothing queued. */
export function scriptedApi(): ScriptedApi {
  return new ScriptedApi();
}

function lowerCaseHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function bodyText(body: RequestInit['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error(`scripted fetch: a request body it cannot read (${Object.prototype.toString.call(body)})`);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => (signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal?.aborted) return reject(aborted());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(aborted());
      },
      { once: true },
    );
  });
}
