/**
 * What every `ClientStore` must do for clients that share it, as a suite any
 * test runner can run: Jest, Vitest, Mocha or `node:test`. The suite brings its
 * own assertions and needs only the runner's `describe` and `it`, so importing
 * it loads no test framework. The memory and Redis stores run it in this
 * repository's tests; a third-party store runs it the same way.
 *
 * Every case uses keys of its own (a random prefix per run), so the suite can
 * run against a shared backend, and waits at most about a second.
 */
import type { AccountBudget, ClientStore, StoredTokens } from '../store/types';

/** The two functions of a test runner the suite uses; pass your runner's own. */
export interface StoreContractRunner {
  describe: (name: string, body: () => void) => unknown;
  it: (name: string, body: () => Promise<void>) => unknown;
}

/** Makes the store a case runs against; called once per case. */
export type StoreFactory = () => ClientStore | Promise<ClientStore>;

/** The time to live the lock cases take, and how long they wait for it to run out. */
const SHORT_TTL_MS = 200;
const PAST_SHORT_TTL_MS = 600;

/**
 * Declares the store contract suite under `describe(name)`. Each case calls
 * `createStore` and fails with a message that says which promise the store broke.
 *
 * ```ts
 * import { describe, it } from 'node:test'; // or Jest's, Vitest's globals
 * import { storeContract } from 'gocardless-bankaccountdata/testing';
 * storeContract({ describe, it }, 'my store', () => createMyStore(connection));
 * ```
 */
