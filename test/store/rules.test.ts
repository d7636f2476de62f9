/**
 * The store's rules without sockets: which calls spend an account budget, when
 * a recorded budget refuses a call (and the exception it refuses with), the
 * per-call time limit and the fallback of an unreachable store, and the lock.
 */
import { RateLimitException } from '../../src/index';
import { budgetFromWindow, budgetTargetOf, spentBudgetFailure } from '../../src/store/budget';
import { StoreGuard, STORE_RETRY_AFTER_MS, UNAVAILABLE } from '../../src/store/guard';
import { runLocked } from '../../src/store/lock';
import { createMemoryStore } from '../../src/store/memory';
import type { ClientStore } from '../../src/store/types';

const ACCOUNT = '7e944232-bda9-40bc-b784-660c7ab5fe78';

describe('budgetTargetOf', () => {
  it.each([
    ['GET', `/api/v2/accounts/${ACCOUNT}/details/`, 'details'],
    ['GET', `/api/v2/accounts/${ACCOUNT}/balances/`, 'balances'],
    ['GET', `/api/v2/accounts/${ACCOUNT}/transactions/?date_from=2024-01-01`, 'transactions'],
    ['GET', `/api/v2/accounts/${ACCOUNT}/`, undefined], // metadata has no per-account budget
    ['GET', `/api/v2/accounts/${ACCOUNT}/transactions/extra/`, undefined],
    ['POST', `/api/v2/accounts/${ACCOUNT}/balances/`, undefined],
    ['GET', '/api/v2/institutions/', undefined],
    ['GET', '/api/v2/accounts/%E0%A4%A/balances/', 'balances'], // not valid percent-encoding: kept as it is, no failure
  ])('%s %s → %s', (method, path, scope) => {
    const target = budgetTargetOf(method, path);
    expect(target?.scope).toBe(scope);
    if (scope && path.includes(ACCOUNT)) expect(target?.accountId).toBe(ACCOUNT);
  });
});

describe('budgetFromWindow', () => {
  it('turns the seconds to reset into a time, from when the call was sent', () => {
    expect(budgetFromWindow({ limit: 4, remaining: 1, resetSeconds: 60 }, 1_000)).toEqual({ limit: 4, remaining: 1, resetAt: 61_000 });
  });
  it('records nothing when the response does not say both what is left and when it resets', () => {
    expect(budgetFromWindow(undefined, 0)).toBeUndefined();
    expect(budgetFromWindow({ limit: 4, remaining: 0 }, 0)).toBeUndefined();
    expect(budgetFromWindow({ limit: 4, resetSeconds: 10 }, 0)).toBeUndefined();
  });
});

describe('spentBudgetFailure', () => {
  const target = { accountId: ACCOUNT, scope: 'balances' as const };
  const request = { method: 'GET', path: `/api/v2/accounts/${ACCOUNT}/balances/` };

  it('lets a call go while the budget has calls left, or nothing is known', () => {
    expect(spentBudgetFailure(target, { remaining: 1, resetAt: 100_000 }, 0, request)).toBeUndefined();
    expect(spentBudgetFailure(target, undefined, 0, request)).toBeUndefined();
  });

  it('never refuses once the reset is near or past: the API may already allow the call', () => {
    expect(spentBudgetFailure(target, { remaining: 0, resetAt: 10_000 }, 10_000, request)).toBeUndefined();
    expect(spentBudgetFailure(target, { remaining: 0, resetAt: 10_000 }, 20_000, request)).toBeUndefined();
    // The reset header counts whole seconds: the last second before the recorded reset is not refused.
    expect(spentBudgetFailure(target, { remaining: 0, resetAt: 10_000 }, 9_000, request)).toBeUndefined();
    expect(spentBudgetFailure(target, { remaining: 0, resetAt: 10_000 }, 8_999, request)).toBeDefined();
  });

  it('refuses a spent budget with the 429 the API answers: RateLimitException, account window, wait until the reset', () => {
    const failure = spentBudgetFailure(target, { limit: 4, remaining: 0, resetAt: 3_600_000 }, 1_500, request)!;
    expect(failure).toBeInstanceOf(RateLimitException);
    expect(failure.status).toBe(429);
    expect(failure.retryAfterSeconds).toBe(3599);
    expect(failure.rateLimit).toEqual({ account: { limit: 4, remaining: 0, resetSeconds: 3599 } });
    expect(failure.headers).toMatchObject({ http_x_ratelimit_account_success_remaining: '0', http_x_ratelimit_account_success_reset: '3599' });
    expect(failure.summary).toBe('Rate limit exceeded');
    expect(failure.message).toMatch(/did not send/);
    expect(failure).toMatchObject(request);
  });
});

