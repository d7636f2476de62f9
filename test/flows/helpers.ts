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

/**
 * Plays the end user's browser on a link: Approve on a requisition's consent page (a form
 * posting back to the link); a GET of any other (`…/cancel`, a reconfirmation link). Returns
 * where the bank sends them back to.
 */
export async function followLink(link: string): Promise<string> {
  const approve = /^\/psd2\/start\/[^/]+\/[^/]+$/.test(new URL(link).pathname);
  const response = approve
    ? await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' })
    : await fetch(link, { redirect: 'manual' });
  await response.text();
  const location = response.headers.get('location');
  if (response.status !== (approve ? 303 : 302) || !location) throw new Error(`consent link answered ${response.status}`);
  return location;
}
