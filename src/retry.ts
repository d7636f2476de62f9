/**
 * When a failed attempt is tried again, and after how long.
 *
 * Account data can be limited to 4 successful calls a day, and POSTs create
 * agreements and requisitions, so a retry must never spend a scarce call twice
 * or create a duplicate: GET, PUT and DELETE (idempotent) are retried on
 * connection failures, timeouts, 429 and 500/502/503/504; POST only where the
 * server surely did not process it - connection refused, and 429.
 */
import type { HeaderReader, RateLimitInfo } from './rate-limit';
import { secondsUntilReset } from './rate-limit';

/** Retry settings; see `ClientOptions` for their defaults. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryWaitMs: number;
}

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'status'; status: number }
  | { kind: 'refused' }
  | { kind: 'connection' }
  | { kind: 'timeout' };

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether an attempt with this outcome may be sent again without risk of doing the work twice. */
export function isRetryable(method: string, outcome: AttemptOutcome): boolean {
  const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
  switch (outcome.kind) {
    case 'refused':
      return true;
    case 'connection':
    case 'timeout':
      return idempotent;
    case 'status':
      return outcome.status === 429 || (idempotent && RETRYABLE_STATUSES.has(outcome.status));
  }
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