describe('StoreGuard', () => {
  function hanging(): ClientStore {
    const never = () => new Promise<never>(() => undefined);
    return { ...createMemoryStore(), getTokens: never, callTimeoutMs: 50 };
  }

  it('bounds each call, then skips the store for a while, with one warning per outage', async () => {
    let now = 0;
    const warnings: string[] = [];
    const guard = new StoreGuard(
      hanging(),
      (message) => warnings.push(message),
      () => now,
    );
    const started = Date.now();
    expect(await guard.call((store) => store.getTokens('k'))).toBe(UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await guard.call((store) => store.getBudget('a', 'details'))).toBe(UNAVAILABLE); // skipped, not tried
    now += STORE_RETRY_AFTER_MS + 1;
    expect(await guard.call((store) => store.getTokens('k'))).toBe(UNAVAILABLE); // tried again, still down
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/store failed \(no answer within 50 ms\); going on without it/);
    now += STORE_RETRY_AFTER_MS + 1;
    expect(await guard.call((store) => store.getBudget('a', 'details'))).toBeUndefined(); // answered: back in use
    expect(await guard.call((store) => store.getTokens('k'))).toBe(UNAVAILABLE);
    expect(warnings).toHaveLength(2); // a new outage warns again
  });

  it('turns a store that throws into UNAVAILABLE', async () => {
    const failing: ClientStore = { ...createMemoryStore(), getTokens: async () => Promise.reject(new Error('connection lost')) };
    const warnings: string[] = [];
    expect(await new StoreGuard(failing, (m) => warnings.push(m)).call((store) => store.getTokens('k'))).toBe(UNAVAILABLE);
    expect(warnings[0]).toMatch(/connection lost/);
  });
});

describe('runLocked', () => {
  it('runs one holder at a time; a waiter runs once the holder is done', async () => {
    const guard = new StoreGuard(createMemoryStore(), () => undefined);
    const order: string[] = [];
    let release!: () => void;
    const first = runLocked(guard, 'x', async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first ends');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const second = runLocked(guard, 'x', async () => void order.push('second'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(order).toEqual(['first starts']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first starts', 'first ends', 'second']);
  });

  it('takes a lock whose holder died once its time to live runs out', async () => {
    const store = { ...createMemoryStore(), lockTtlMs: 200 };
    const guard = new StoreGuard(store, () => undefined);
    await store.acquireLock('x', 200); // a holder that never releases or extends
    const started = Date.now();
    await runLocked(guard, 'x', async () => undefined);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(2_000);
  });

  it('keeps the lock while the work outlives the time to live', async () => {
    const store = { ...createMemoryStore(), lockTtlMs: 90 };
    const guard = new StoreGuard(store, () => undefined);
    let stolen: string | undefined;
    await runLocked(guard, 'x', async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stolen = await store.acquireLock('x', 90);
    });
    expect(stolen).toBeUndefined();
  });
});

describe('createMemoryStore', () => {
  it('forgets a pair once both tokens expired, and a budget at its reset', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.setTokens('k', { access: 'a', accessExpiresAt: 10, refresh: 'r', refreshExpiresAt: 20 });
    await store.setBudget('acc', 'details', { remaining: 0, resetAt: 15 });
    now = 12;
    expect(await store.getTokens('k')).toMatchObject({ access: 'a' });
    expect(await store.getBudget('acc', 'details')).toEqual({ remaining: 0, resetAt: 15 });
    now = 20;
    expect(await store.getTokens('k')).toBeUndefined();
    expect(await store.getBudget('acc', 'details')).toBeUndefined();
  });
});
