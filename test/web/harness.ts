/** The web quickstart in this process, on its own sandbox with a clock the test moves. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebApp } from '../../examples/web/app';
import { BankAccountDataClient, type TokenSet } from '../../src/index';
import { createSandboxServer, type SandboxOptions, type SandboxServer } from '../../src/sandbox/index';

export interface Quickstart {
  /** `http://localhost:<port>`, as `npm start -- --web` prints it. */
  url: string;
  sandbox: SandboxServer;
  client: BankAccountDataClient;
  /** The secrets and every token the client received: none may reach the browser. */
  secrets(): string[];
  /** Moves the sandbox's (and the app's) clock forward. */
  advance(ms: number): void;
  /** What the app reported as failures (messages only). */
  log: string[];
  close(): Promise<void>;
}

export async function startQuickstart(sandboxOptions: SandboxOptions = {}): Promise<Quickstart> {
  let now = Date.parse('2026-03-16T12:00:00.000Z');
  const clock = () => now;
  const sandbox = await createSandboxServer({ now: clock, ...sandboxOptions });
  const tokens: TokenSet[] = [];
  const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, onTokens: (set) => tokens.push(set) });
  const log: string[] = [];
  const app = createWebApp({ client, mode: 'Sandbox', fetchLogos: false, pollMs: 200, now: clock, log: (line) => log.push(line) });
  const server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    sandbox,
    client,
    log,
    secrets: () => [
      sandbox.credentials.secretId,
      sandbox.credentials.secretKey,
      ...tokens.flatMap((set) => [set.access, set.refresh].filter((token): token is string => typeof token === 'string')),
    ],
    advance: (ms) => {
      now += ms;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.close();
      await sandbox.close();
    },
  };
}
