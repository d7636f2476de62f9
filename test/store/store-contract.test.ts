/**
 * The store contract suite (`gocardless-bankaccountdata/testing`): the memory
 * store keeps it (the Redis store runs it in redis-store.test.ts), and the suite
 * catches a store that breaks each kind of promise, saying which.
 */
import { createMemoryStore, type ClientStore } from '../../src/index';
import { storeContract, type StoreContractRunner } from '../../src/testing/index';

storeContract({ describe, it }, 'createMemoryStore', () => createMemoryStore());

/** The suite's cases, collected by a runner of our own instead of run by Jest. */
function casesOf(createStore: () => ClientStore): Array<{ name: string; run: () => Promise<void> }> {
  const cases: Array<{ name: string; run: () => Promise<void> }> = [];
  const runner: StoreContractRunner = {
    describe: (_name, body) => body(),
    it: (name, run) => cases.push({ name, run }),
  };
  storeContract(runner, 'probe', createStore);
  return cases;
}

async function failures(createStore: () => ClientStore): Promise<string[]> {
  const out: string[] = [];
  for (const { name, run } of casesOf(createStore)) {
    await run().catch((error: Error) => out.push(`${name}: ${error.message}`));
  }
  return out;
}

describe('the suite fails a store that', () => {
  it('hands a lock to every taker', async () => {
    const broken = (): ClientStore => ({ ...createMemoryStore(), acquireLock: async () => 'always' });
    const found = await failures(broken);
    expect(found.join('\n')).toMatch(/store contract: acquireLock of a held lock: expected undefined, got "always"/);
    expect(found.join('\n')).toMatch(/fences handed out to 8 concurrent acquireLock calls: expected 1, got 8/);
  });

  it('lets any fence free a lock', async () => {
    const broken = (): ClientStore => {
      const store = createMemoryStore();
      return { ...store, releaseLock: async (name) => store.releaseLock(name, 'ignored').then(() => undefined), extendLock: async () => true };
    };
    expect((await failures(broken)).join('\n')).toMatch(/extendLock with another fence: expected false, got true/);
  });

  it('mixes up budgets of different scopes', async () => {
    const store = createMemoryStore();
    const broken = (): ClientStore => ({
      ...store,
      getBudget: (account) => store.getBudget(account, 'transactions'),
      setBudget: (account, _scope, budget) => store.setBudget(account, 'transactions', budget),
    });
    expect((await failures(broken)).join('\n')).toMatch(/getBudget of another scope: expected undefined/);
  });

  it('keeps the caller’s object instead of what was set', async () => {
    const pairs = new Map<string, unknown>();
    const broken = (): ClientStore => ({
      ...createMemoryStore(),
      setTokens: async (key, pair) => void pairs.set(key, pair),
      getTokens: async (key) => pairs.get(key) as never,
    });
    expect((await failures(broken)).join('\n')).toMatch(/the access token after the caller changed its object: expected "kept"/);
  });

  it('never frees a lock whose holder vanished', async () => {
    const broken = (): ClientStore => {
      const store = createMemoryStore();
      return { ...store, acquireLock: (name) => store.acquireLock(name, 60_000) };
    };
    expect((await failures(broken)).join('\n')).toMatch(/found it still held/);
  });
});
