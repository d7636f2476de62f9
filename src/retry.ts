/**
 * When a failed attempt is sent again, and after how long: the client's own
 * decision, kept apart from an exception's `retryable` (which says only that
 * the same call may succeed later). Changing what is resent here does not
 * change what errors report, and every resend rule is in this file.
 *
 * Account data can be limited to 4 successful calls a day, and POSTs create
 * agreements and requisitions, so a resend must never spend a scarce call
 * twice or create a duplicate: GET, PUT and DELETE (idempotent) are resent on
 * connection failures, timeouts and `RESENT_STATUSES`; POST only where the
 * server surely did not process it - connection refused, and
 * `REFUSED_STATUSES`.
 *
 * The error catalogue (error-codes.ts) narrows these by its rows: a code that
 * is not `transient` is never resent, whatever its status; an `institution`
 * failure (the bank behind an account) is not resent on an account endpoint
 * unless the app opts in, since failed accesses in a row suspend the account
 * (FAILED_ACCESSES_BEFORE_SUSPENSION, account-data.ts); and only a 401
 * InvalidToken (or one the catalogue does not know) is cured by a new token.
 *
 * Pure functions of their inputs (no timers, no sockets): `decideRetry`
 * answers "wait how long, or give up, and why" after a failed attempt;
 * `willResend` is its first step, what may be sent again at all;
 * `shouldRenewAndReplay` answers whether a 401 is cured by a new token.
 */
import { catalogueEntry, isAccountPath } from './error-codes';
import type { HeaderReader, RateLimitInfo } from './rate-limit';
import { secondsUntilReset } from './rate-limit';

/** Retry settings; see `ClientOptions` for their defaults. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryWaitMs: number;
  /** Retry a bank's failure on an account endpoint like any other 5xx (default false: see `ClientOptions`). */
  retryInstitutionErrors?: boolean;
}

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  /** A response: its status, and its `code` in the error catalogue when it has one. */
  | { kind: 'status'; status: number; code?: string }
  | { kind: 'refused' }
  | { kind: 'connection' }
  | { kind: 'timeout' }
  /** A response that arrived but cannot be used (a body over `maxResponseBytes`): sending again would get the same. */
  | { kind: 'unusable' };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Statuses at which an idempotent call is sent again: the failure may pass by itself. */
export const RESENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Statuses at which the server refused the call without doing it: sent again whatever the method. */
export const REFUSED_STATUSES: ReadonlySet<number> = new Set([429]);

/**
 * Whether an attempt with this outcome may be sent again at all: without risk
 * of doing the work twice, and with a chance of another answer. A code whose
 * catalogue row is not `transient` never is.
 */
export function willResend(method: string, outcome: AttemptOutcome): boolean {
  const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
  switch (outcome.kind) {
    case 'refused':
      return true;
    case 'connection':
    case 'timeout':
      return idempotent;
    case 'status': {
      const entry = catalogueEntry(outcome.code);
      if (entry && entry.transient !== true) return false;
      return REFUSED_STATUSES.has(outcome.status) || (idempotent && RESENT_STATUSES.has(outcome.status));
    }
    case 'unusable':
      return false;
  }
}

/** Everything the retry decision depends on, after an attempt failed. */
export interface RetryQuestion {
  method: string;
  /** Path (and query) of the request: account endpoints reach a bank. */
  path?: string;
  outcome: AttemptOutcome;
  /** Which attempt failed: 0 for the first. */
  attempt: number;
  /** The wait the server asked for (see `serverWaitSeconds`), if it asked. */
  serverWaitSeconds?: number;
  policy: RetryPolicy;
  /** Epoch ms now, and when the whole call must be over. */
  now: number;
  deadline: number;
  /** Source of the backoff's jitter, in [0, 1). */
  random?: () => number;
}

/** Why a failed call is not tried again. */
export type GiveUpReason =
  | 'not resent' // the outcome may have done the work already, or cannot change (see `willResend`)
  | 'institution error' // the bank behind an account failed; a retry counts towards its suspension
  | 'no retries left' // `maxRetries` attempts were retried already
  | 'server wait too long' // the server asked for longer than `maxRetryWaitMs`
  | 'deadline'; // the wait would end after `totalTimeoutMs`

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: GiveUpReason };

/**
 * After a failed attempt: wait `waitMs` and try again, or give up (and why).
 * The wait is the backoff, or the server's wait when that is longer.
 */
export function decideRetry(question: RetryQuestion): RetryDecision {
  const { policy } = question;
  if (!willResend(question.method, question.outcome)) return { retry: false, reason: 'not resent' };
  if (!policy.retryInstitutionErrors && isInstitutionErrorOnAccount(question.outcome, question.path)) return { retry: false, reason: 'institution error' };
  if (question.attempt >= policy.maxRetries) return { retry: false, reason: 'no retries left' };
  const serverWaitMs = question.serverWaitSeconds === undefined ? 0 : Math.ceil(question.serverWaitSeconds * 1000);
  if (serverWaitMs > policy.maxRetryWaitMs) return { retry: false, reason: 'server wait too long' };
  const waitMs = Math.max(backoffMs(question.attempt, policy, question.random), serverWaitMs);
  if (question.now + waitMs >= question.deadline) return { retry: false, reason: 'deadline' };
  return { retry: true, waitMs };
}

/** A bank's failure (a catalogue row marked `institution`) reported on an account endpoint (see the file comment). */
export function isInstitutionErrorOnAccount(outcome: AttemptOutcome, path: string | undefined): boolean {
  return outcome.kind === 'status' && catalogueEntry(outcome.code)?.institution === true && isAccountPath(path);
}

/** Everything the "renew the token and send again" decision depends on, after a response. */
export interface ReplayQuestion {
  /** The failure the response became (its status, and whatever else classified it). */
  failure: { status: number; code?: string };
  /** The bearer token the request carried, if any. */
  sentToken?: string;
  /** Whether this call already replayed once. */
  replayed: boolean;
  /** Whether the client can obtain another token (it holds secrets or a refresh token). */
  canRenew: boolean;
}

/**
 * A 401 InvalidToken (or a 401 whose body the catalogue does not know) to a
 * request that carried a token the client manages is renewed and replayed,
 * once per call: the token expired or was revoked early. Any other 401 (an
 * expired agreement, revoked bank access) is not cured by a new token, and a
 * replay would reach the bank again. The replay belongs to authenticating, so
 * it is not counted as a retry.
 */
export function shouldRenewAndReplay(question: ReplayQuestion): boolean {
  const { status, code } = question.failure;
  const tokenRefused = status === 401 && (code === undefined || code === 'InvalidToken');
  return tokenRefused && question.sentToken !== undefined && !question.replayed && question.canRenew;
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base · 2^attempt)). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * The wait the server asked for, in seconds: `Retry-After` (seconds or an HTTP
 * date), else the reset of the rate limit that was spent. `undefined` when the
 * server said nothing.
 */
export function serverWaitSeconds(headers: HeaderReader, rateLimit: RateLimitInfo | undefined, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter != null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, (date - now) / 1000);
  }
  return secondsUntilReset(rateLimit);
}
