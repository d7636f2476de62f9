/**
 * The options of `BankAccountDataClient`, their defaults, and their validation.
 * Options are checked once, in the constructor, so a bad value fails with a
 * message naming it before any request is sent.
 */
import type { FetchAPI } from '../generated/runtime';
import { version as VERSION } from '../package.json';
import type { TokenSet } from './auth/token-manager';
import { nodeVersion } from './platform';
import type { RateLimitInfo } from './rate-limit';
import type { ClientStore } from './store/types';

/** Production host of the API. */
export const DEFAULT_BASE_URL = 'https://bankaccountdata.gocardless.com';

/** Receives the client's log lines. `console` fits; so do pino and winston loggers. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Where a rate-limit report came from. */
export interface RateLimitContext {
  method: string;
  /** Path and query of the request. */
  path: string;
  status: number;
}

export interface ClientOptions {
  /** Secret id from the API's user secrets page. With `secretKey`, the client obtains and renews tokens itself. */
  secretId?: string;
  /** Secret key from the API's user secrets page. Never logged or put in an error. */
  secretKey?: string;
  /** An access token the app already holds; used as is until it expires (its JWT `exp`) or is refused. */
  accessToken?: string;
  /** A refresh token the app already holds; used to renew the access token before falling back to the secrets. */
  refreshToken?: string;
  /**
   * Called with the token pair (or the renewed access token, with the refresh token
   * still held) each time the client obtains one, so an unattended job can persist
   * them and pass them back as `accessToken` / `refreshToken` on its next start,
   * instead of spending a token request each run. The one place tokens leave the client.
   */
  onTokens?: (tokens: TokenSet) => void;
  /** API host. Default `https://bankaccountdata.gocardless.com`; point it at the sandbox in tests. */
  baseUrl?: string;
  /**
   * The fetch function used for every request. Default: node-fetch 2 with a
   * keep-alive agent. `globalThis.fetch`, undici's `fetch` or a test double plug in as they are.
   */
  fetchApi?: FetchAPI;
  /** Time allowed for one attempt, from sending the request to the last byte of the body. Default 30 000 ms. */
  timeoutMs?: number;
  /** Time allowed for a whole call, all attempts and waits included. Default 120 000 ms. */
  totalTimeoutMs?: number;
  /** How many times a failed attempt may be tried again (see README, Retries). Default 2; 0 disables retries. */
  maxRetries?: number;
  /** First backoff step of the exponential backoff with full jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff wait. Default 8 000 ms. */
  retryMaxDelayMs?: number;
  /**
   * Longest server-requested wait (`Retry-After`, rate-limit reset) the client sits
   * out before retrying. A longer one fails the call at once with the
   * `RateLimitException`, whose `retryAfterSeconds` says how long. Default 60 000 ms.
   */
  maxRetryWaitMs?: number;
  /** `User-Agent` header. Default `gocardless-bankaccountdata/<version> node/<version>`. */
  userAgent?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Called after every response that carries rate-limit headers, errors included. */
  onRateLimit?: (rateLimit: RateLimitInfo, context: RateLimitContext) => void;
  /** Receives one line per attempt (method, path, status, attempt, duration) and per retry. Nothing secret is logged. */
  logger?: Logger;
  /**
   * Where the token pair and the accounts' budgets of successful calls are kept.
   * Default: in this client's memory. Give a shared one (`createRedisStore` from
   * `gocardless-bankaccountdata/redis`) so that several processes make one token
   * request between them and no process spends an account call the API would
   * refuse. See README, "Many processes".
   */
  store?: ClientStore;
}

/** Options after defaults were applied and values were checked. */
export interface ResolvedOptions {
  baseUrl: string;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRetryWaitMs: number;
  userAgent: string;
  headers: Record<string, string>;
}


function invalid(option: string, expected: string, value: unknown): TypeError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new TypeError(`gocardless-bankaccountdata: option "${option}" must be ${expected}, got ${shown}`);
}

function number(options: ClientOptions, key: keyof ClientOptions, fallback: number, min: number, integer = false): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw invalid(key, `${integer ? 'an integer' : 'a number'} ≥ ${min}`, value);
  }
  return value;
}

function optionalString(options: ClientOptions, key: keyof ClientOptions): void {
  const value = options[key];
  if (value !== undefined && (typeof value !== 'string' || value === '')) throw invalid(key, 'a non-empty string', typeof value === 'string' ? value : typeof value);
}

const STORE_METHODS = ['getTokens', 'setTokens', 'getBudget', 'setBudget', 'acquireLock', 'extendLock', 'releaseLock'] as const;

function isStore(value: unknown): value is ClientStore {
  return typeof value === 'object' && value !== null && STORE_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** Applies defaults and checks every option; throws a `TypeError` naming the first bad one. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw invalid('options', 'an object', options);
  for (const key of ['secretId', 'secretKey', 'accessToken', 'refreshToken', 'userAgent'] as const) optionalString(options, key);
  if (Boolean(options.secretId) !== Boolean(options.secretKey)) {
    throw new TypeError(`gocardless-bankaccountdata: options "secretId" and "secretKey" go together; only ${options.secretId ? 'secretId' : 'secretKey'} was given`);
  }
  if (!options.secretId && !options.accessToken && !options.refreshToken) {
    throw new TypeError('gocardless-bankaccountdata: give "secretId" and "secretKey", or an "accessToken" / "refreshToken"');
  }
  for (const key of ['fetchApi', 'onRateLimit', 'onTokens'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw invalid(key, 'a function', typeof options[key]);
  }
  if (options.store !== undefined && !isStore(options.store)) throw invalid('store', `an object with ${STORE_METHODS.join('/')}`, typeof options.store);
  if (options.logger !== undefined && (typeof options.logger !== 'object' || options.logger === null)) throw invalid('logger', 'an object with debug/info/warn/error', typeof options.logger);

  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw invalid('baseUrl', 'an absolute http(s) URL', baseUrl);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('baseUrl', 'an absolute http(s) URL', baseUrl);

  const headers = options.headers ?? {};
  if (typeof headers !== 'object' || headers === null) throw invalid('headers', 'an object of header names to strings', headers);
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw invalid(`headers.${name}`, 'a string', typeof value);
  }

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    timeoutMs: number(options, 'timeoutMs', 30_000, 1),
    totalTimeoutMs: number(options, 'totalTimeoutMs', 120_000, 1),
    maxRetries: number(options, 'maxRetries', 2, 0, true),
    retryBaseDelayMs: number(options, 'retryBaseDelayMs', 500, 0),
    retryMaxDelayMs: number(options, 'retryMaxDelayMs', 8_000, 0),
    maxRetryWaitMs: number(options, 'maxRetryWaitMs', 60_000, 0),
    userAgent: options.userAgent ?? defaultUserAgent(),
    headers,
  };
}

/** `gocardless-bankaccountdata/<version> node/<version>`; without the Node part outside Node. */
function defaultUserAgent(): string {
  const node = nodeVersion();
  return `gocardless-bankaccountdata/${VERSION}${node ? ` node/${node}` : ''}`;
}
