/**
 * The options of `BankAccountDataClient`, their defaults, and their validation.
 * Options are checked once, in the constructor, so a bad value fails with a
 * message naming it before any request is sent.
 */
import { version as VERSION } from '../package.json';
import type { TokenSet } from './auth/token-manager';
import { nodeVersion } from './platform';
import type { RateLimitInfo } from './rate-limit';
import type { FetchAPI } from './request/fetch-types';
import { HEADER_NAME, HEADER_VALUE } from './request/header-rules';
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
  /** How many times a failed attempt may be tried again (see docs/errors-and-retries.md, "Retries"). Default 2; 0 disables retries. */
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
  /**
   * Retry `UnknownRequestError`, `ServiceError` and `ConnectionError` (the bank
   * behind an account failed) on account endpoints like any other 5xx. Default
   * false: GoCardless suspends an account after 10 failed accesses in a row
   * (`AccountSuspendedError`, until the end user reconnects), and every retry
   * is one more failed access. See docs/errors-and-retries.md, "Handling failures".
   */
  retryInstitutionErrors?: boolean;
  /**
   * Longest response body the client reads, in bytes. A longer body fails the call
   * at once with a `ResponseTooLargeException` and its connection is closed, so
   * a broken or hostile server cannot fill the process's memory. Default 64 MiB,
   * several times the largest real transaction history.
   */
  maxResponseBytes?: number;
  /** `User-Agent` header. Default `gocardless-bankaccountdata/<version> node/<version>`. */
  userAgent?: string;
  /**
   * Extra headers sent with every request. An `Authorization` header among them is
   * not sent: the calls that need a credential carry the client's bearer token,
   * and the token endpoints none.
   */
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
   * refuse. See docs/configuration.md, "Many processes".
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
  retryInstitutionErrors: boolean;
  maxResponseBytes: number;
  userAgent: string;
  headers: Record<string, string>;
}

/** The longest delay a timer can hold (2³¹ − 1 ms, about 24.8 days); Node turns a longer one into 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

function invalid(option: string, expected: string, value: unknown): TypeError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new TypeError(`gocardless-bankaccountdata: option "${option}" must be ${expected}, got ${shown}`);
}

/** For values that may be secret or unprintable: says what is wrong without showing the value. */
function invalidUnshown(option: string, expected: string): TypeError {
  return new TypeError(`gocardless-bankaccountdata: option "${option}" must be ${expected} (value not shown)`);
}

function number(options: ClientOptions, key: keyof ClientOptions, fallback: number, min: number, integer = false, max = Infinity): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw invalid(key, `${integer ? 'an integer' : 'a number'} ≥ ${min}${max === Infinity ? '' : ` and ≤ ${max}`}`, value);
  }
  return value;
}

function optionalString(options: ClientOptions, key: keyof ClientOptions): void {
  const value = options[key];
  if (value !== undefined && (typeof value !== 'string' || value === ''))
    throw invalid(key, 'a non-empty string', typeof value === 'string' ? value : typeof value);
}

const STORE_METHODS = ['getTokens', 'setTokens', 'getBudget', 'setBudget', 'acquireLock', 'extendLock', 'releaseLock'] as const;

function isStore(value: unknown): value is ClientStore {
  return typeof value === 'object' && value !== null && STORE_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** An absolute http(s) URL with nothing after the path: no query, fragment or credentials. Never echoes credentials. */
function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string') throw invalid('baseUrl', 'an absolute http(s) URL', typeof baseUrl);
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw invalid('baseUrl', 'an absolute http(s) URL', baseUrl.replace(/\/\/[^/?#]*@/, '//[credentials]@'));
  }
  if (parsed.username || parsed.password) throw invalidUnshown('baseUrl', 'a URL without credentials (user:password@); the API authenticates with tokens');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('baseUrl', 'an absolute http(s) URL', baseUrl);
  if (parsed.search || baseUrl.includes('?')) throw invalid('baseUrl', 'a URL without a query (?…)', baseUrl);
  if (parsed.hash || baseUrl.includes('#')) throw invalid('baseUrl', 'a URL without a fragment (#…)', baseUrl);
  return baseUrl.replace(/\/+$/, '');
}

/** Header names must be HTTP tokens and values free of CR, LF and other control characters. */
function checkHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw invalid('headers', 'an object of header names to strings', headers);
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw invalidUnshown('headers', 'an object whose names are HTTP header names');
    if (typeof value !== 'string') throw invalid(`headers.${name}`, 'a string', typeof value);
    if (!HEADER_VALUE.test(value)) throw invalidUnshown(`headers.${name}`, 'a header value without CR, LF or other control characters');
  }
  return headers as Record<string, string>;
}

function boolean(options: ClientOptions, key: keyof ClientOptions, fallback: boolean): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(key, 'true or false', value);
  return value;
}

/** Applies defaults and checks every option; throws a `TypeError` naming the first bad one. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw invalid('options', 'an object', options);
  for (const key of ['secretId', 'secretKey', 'accessToken', 'refreshToken', 'userAgent'] as const) optionalString(options, key);
  if (Boolean(options.secretId) !== Boolean(options.secretKey)) {
    throw new TypeError(
      `gocardless-bankaccountdata: options "secretId" and "secretKey" go together; only ${options.secretId ? 'secretId' : 'secretKey'} was given`,
    );
  }
  if (!options.secretId && !options.accessToken && !options.refreshToken) {
    throw new TypeError('gocardless-bankaccountdata: give "secretId" and "secretKey", or an "accessToken" / "refreshToken"');
  }
  for (const key of ['fetchApi', 'onRateLimit', 'onTokens'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw invalid(key, 'a function', typeof options[key]);
  }
  if (options.store !== undefined && !isStore(options.store)) throw invalid('store', `an object with ${STORE_METHODS.join('/')}`, typeof options.store);
  if (options.logger !== undefined && (typeof options.logger !== 'object' || options.logger === null))
    throw invalid('logger', 'an object with debug/info/warn/error', typeof options.logger);
  if (options.userAgent !== undefined && !HEADER_VALUE.test(options.userAgent))
    throw invalidUnshown('userAgent', 'a header value without CR, LF or other control characters');

  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: number(options, 'timeoutMs', 30_000, 1, false, MAX_TIMER_MS),
    totalTimeoutMs: number(options, 'totalTimeoutMs', 120_000, 1, false, MAX_TIMER_MS),
    maxRetries: number(options, 'maxRetries', 2, 0, true),
    retryBaseDelayMs: number(options, 'retryBaseDelayMs', 500, 0, false, MAX_TIMER_MS),
    retryMaxDelayMs: number(options, 'retryMaxDelayMs', 8_000, 0, false, MAX_TIMER_MS),
    maxRetryWaitMs: number(options, 'maxRetryWaitMs', 60_000, 0, false, MAX_TIMER_MS),
    retryInstitutionErrors: boolean(options, 'retryInstitutionErrors', false),
    maxResponseBytes: number(options, 'maxResponseBytes', 64 * 1024 * 1024, 1, true),
    userAgent: options.userAgent ?? defaultUserAgent(),
    headers: checkHeaders(options.headers ?? {}),
  };
}

/** `gocardless-bankaccountdata/<version> node/<version>`; without the Node part outside Node. */
function defaultUserAgent(): string {
  const node = nodeVersion();
  return `gocardless-bankaccountdata/${VERSION}${node ? ` node/${node}` : ''}`;
}
