/**
 * A loopback server in front of the sandbox that counts what arrives, by
 * method and path, at arrival (so a request whose sender dies still counts),
 * and can misbehave on script: hold token requests unanswered, or refuse one
 * access token as the API refuses an invalid one.
 */
import { createServer, request, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { invalidToken } from '../../src/sandbox/handlers/tokens';

export interface Arrival {
  method: string;
  path: string;
  at: number;
}

export class CountingFront {
  readonly arrivals: Arrival[] = [];
  /** While true, `POST /token/new/` requests are held, never answered. */
  holdNewTokens = false;
  /** Requests bearing this access token are answered 401 as an invalid token. */
  refusedToken?: string;
  private readonly held = new Set<ServerResponse>();
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(targetUrl: string): Promise<CountingFront> {
    const server = createServer();
    // Idle app connections outlive the apps' own idle time (60 s): a front that closed them
    // first would race an app's next request on that socket, as any keep-alive server would.
    server.keepAliveTimeout = 65_000;
    const front = new CountingFront(server, new URL(targetUrl));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => front.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  get url(): string {
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  /** How many requests arrived for `path` (and `method`, when given) since `since` (an index into `arrivals`). */
  count(path: string | RegExp, since = 0, method?: string): number {
    return this.arrivals.slice(since).filter((a) => (typeof path === 'string' ? a.path === path : path.test(a.path)) && (!method || a.method === method))
      .length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    this.arrivals.push({ method: req.method ?? '', path, at: Date.now() });
    if (this.holdNewTokens && path === '/api/v2/token/new/') {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      req.resume();
      return;
    }
    if (this.refusedToken && req.headers.authorization === `Bearer ${this.refusedToken}`) {
      const refusal = invalidToken();
      req.resume();
      res.writeHead(refusal.status, { 'content-type': 'application/json' }).end(JSON.stringify(refusal.body));
      return;
    }
    const forward = request(
      { host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: req.headers, agent: this.agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.agent.destroy();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
