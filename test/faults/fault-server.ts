/**
 * A real HTTP server on 127.0.0.1 that misbehaves on script, for the fault suite.
 *
 * Each test scripts routes (`'GET /api/v2/institutions/X/'`) with a queue of
 * behaviours: the n-th request to a route gets the n-th behaviour, and the last
 * one repeats. Every request is logged (method, path, headers, body, arrival
 * time) before its behaviour runs, so a test can assert exactly how many
 * requests reached the server and how long the client waited between them.
 *
 * A request no route matches gets the API's 404 naming the route, unless the
 * test gives `otherwise()` behaviours (for paths it cannot list in advance).
 *
 * The token endpoints answer JWT-shaped pairs unless scripted otherwise, so the
 * leak checks of the suite look for realistic secrets.
 *
 * `close()` destroys every socket, held ones included, so jest never waits on a
 * request the server chose not to answer.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import { gzipSync } from 'zlib';
import { jwt } from '../fixtures/jwt';

export interface LoggedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** The request target exactly as it arrived: path and query, nothing decoded or normalised. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `Date.now()` when the request (headers and body) had arrived. */
  at: number;
}

export interface FaultContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  request: LoggedRequest;
  server: FaultServer;
}

/** What the server does with one request. */
export type Behaviour = (context: FaultContext) => void;

export const TOKEN_NEW = 'POST /api/v2/token/new/';
export const TOKEN_REFRESH = 'POST /api/v2/token/refresh/';

/** Tokens are minted by the suite-wide helper (see test/fixtures/jwt.js). */
export { jwt } from '../fixtures/jwt';

/**
 * How long the server keeps an idle keep-alive connection: longer than the client
 * keeps one idle (60 s), so the server never closes a connection the client is
 * about to reuse, a race Node's own 5 s would allow after any pause in a test.
 * `close()` ends them all either way.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export class FaultServer {
  readonly requests: LoggedRequest[] = [];
  /** Every token the token endpoints handed out, in order. */
  readonly issued: { access: string[]; refresh: string[] } = { access: [], refresh: [] };
  /** `access_expires` of the tokens the server issues, in seconds. */
  accessExpires = 86_400;
  private readonly routes = new Map<string, Behaviour[]>();
  private readonly served = new Map<string, number>();
  private unmatched: Behaviour[] = [notScripted()];
  private unmatchedServed = 0;
  private readonly sockets = new Set<Socket>();
  private opened = 0;
  private readonly server: http.Server;
  private port = 0;

  private constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.opened++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A client that resets its own connection (a timeout, an abort) is expected here.
    this.server.on('clientError', (_error, socket) => socket.destroy());
    this.script(TOKEN_NEW, issuePair());
    this.script(TOKEN_REFRESH, issueAccess());
  }

  static async start(): Promise<FaultServer> {
    const fault = new FaultServer();
    fault.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    await new Promise<void>((resolve) => fault.server.listen(0, '127.0.0.1', resolve));
    fault.port = (fault.server.address() as AddressInfo).port;
    return fault;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sets the behaviours of a route (`'GET /path/'`): one per request, the last one repeating. */
  script(route: string, ...behaviours: Behaviour[]): this {
    if (behaviours.length === 0) throw new Error('script() needs at least one behaviour');
    this.routes.set(route, behaviours);
    this.served.set(route, 0);
    return this;
  }

  /**
   * Sets the behaviours of every request no scripted route matches (one per
   * such request, the last one repeating), for paths a test cannot list in
   * advance (a property test's generated ids, say).
   */
  otherwise(...behaviours: Behaviour[]): this {
    if (behaviours.length === 0) throw new Error('otherwise() needs at least one behaviour');
    this.unmatched = behaviours;
    this.unmatchedServed = 0;
    return this;
  }

  /** Connections the server accepted since it started (a client that keeps one alive opens one). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** Connections open now, idle keep-alive ones included. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Requests seen, all of them or those of one route (`'GET /path/'`). */
  seen(route?: string): LoggedRequest[] {
    return route === undefined ? this.requests : this.requests.filter((r) => `${r.method} ${r.path}` === route);
  }

  count(route?: string): number {
    return this.seen(route).length;
  }

  /** Issues a token pair the way `POST /token/new/` does (used by the default behaviour). */
  newPair(): { access: string; access_expires: number; refresh: string; refresh_expires: number } {
    const pair = { access: jwt('access'), access_expires: this.accessExpires, refresh: jwt('refresh', 2_592_000), refresh_expires: 2_592_000 };
    this.issued.access.push(pair.access);
    this.issued.refresh.push(pair.refresh);
    return pair;
  }

  newAccess(): { access: string; access_expires: number } {
    const access = jwt('access');
    this.issued.access.push(access);
    return { access, access_expires: this.accessExpires };
  }

  /** The newest access token issued, or undefined. */
  get lastAccess(): string | undefined {
    return this.issued.access[this.issued.access.length - 1];
  }

  /**
   * Back to a fresh start between the tests of a file that shares one server:
   * no request logged, no token issued, only the default token routes scripted,
   * unmatched requests answered 404 again. Connections are left as they are.
   */
  reset(): void {
    this.requests.length = 0;
    this.issued.access.length = 0;
    this.issued.refresh.length = 0;
    this.accessExpires = 86_400;
    this.routes.clear();
    this.served.clear();
    this.unmatched = [notScripted()];
    this.unmatchedServed = 0;
    this.script(TOKEN_NEW, issuePair());
    this.script(TOKEN_REFRESH, issueAccess());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const request: LoggedRequest = {
        method: req.method ?? 'GET',
        path: url.split('?')[0],
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      this.requests.push(request);
      const route = `${request.method} ${request.path}`;
      const behaviours = this.routes.get(route);
      if (!behaviours) {
        const n = this.unmatchedServed++;
        this.unmatched[Math.min(n, this.unmatched.length - 1)]({ req, res, request, server: this });
        return;
      }
      const n = this.served.get(route) ?? 0;
      this.served.set(route, n + 1);
      behaviours[Math.min(n, behaviours.length - 1)]({ req, res, request, server: this });
    });
  }
}

