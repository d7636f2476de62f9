/** A sandbox on a test clock with a client wired to it, for the flow tests. */
import { DAY_MS } from '../../src/account-data';
import { BankAccountDataClient } from '../../src/index';
import { createSandboxServer, type SandboxOptions, type SandboxServer } from '../../src/sandbox/index';

export { DAY_MS };
export const SANDBOX_BANK = 'SANDBOXFINANCE_SFIN0000';
export const REDIRECT = 'https://app.example/bank-callback';

export interface Setup {
  sandbox: SandboxServer;
  client: BankAccountDataClient;
  clock: { now(): number; advance(ms: number): void; readonly value: number };
  /** Requests that reached the sandbox since `mark()` was last called, as "METHOD /path". */
  since(mark: number): string[];
  close(): Promise<void>;
}

export async function setup(options: SandboxOptions = {}, start = Date.parse('2024-03-15T12:00:00.000Z')): Promise<Setup> {
  let now = start;
  const clock = {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    get value() {
      return now;
    },
  };
  // Tokens outlive the test's sandbox days, so counts show the flows' own calls only.
  const sandbox = await createSandboxServer({ port: 0, now: clock.now, accessTtlSeconds: 90 * 86_400, refreshTtlSeconds: 90 * 86_400, ...options });
  const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, fetchApi: globalThis.fetch });
  return {
    sandbox,
    client,
    clock,
    since: (mark) => sandbox.requests.slice(mark).map((r) => `${r.method} ${r.path}`),
    close: () => sandbox.close(),
  };
}

/** Follows a consent link like a browser; returns where the bank sends the end user back to. */
export async function followLink(link: string): Promise<string> {
  const response = await fetch(link, { redirect: 'manual' });
  await response.text();
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent link answered ${response.status}`);
  return location;
}
