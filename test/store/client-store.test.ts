/**
 * The `store` option in one process, against the sandbox: clients sharing a
 * store share the token pair and the budgets; the default keeps each client to
 * itself; a failing store slows no call down past its time limit and leaks no
 * token into the warning it causes.
 */
import { BankAccountDataClient, createMemoryStore, RateLimitException, type ClientStore } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, http, linkAccounts, startSandbox } from '../sandbox/helpers';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const TOKEN_NEW = '/api/v2/token/new/';
const client = (store?: ClientStore, extra: Record<string, unknown> = {}) =>
  new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0, ...(store && { store }), ...extra });
const institution = (c: BankAccountDataClient) => c.institutions.retrieveInstitution({ id: 'SANDBOXFINANCE_SFIN0000' });
const requestsTo = (path: string, since: number) => sandbox.requests.slice(since).filter((r) => r.path === path).length;

async function capturingWarnings<T>(run: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
  try {
    const result = await run();
    return { result, warnings: emitWarning.mock.calls.map(([warning]) => String(warning)) };
  } finally {
    emitWarning.mockRestore();
  }
}

it('clients sharing a store make one token request between them; a client that finds a token uses it', async () => {
  const store = createMemoryStore();
  const since = sandbox.requests.length;
  const [a, b] = [client(store), client(store)];
  await Promise.all([institution(a), institution(a)]);
  await Promise.all([institution(b), institution(b)]);
  expect(requestsTo(TOKEN_NEW, since)).toBe(1);
});

it('without a store option each client keeps its own tokens, as before', async () => {
  const since = sandbox.requests.length;
  await institution(client());
  await institution(client());
  expect(requestsTo(TOKEN_NEW, since)).toBe(2);
});

it('refuses a call on a spent account budget without sending it, with the default store too', async () => {
  const call = http(sandbox);
  const { accounts } = await linkAccounts(sandbox, call, await accessToken(sandbox, call));
  const path = `/api/v2/accounts/${accounts[0]}/details/`;
  const c = client();
  for (let i = 0; i < 4; i++) await c.accounts.retrieveAccountDetails({ id: accounts[0] });
  const since = sandbox.requests.length;
  const refused = await c.accounts.retrieveAccountDetails({ id: accounts[0] }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(RateLimitException);
  expect((refused as RateLimitException).rateLimit?.account).toMatchObject({ limit: 4, remaining: 0 });
  expect(requestsTo(path, since)).toBe(0);
  // Another account's budget, and metadata, are not affected.
  await expect(c.accounts.retrieveAccountDetails({ id: accounts[1] })).resolves.toBeDefined();
  await expect(c.accounts.retrieveAccountMetadata({ id: accounts[0] })).resolves.toBeDefined();
});

it('goes on without a store that does not answer, within its time limit, with one warning', async () => {
  const never = () => new Promise<never>(() => undefined);
  const dead: ClientStore = { ...createMemoryStore(), getTokens: never, setTokens: never, acquireLock: never, getBudget: never, callTimeoutMs: 100 };
  const logged: string[] = [];
  const logger = { debug() {}, info() {}, warn: (message: string) => logged.push(message), error() {} };
  const c = client(dead, { logger });
  const since = sandbox.requests.length;
  const started = Date.now();
  const { warnings } = await capturingWarnings(async () => {
    await institution(c);
    await institution(c);
  });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(requestsTo(TOKEN_NEW, since)).toBe(1);
  expect(warnings.filter((w) => /the store failed \(no answer within 100 ms\)/.test(w))).toHaveLength(1);
  expect(logged.filter((w) => /the store failed/.test(w))).toHaveLength(1);
});

it('never puts a token into the warning of a failing store', async () => {
  let leaked = '';
  const store: ClientStore = {
    ...createMemoryStore(),
    async setTokens(_key, pair) {
      leaked = pair.access;
      throw new Error(`cannot write ${pair.access} / ${pair.refresh}`);
    },
  };
  const { warnings } = await capturingWarnings(() => institution(client(store)));
  expect(leaked).not.toBe('');
  expect(warnings.join('\n')).toMatch(/the store failed \(cannot write/);
  expect(warnings.join('\n')).not.toContain(leaked);
});

it('names the store option when it is not a store', () => {
  expect(() => client({} as ClientStore)).toThrow(/option "store" must be an object with getTokens\/setTokens/);
});
