/**
 * `gocardless-bankaccountdata/redis`: a `ClientStore` over the app's own Redis
 * client, so every process of an app shares one token pair and the accounts'
 * budgets.
 *
 * ```ts
 * import Redis from 'ioredis';
 * import { createRedisStore } from 'gocardless-bankaccountdata/redis';
 * const client = new BankAccountDataClient({ secretId, secretKey, store: createRedisStore(new Redis(url)) });
 * ```
 *
 * Works with `ioredis` (4 and later) and `redis` (node-redis 4 and later, connected
 * by the app). Keys, all under `prefix`:
 *
 *   <prefix>tokens:<credentials hash>          the token pair, JSON; expires with the refresh token
 *   <prefix>budget:<account id>:<scope>        { limit, remaining, resetAt }; expires at the reset
 *   <prefix>lock:<name>                        a fencing value; expires after the lock's TTL
 *
 * The token pair is as secret as the secret key: restrict who can read the
 * Redis. Nothing here logs or reports a value.
 */
import { randomBytes } from 'node:crypto';
import { tokensExpiry } from '../store/memory';
import type { AccountBudget, BudgetScope, ClientStore, StoredTokens } from '../store/types';
import { LOCK_TTL_MS, STORE_CALL_TIMEOUT_MS } from '../store/types';

export type { AccountBudget, BudgetScope, ClientStore, StoredTokens } from '../store/types';

/** The part of an ioredis client this store uses. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}
/** The part of a node-redis (v4+) client this store uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Put before every key. Default `gocardless-bankaccountdata:`. */
  prefix?: string;
  /** How long the client waits for one Redis command before going on without the store. Default 1 000 ms. */
  callTimeoutMs?: number;
  /** Time to live of the renewal lock; a crashed holder blocks the others this long at most. Default 5 000 ms (at most 10 000 ms). */
  lockTtlMs?: number;
}

export const DEFAULT_REDIS_PREFIX = 'gocardless-bankaccountdata:';

/** Extends the lock only while the caller's fencing value still holds it. */
const EXTEND_IF_HELD = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lock only while the caller's fencing value still holds it. */
const RELEASE_IF_HELD = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A store shared by every process that uses the same Redis and prefix. */
export function createRedisStore(redis: IoRedisLike | NodeRedisLike, options: RedisStoreOptions = {}): ClientStore {
  const send = commandSender(redis);
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  if (typeof prefix !== 'string') throw invalid('prefix', 'a string', typeof prefix);
  const callTimeoutMs = positive('callTimeoutMs', options.callTimeoutMs, STORE_CALL_TIMEOUT_MS, Infinity);
  const lockTtlMs = positive('lockTtlMs', options.lockTtlMs, LOCK_TTL_MS, 10_000);

  const tokensKey = (key: string) => `${prefix}tokens:${key}`;
  const budgetKey = (accountId: string, scope: BudgetScope) => `${prefix}budget:${accountId}:${scope}`;
  const lockKey = (name: string) => `${prefix}lock:${name}`;

  async function getJson<T>(key: string): Promise<T | undefined> {
    const raw = await send(['GET', key]);
    if (typeof raw !== 'string') return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return undefined; // not ours, or cut short: as good as absent
    }
  }
  async function setJson(key: string, value: unknown, expiresAt: number): Promise<void> {
    const ttl = Math.ceil(expiresAt - Date.now());
    if (!(ttl > 0)) return;
    // An unknown expiry (Infinity) keeps the value until it is replaced.
    await send(Number.isFinite(ttl) ? ['SET', key, JSON.stringify(value), 'PX', String(ttl)] : ['SET', key, JSON.stringify(value)]);
  }

  return {
    callTimeoutMs,
    lockTtlMs,
    getTokens: (key) => getJson<StoredTokens>(tokensKey(key)).then((pair) => (isTokens(pair) ? pair : undefined)),
    setTokens: (key, pair) => setJson(tokensKey(key), pair, tokensExpiry(pair)),
    getBudget: (accountId, scope) => getJson<AccountBudget>(budgetKey(accountId, scope)).then((budget) => (isBudget(budget) ? budget : undefined)),
    setBudget: (accountId, scope, budget) => setJson(budgetKey(accountId, scope), budget, budget.resetAt),
    async acquireLock(name, ttlMs) {
      const fence = randomBytes(16).toString('base64url');
      const reply = await send(['SET', lockKey(name), fence, 'NX', 'PX', String(Math.ceil(ttlMs))]);
      return reply === 'OK' ? fence : undefined;
    },
    async extendLock(name, fence, ttlMs) {
      return Number(await send(['EVAL', EXTEND_IF_HELD, '1', lockKey(name), fence, String(Math.ceil(ttlMs))])) === 1;
    },
    async releaseLock(name, fence) {
      await send(['EVAL', RELEASE_IF_HELD, '1', lockKey(name), fence]);
    },
  };
}

function commandSender(redis: unknown): (args: string[]) => Promise<unknown> {
  const client = redis as Partial<IoRedisLike & NodeRedisLike> | null;
  // ioredis has both; its `sendCommand` takes a Command object, so `call` goes first.
  if (client && typeof client.call === 'function') return (args) => client.call!(args[0], ...args.slice(1));
  if (client && typeof client.sendCommand === 'function') return (args) => client.sendCommand!(args);
  throw invalid('redis', 'an ioredis or node-redis client', client === null ? 'null' : typeof client);
}

function isTokens(value: unknown): value is StoredTokens {
  const pair = value as StoredTokens | undefined;
  return typeof pair?.access === 'string' && typeof pair.accessExpiresAt === 'number';
}

function isBudget(value: unknown): value is AccountBudget {
  const budget = value as AccountBudget | undefined;
  return typeof budget?.remaining === 'number' && typeof budget.resetAt === 'number';
}

function positive(option: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || value > max) throw invalid(option, `a number above 0${max < Infinity ? ` and at most ${max}` : ''}`, value);
  return value;
}

function invalid(option: string, expected: string, got: unknown): TypeError {
  return new TypeError(`gocardless-bankaccountdata/redis: option "${option}" must be ${expected}, got ${String(got)}`);
}
