/**
 * The HTTP side: one `node:http` server that reads each request, applies
 * latency and injected faults, counts it against the general rate limit,
 * routes, authenticates and parses it, runs the handler and writes the JSON
 * answer. Every API answer carries the general rate-limit headers.
 *
 * Order of checks for an API request:
 *   latency → injected reset/failure (not token endpoints) → general limit 429
 *   → unknown route 404 / wrong method 405 → bearer token 401 → body (read only
 *   now, up to its limit) 400 → the operation's own checks. A request refused
 *   before its body was read closes its connection rather than drain the body.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { consentPage } from './consent';
import { controlRequest, type SandboxControls } from './control';
import { openApiJson } from './openapi-document';
import type { RequestContext, SandboxContext } from './context';
import { apiError, routeNotFound, SandboxHttpError } from './errors';
import { decideFault, injectedFailure, type FaultKind } from './faults';
import { invalidToken } from './handlers/tokens';
import type { Random } from './prng';
import { matchRoute } from './routes';
import { parseBody } from './validate';

const MAX_BODY_BYTES = 1024 * 1024;

/** One request as the sandbox saw it. */
export interface SandboxRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without the `?` ('' when none). */
  query: string;
  /** The body of a POST or PUT the sandbox read, as sent; token and secret values read `[redacted]`, and a body past 4096 characters is cut. */
  body?: string;
  /** Status answered; 0 when the connection was reset by an injected fault. */
  status: number;
  /** The operationId of the matched API operation, if any. */
  operation?: string;
  /** The injected fault, if one hit this request. */
  fault?: FaultKind;
  /** Sandbox-clock time the request arrived (epoch ms). */
  time: number;
}

export interface ServerHooks {
  /** What the control paths under `/_sandbox/` drive. */
  controls: SandboxControls;
  /** The seeded stream fault decisions are drawn from (replaced by `reset()`). */
  faultRandom(): Random;
  log(entry: SandboxRequest): void;
}

/**
 * The whole body as text. Reading stops at `MAX_BODY_BYTES`: a body announced or
 * grown past it is refused at once with the rest left unread.
 */
function readBody(request: http.IncomingMessage): Promise<string> {
  const tooLarge = () => apiError(400, 'Request body too large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  if (Number(request.headers['content-length']) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      request.off('data', onData);
      request.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) stop(tooLarge());
      else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
    request.on('close', () => stop(new Error('the client went away before its body ended')));
  });
}

/** Whether the request announced a body (a length above 0, or chunks). */
function hasBody(request: http.IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * The request target as a URL, or undefined when it is not an origin-form path
 * (`*`, an absolute URL, anything that does not parse). Parsed against a fixed
 * origin so a target such as `//x/y` stays a path instead of naming a host.
 */
function parseTarget(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) return undefined;
  try {
    return new URL(`http://sandbox${target}`);
  } catch {
    return undefined;
  }
}

/** A logged body is cut here: the log keeps thousands of requests, and a body may be up to `MAX_BODY_BYTES`. */
const MAX_LOGGED_BODY_CHARS = 4096;
// The closing quote is optional, so a value cut off in a malformed body is replaced too.
const CREDENTIAL_FIELD = /("(?:access|refresh|secret_id|secret_key)"\s*:\s*")(?:[^"\\]|\\.)*"?/g;

/** A body for the request log: the values of token and secret fields replaced, so the log is safe to print; a long body cut. */
function loggedBody(body: string): string {
  const redacted = body.replace(CREDENTIAL_FIELD, '$1[redacted]"');
  return redacted.length > MAX_LOGGED_BODY_CHARS ? `${redacted.slice(0, MAX_LOGGED_BODY_CHARS)}…` : redacted;
}

function authenticate(sandbox: SandboxContext, header: string | undefined): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) {
    throw apiError(401, 'Authentication credentials were not provided.', 'Authentication credentials were not provided.');
  }
  if (sandbox.tokens.check(match[1], 'access') !== 'valid') throw invalidToken();
}