export function storeContract(runner: StoreContractRunner, name: string, createStore: StoreFactory): void {
  const { describe, it } = runner;
  const run = randomSuffix();
  let counter = 0;
  /** A key no other case, run or concurrent suite uses. */
  const unique = (what: string) => `contract-${run}-${++counter}-${what}`;

  describe(`${name}: the ClientStore contract`, () => {
    it('has a token pair only once it was set, returns it as set, and keeps pairs apart by key', async () => {
      const store = await createStore();
      const [key, other] = [unique('tokens'), unique('tokens')];
      const now = Date.now();
      const pair: StoredTokens = { access: 'a.b.c', accessExpiresAt: now + 60_000, refresh: 'd.e.f', refreshExpiresAt: now + 120_000 };
      equal(await store.getTokens(key), undefined, 'getTokens of a key never set');
      await store.setTokens(key, pair);
      equal(await store.getTokens(key), pair, 'getTokens after setTokens');
      equal(await store.getTokens(other), undefined, 'getTokens of another key');
    });

    it('replaces a pair, and keeps one without a refresh token', async () => {
      const store = await createStore();
      const key = unique('tokens');
      const now = Date.now();
      await store.setTokens(key, { access: 'old', accessExpiresAt: now + 60_000, refresh: 'r', refreshExpiresAt: now + 120_000 });
      const replacement: StoredTokens = { access: 'new', accessExpiresAt: now + 90_000 };
      await store.setTokens(key, replacement);
      equal(await store.getTokens(key), replacement, 'getTokens after a second setTokens');
    });

    it('keeps what was set, not the object it was given', async () => {
      const store = await createStore();
      const key = unique('tokens');
      const now = Date.now();
      const pair: StoredTokens = { access: 'kept', accessExpiresAt: now + 60_000 };
      await store.setTokens(key, pair);
      pair.access = 'changed after setTokens';
      equal((await store.getTokens(key))?.access, 'kept', 'the access token after the caller changed its object');
    });

    it('has a budget only once it was set, per account and scope', async () => {
      const store = await createStore();
      const [account, other] = [unique('account'), unique('account')];
      const budget: AccountBudget = { limit: 4, remaining: 1, resetAt: Date.now() + 60_000 };
      equal(await store.getBudget(account, 'transactions'), undefined, 'getBudget never set');
      await store.setBudget(account, 'transactions', budget);
      equal(await store.getBudget(account, 'transactions'), budget, 'getBudget after setBudget');
      equal(await store.getBudget(account, 'balances'), undefined, 'getBudget of another scope');
      equal(await store.getBudget(other, 'transactions'), undefined, 'getBudget of another account');
      const spent: AccountBudget = { remaining: 0, resetAt: Date.now() + 30_000 };
      await store.setBudget(account, 'transactions', spent);
      equal(await store.getBudget(account, 'transactions'), spent, 'getBudget after a second setBudget (no limit)');
    });

    it('gives a lock to one holder, and lets only its fence extend or free it', async () => {
      const store = await createStore();
      const lock = unique('lock');
      const fence = await store.acquireLock(lock, 5_000);
      check(typeof fence === 'string' && fence !== '', `acquireLock of a free lock resolved to ${show(fence)}, not a fence`);
      equal(await store.acquireLock(lock, 5_000), undefined, 'acquireLock of a held lock');
      equal(await store.extendLock(lock, `${fence}-not`, 5_000), false, 'extendLock with another fence');
      await store.releaseLock(lock, `${fence}-not`);
      equal(await store.acquireLock(lock, 5_000), undefined, 'acquireLock after releaseLock with another fence');
      equal(await store.extendLock(lock, fence!, 5_000), true, 'extendLock with the holder’s fence');
      await store.releaseLock(lock, fence!);
      const next = await store.acquireLock(lock, 5_000);
      check(typeof next === 'string' && next !== fence, `acquireLock after the holder freed it resolved to ${show(next)}, not a new fence`);
      await store.releaseLock(lock, next!);
    });

    it('gives a lock to exactly one of several concurrent takers', async () => {
      const store = await createStore();
      const lock = unique('lock');
      const fences = await Promise.all(Array.from({ length: 8 }, () => store.acquireLock(lock, 5_000)));
      const taken = fences.filter((fence): fence is string => fence !== undefined);
      equal(taken.length, 1, 'fences handed out to 8 concurrent acquireLock calls');
      await store.releaseLock(lock, taken[0]);
    });

    it('frees a lock whose holder vanished once its time to live runs out, and the old fence no longer holds it', async () => {
      const store = await createStore();
      const lock = unique('lock');
      const fence = await store.acquireLock(lock, SHORT_TTL_MS);
      check(typeof fence === 'string', 'acquireLock of a free lock gave no fence');
      await new Promise((resolve) => setTimeout(resolve, PAST_SHORT_TTL_MS));
      const next = await store.acquireLock(lock, 5_000);
      check(typeof next === 'string', `acquireLock ${PAST_SHORT_TTL_MS} ms after a ${SHORT_TTL_MS} ms lock was taken found it still held`);
      equal(await store.extendLock(lock, fence!, 5_000), false, 'extendLock with the fence of a lock that ran out and was taken again');
      await store.releaseLock(lock, fence!);
      equal(await store.extendLock(lock, next!, 5_000), true, 'extendLock by the new holder after the old fence tried to free it');
      await store.releaseLock(lock, next!);
    });

    it('keeps a lock past its first time to live when its holder extends it', async () => {
      const store = await createStore();
      const lock = unique('lock');
      const fence = await store.acquireLock(lock, SHORT_TTL_MS);
      check(typeof fence === 'string', 'acquireLock of a free lock gave no fence');
      equal(await store.extendLock(lock, fence!, 5_000), true, 'extendLock by the holder');
      await new Promise((resolve) => setTimeout(resolve, PAST_SHORT_TTL_MS));
      equal(await store.acquireLock(lock, 5_000), undefined, 'acquireLock of a lock extended past its first time to live');
      await store.releaseLock(lock, fence!);
    });
  });
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`store contract: ${message}`);
}

/** Deep equality of JSON-like values (what a store keeps), keys in any order. */
function equal(actual: unknown, expected: unknown, what: string): void {
  check(canonical(actual) === canonical(expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
