/**
 * The default store: this process only. Values are kept in maps and forgotten
 * when they expire (tokens with their refresh token, budgets at their reset),
 * so a long-running process does not keep every account it ever read.
 */
import { randomId } from '../platform';
import type { AccountBudget, BudgetScope, ClientStore, StoredTokens } from './types';

export interface MemoryStoreOptions {
  /** The clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Keeps budgets of at most this many account scopes; the oldest go first. */
const MAX_BUDGETS = 10_000;

export function createMemoryStore(options: MemoryStoreOptions = {}): ClientStore {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, StoredTokens>();
  const budgets = new Map<string, AccountBudget>();
  const locks = new Map<string, { fence: string; expiresAt: number }>();
  const heldLock = (name: string) => {
    const lock = locks.get(name);
    return lock && lock.expiresAt > now() ? lock : undefined;
  };

  return {
    async getTokens(key) {
      const pair = tokens.get(key);
      if (pair && tokensExpiry(pair) <= now()) tokens.delete(key);
      return tokens.get(key);
    },
    async setTokens(key, pair) {
      tokens.set(key, { ...pair });
    },
    async getBudget(accountId, scope) {
      const key = budgetKey(accountId, scope);
      const budget = budgets.get(key);
      if (budget && budget.resetAt <= now()) budgets.delete(key);
      return budgets.get(key);
    },
    async setBudget(accountId, scope, budget) {
      const key = budgetKey(accountId, scope);
      budgets.delete(key);
      budgets.set(key, { ...budget });
      if (budgets.size > MAX_BUDGETS) budgets.delete(budgets.keys().next().value as string);
    },
    async acquireLock(name, ttlMs) {
      if (heldLock(name)) return undefined;
      const fence = randomId(12);
      locks.set(name, { fence, expiresAt: now() + ttlMs });
      return fence;
    },
    async extendLock(name, fence, ttlMs) {
      const lock = heldLock(name);
      if (lock?.fence !== fence) return false;
      lock.expiresAt = now() + ttlMs;
      return true;
    },
    async releaseLock(name, fence) {
      if (locks.get(name)?.fence === fence) locks.delete(name);
    },
  };
}

/** When a stored pair is no longer worth anything: the later of its two expiries. */
export function tokensExpiry(pair: StoredTokens): number {
  return Math.max(pair.accessExpiresAt, pair.refreshExpiresAt ?? -Infinity);
}

function budgetKey(accountId: string, scope: BudgetScope): string {
  return `${accountId}:${scope}`;
}