export class SandboxHttpServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly waits = new Set<() => void>();
  private closing?: Promise<void>;
  /** TCP connections accepted since the server started. */
  connections = 0;

  constructor(
    private readonly sandbox: SandboxContext,
    private readonly hooks: ServerHooks,
  ) {
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch(() => response.destroy());
    });
    // Idle connections are kept longer than clients keep theirs (the default transport drops its
    // own after 60 s): a server that closes first races the client's next request on that socket,
    // which then fails with a reset. `close()` cuts idle connections anyway.
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops listening, cuts open connections (keep-alive ones included) and ends pending latency waits. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      for (const release of this.waits) release();
    });
    return this.closing;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.waits.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waits.add(release);
    });
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const { sandbox, hooks } = this;
    const method = (request.method ?? 'GET').toUpperCase();
    const url = parseTarget(request.url);
    const path = url?.pathname ?? String(request.url);
    const entry: SandboxRequest = { method, path, query: url?.search.slice(1) ?? '', status: 0, time: sandbox.now() };

    const finish = (status: number, headers: Record<string, string>, text: string) => {
      // A body left unread (refused before or while reading it) is not drained: the connection closes instead.
      // A request without a body leaves nothing unread, though `complete` is still false while it is being answered.
      const unread = hasBody(request) && !request.complete;
      response.writeHead(status, { 'Content-Length': String(Buffer.byteLength(text)), ...headers, ...(unread ? { Connection: 'close' } : {}) });
      response.end(text);
      if (unread) response.once('finish', () => request.socket.destroy());
      entry.status = status;
      hooks.log(entry);
    };

    if (!url) {
      const text = JSON.stringify({ summary: 'Invalid request path', detail: 'The request target must be a path starting with "/".', status_code: 400 });
      finish(400, { 'Content-Type': 'application/json' }, text);
      return;
    }

    const jsonHeaders = { 'Content-Type': 'application/json' };
    if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      try {
        const body = method === 'POST' ? parseBody(await readBody(request), request.headers['content-type']) : undefined;
        const reply = await controlRequest(hooks.controls, method, path, body);
        response.writeHead(reply.status, { ...jsonHeaders, 'Content-Length': String(Buffer.byteLength(JSON.stringify(reply.body))) });
        response.end(JSON.stringify(reply.body));
      } catch (error) {
        const failure = error instanceof SandboxHttpError ? error : apiError(500, 'Internal Server Error', `Sandbox error: ${(error as Error)?.message}`);
        const text = JSON.stringify(failure.body);
        // Written here, not by `finish`: the control paths stay out of the request log.
        const unread = hasBody(request) && !request.complete;
        response.writeHead(failure.status, {
          ...jsonHeaders,
          ...failure.headers,
          'Content-Length': String(Buffer.byteLength(text)),
          ...(unread && { Connection: 'close' }),
        });
        response.end(text);
        if (unread) response.once('finish', () => request.socket.destroy());
      }
      return;
    }

    if (path.startsWith('/psd2/')) {
      const user = { userAgent: request.headers['user-agent'] ?? 'unknown', ipAddress: request.socket.remoteAddress ?? '127.0.0.1' };
      let form: Record<string, unknown> | undefined;
      if (method === 'POST') {
        try {
          const body = parseBody(await readBody(request), request.headers['content-type']);
          form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        } catch {
          form = {};
        }
      }
      const page = consentPage(sandbox, method, path, user, form);
      finish(page.status, page.headers, page.body);
      return;
    }

    // Our OpenAPI document, for health checks and code generators; public, as the API's is.
    if (path === '/api/v2/swagger.json' && (method === 'GET' || method === 'HEAD')) {
      finish(200, jsonHeaders, openApiJson());
      return;
    }

    // As the API's framework does: a path without its trailing slash goes to the one with it, when that is a route.
    if ((method === 'GET' || method === 'HEAD' || method === 'DELETE') && !path.endsWith('/') && matchRoute('GET', `${path}/`).kind !== 'not-found') {
      finish(301, { Location: `${path}/${url.search}` }, '');
      return;
    }

    if (sandbox.faults.latencyMs > 0) await this.wait(sandbox.faults.latencyMs);
    if (this.closing) {
      request.socket.destroy();
      return;
    }

    // HEAD is answered as GET is, without the body (node:http leaves it out).
    const match = matchRoute(method === 'HEAD' ? 'GET' : method, path);
    if (match.kind === 'found') entry.operation = match.route.operation;
    const fault = path.startsWith('/api/v2/token/') ? undefined : decideFault(sandbox.faults, hooks.faultRandom());
    if (fault) entry.fault = fault;
    if (fault === 'reset') {
      hooks.log(entry);
      request.socket.destroy();
      return;
    }

    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const json = (status: number, body: unknown) => finish(status, headers, JSON.stringify(body));
    try {
      Object.assign(headers, sandbox.limits.countRequest(sandbox.now()));
      if (fault === 'failure') throw injectedFailure(hooks.faultRandom());
      if (match.kind === 'not-found') throw routeNotFound();
      if (match.kind === 'method-not-allowed') {
        headers.Allow = match.allow.join(', ');
        throw apiError(405, 'Method Not Allowed', `Method "${method}" not allowed.`);
      }
      if (!match.route.public) authenticate(sandbox, request.headers.authorization);
      let body: unknown;
      if (method === 'POST' || method === 'PUT') {
        const text = await readBody(request);
        entry.body = loggedBody(text);
        body = parseBody(text, request.headers['content-type']);
      }
      const context: RequestContext = { sandbox, params: match.params, query: url.searchParams, body, path, responseHeaders: {} };
      let reply;
      try {
        reply = sandbox.errors.answer(match.route, context);
      } finally {
        // The account rate-limit headers go on errors of the operation as well as on its success.
        Object.assign(headers, context.responseHeaders);
      }
      json(reply.status, reply.body);
    } catch (error) {
      if (error instanceof SandboxHttpError) {
        Object.assign(headers, error.headers);
        json(error.status, error.body);
      } else {
        // A bug in the sandbox itself: still answer in the API's error shape, with the cause.
        json(500, { summary: 'Internal Server Error', detail: `Sandbox error: ${(error as Error)?.message ?? String(error)}`, status_code: 500 });
      }
    }
  }
}