/**
 * A loopback base URL nothing listens on (a free port taken, then let go):
 * every connection to it is refused. Not a fake: the absence of one.
 */
export async function refusedBaseUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------- behaviours

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return ({ res }) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

/** Exactly this status, these headers and this body: nothing added but `Content-Length` (no `Content-Type` unless given). */
export function exactly(status: number, body: string, headers: Record<string, string> = {}): Behaviour {
  return ({ res }) => {
    res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
}

/** Any body with any content type (HTML error pages, text/html 200s, invalid JSON). */
export function raw(status: number, body: string, contentType: string, headers: Record<string, string> = {}): Behaviour {
  return ({ res }) => {
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
}

/** A function of the request, for answers that depend on it (the bearer token sent, say). */
export function respond(choose: (context: FaultContext) => Behaviour): Behaviour {
  return (context) => choose(context)(context);
}

/**
 * Headers at once, then `prefix` and an endless body of filler, as fast as the
 * socket takes it: a response no size limit can wait out. Stops when the client
 * hangs up (or the server closes).
 */
export function endless(status = 200, prefix = ''): Behaviour {
  const chunk = Buffer.alloc(16 * 1024, 'x');
  return ({ res }) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.write(prefix);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  };
}

/** Never answers: the request is held until the client gives up or the server closes. */
export function hang(): Behaviour {
  return () => {};
}

/** Resets the connection (TCP RST) before any byte of a response. */
export function resetBeforeResponse(): Behaviour {
  return ({ req }) => {
    req.socket.resetAndDestroy();
  };
}

/**
 * Sends the status line, headers (a `Content-Length` of the whole body) and the
 * first `sentBytes` of `body`, then destroys the socket.
 */
export function resetMidBody(body: string, sentBytes = Math.floor(body.length / 2)): Behaviour {
  return ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.write(body.slice(0, sentBytes), () => setTimeout(() => res.socket?.destroy(), 5));
  };
}

/**
 * Announces `Content-Length` of the whole body, sends only its first
 * `sentBytes`, then ends the connection cleanly (FIN): a truncated body.
 * With `gzip`, the body is sent gzip-compressed (node-fetch asks for gzip)
 * and cut off after half of the compressed bytes.
 */
export function truncated(body: string, options: { sentBytes?: number; gzip?: boolean } = {}): Behaviour {
  return ({ res }) => {
    const bytes = options.gzip ? gzipSync(body) : Buffer.from(body);
    const sent = bytes.subarray(0, options.sentBytes ?? Math.floor(bytes.length / 2));
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': bytes.length,
      ...(options.gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.write(sent, () => setTimeout(() => res.socket?.end(), 5));
  };
}

/** Headers at once, then the body one chunk every `intervalMs` (chunked); gives up quietly when the client leaves. */
export function slowBody(body: string, chunks: number, intervalMs: number): Behaviour {
  return ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    const size = Math.ceil(body.length / chunks);
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || res.socket?.destroyed) return clearInterval(timer);
      const piece = body.slice(sent, sent + size);
      sent += size;
      if (sent >= body.length) {
        clearInterval(timer);
        res.end(piece);
      } else {
        res.write(piece);
      }
    }, intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** What a request no route matches gets unless `otherwise()` says: the API's 404, naming the route. */
function notScripted(): Behaviour {
  return (context) => {
    const route = `${context.request.method} ${context.request.path}`;
    json(404, { summary: 'Not found.', detail: `No script for ${route}`, status_code: 404 })(context);
  };
}

/** The default `POST /token/new/`: a fresh JWT pair. */
export function issuePair(): Behaviour {
  return (context) => json(200, context.server.newPair())(context);
}

/** The default `POST /token/refresh/`: a fresh access token. */
export function issueAccess(): Behaviour {
  return (context) => json(200, context.server.newAccess())(context);
}

/** The API's 401 for an access token it no longer accepts (the body echoes the token, as some proxies do). */
export function expiredToken(): Behaviour {
  return (context) => {
    const sent = String(context.request.headers.authorization ?? '');
    json(401, {
      summary: 'Invalid token',
      detail: `Token is invalid or expired: ${sent}`,
      status_code: 401,
    })(context);
  };
}

/**
 * 200 with `body` when the request carries the newest access token the server
 * issued (or one of `alsoValid`), else the API's expired-token 401.
 */
export function authorized(body: unknown, alsoValid: string[] = []): Behaviour {
  return respond(({ request, server }) => {
    const sent = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    const valid = sent !== '' && (sent === server.lastAccess || alsoValid.includes(sent));
    return valid ? json(200, body) : expiredToken();
  });
}
