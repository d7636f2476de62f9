/**
 * The API's two kinds of limits, as fixed windows that open with their first
 * counted call and reset `windowSeconds` later (by the sandbox clock):
 *
 * - general: every API request of the company counts; reported on every
 *   response as http_x_ratelimit_limit / _remaining / _reset;
 * - per account and scope (details, balances, transactions each on its own):
 *   only successful calls count, 4 a day by default; reported on those three
 *   endpoints as http_x_ratelimit_account_success_limit / _remaining / _reset.
 *
 * The names are written in lower case, as the API sends them: header names are
 * case-insensitive for fetch, but apps that read raw headers (PHP's arrays) are not.
 * `_RESET` is the seconds left in the window (a full window when none is open).
 */
import type { AccountScope } from './api-facts';
import { apiError, type SandboxHttpError } from './errors';

export type { AccountScope };

export class FixedWindow {
  private start?: number;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.limit - this.used);
  }

  /** Whole seconds until the open window resets; the full length when no window is open. */
  resetSeconds(now: number): number {
    this.roll(now);
    if (this.start === undefined) return this.windowSeconds;
    return Math.max(0, Math.ceil((this.start + this.windowSeconds * 1000 - now) / 1000));
  }

  consume(now: number): void {
    this.roll(now);
    this.start ??= now;
    this.used++;
  }

  private roll(now: number): void {
    if (this.start !== undefined && now >= this.start + this.windowSeconds * 1000) {
      this.start = undefined;
      this.used = 0;
    }
  }
}

/** "1000/minute", "4/day", "10/30s": how the 429 detail names a limit. */
export function describeLimit(limit: number, windowSeconds: number): string {
  const names: Record<number, string> = { 1: 'second', 60: 'minute', 3600: 'hour', 86400: 'day' };
  return `${limit}/${names[windowSeconds] ?? `${windowSeconds}s`}`;
}

function exceeded(window: FixedWindow, now: number, headers: Record<string, string>): SandboxHttpError {
  const wait = window.resetSeconds(now);
  return apiError(
    429,
    'Rate limit exceeded',
    `The rate limit for this resource is ${describeLimit(window.limit, window.windowSeconds)}. Please try again in ${wait} seconds`,
    undefined,
    headers,
  );
}

export class RateLimits {
  private general: FixedWindow;
  private readonly accounts = new Map<string, FixedWindow>();

  constructor(private readonly options: { rateLimit: number; rateLimitWindowSeconds: number; accountDailyLimit: number }) {
    this.general = new FixedWindow(options.rateLimit, options.rateLimitWindowSeconds);
  }

  /** Counts one API request; throws the 429 when the general window was already spent. Returns the headers to send either way. */
  countRequest(now: number): Record<string, string> {
    const spent = this.general.remaining(now) === 0;
    if (!spent) this.general.consume(now);
    const headers = {
      http_x_ratelimit_limit: String(this.general.limit),
      http_x_ratelimit_remaining: String(this.general.remaining(now)),
      http_x_ratelimit_reset: String(this.general.resetSeconds(now)),
    };
    if (spent) throw exceeded(this.general, now, headers);
    return headers;
  }

  /** The account headers as they stand; with `check`, throws the 429 when the day's successful calls are spent. */
  accountHeaders(accountId: string, scope: AccountScope, now: number, check = false): Record<string, string> {
    const window = this.accountWindow(accountId, scope);
    const headers = {
      http_x_ratelimit_account_success_limit: String(window.limit),
      http_x_ratelimit_account_success_remaining: String(window.remaining(now)),
      http_x_ratelimit_account_success_reset: String(window.resetSeconds(now)),
    };
    if (check && window.remaining(now) === 0) throw exceeded(window, now, headers);
    return headers;
  }

  /** Counts a successful account call. */
  countSuccess(accountId: string, scope: AccountScope, now: number): void {
    this.accountWindow(accountId, scope).consume(now);
  }

  reset(): void {
    this.general = new FixedWindow(this.options.rateLimit, this.options.rateLimitWindowSeconds);
    this.accounts.clear();
  }

  private accountWindow(accountId: string, scope: AccountScope): FixedWindow {
    const key = `${accountId}:${scope}`;
    let window = this.accounts.get(key);
    if (!window) {
      window = new FixedWindow(this.options.accountDailyLimit, 86_400);
      this.accounts.set(key, window);
    }
    return window;
  }
}
