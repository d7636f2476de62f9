import type { AccountDataScope } from '../account-data';

/**
 * The seam between a client and the state it can share with other processes:
 * the token pair and the per-account budgets of successful calls.
 *
 * Each client keeps its own copy of the token pair in memory and reads the
 * store only when that copy is stale or was refused, so a healthy call costs
 * no store round trip for its token. Account data calls (details, balances,
 * transactions) read their budget before sending and write it after the
 * response. Renewals run under the store's lock, so processes sharing a store
 * make one token request between them.
 *
 * Implementations: `createMemoryStore()` (the default: one process) and
 * `createRedisStore(redis)` from `gocardless-bankaccountdata/redis`. Another
 * backend fits by implementing these seven methods; each may reject or take too
 * long: the client bounds every call (`callTimeoutMs`) and then carries on as a
 * lone process would, with a warning.
 */

/** The account scopes that have their own daily budget of successful calls: every account data endpoint. */
export type BudgetScope = AccountDataScope;

/** A token pair as stored. Times are epoch milliseconds. */
export interface StoredTokens {
  access: string;
  accessExpiresAt: number;
  refresh?: string;
  refreshExpiresAt?: number;
}

/** What the API last said about one account's budget in one scope. */
export interface AccountBudget {
  /** Successful calls allowed per window, when the API said. */
  limit?: number;
  /** Successful calls left in the window. */
  remaining: number;
  /** When the window resets, epoch milliseconds; past it the budget is unknown again. */
  resetAt: number;
}

export interface ClientStore {
  /**
   * The token pair stored under `key` (one key per set of API credentials), or
   * `undefined`. A store may drop the pair once its refresh token has expired.
   */
  getTokens(key: string): Promise<StoredTokens | undefined>;
  /** Stores the pair under `key`, replacing any other. */
  setTokens(key: string, tokens: StoredTokens): Promise<void>;
  /** The last budget recorded for the account and scope, or `undefined`. */
  getBudget(accountId: string, scope: BudgetScope): Promise<AccountBudget | undefined>;
  /** Records the budget; a store may drop it at `resetAt`. */
  setBudget(accountId: string, scope: BudgetScope, budget: AccountBudget): Promise<void>;
  /**
   * Takes the lock `name` for `ttlMs` unless someone holds it. Resolves to a
   * fencing value that proves ownership to `extendLock`/`releaseLock`, or to
   * `undefined` when the lock is held. A holder that dies loses the lock when
   * `ttlMs` runs out.
   */
  acquireLock(name: string, ttlMs: number): Promise<string | undefined>;
  /** Gives the lock another `ttlMs` if `fence` still holds it; resolves to whether it did. */
  extendLock(name: string, fence: string, ttlMs: number): Promise<boolean>;
  /** Frees the lock if `fence` still holds it (never someone else's). */
  releaseLock(name: string, fence: string): Promise<void>;
  /** How long the client waits for one call of this store before going on without it. Default `STORE_CALL_TIMEOUT_MS`. */
  readonly callTimeoutMs?: number;
  /** How long a lock taken by the client lives unless extended. Default `LOCK_TTL_MS`. */
  readonly lockTtlMs?: number;
}

/** Default bound of one store call: a store this slow is treated as down. */
export const STORE_CALL_TIMEOUT_MS = 1_000;
/** Default time to live of a lock: a crashed holder blocks the others this long at most. */
export const LOCK_TTL_MS = 5_000;
