/**
 * The API's rate-limit headers, parsed into one value.
 *
 * The API sends them as `http_x_ratelimit_limit`, `http_x_ratelimit_remaining`,
 * `http_x_ratelimit_reset` and, on account endpoints,
 * `http_x_ratelimit_account_success_limit` / `_remaining` / `_reset`; proxies and
 * other deployments use dashes (`x-ratelimit-limit`). Both are accepted, in any
 * case. Reset values are the seconds left in the current window.
 */

/** One limit window: how many calls it allows, how many are left, and when it resets. */
export interface RateLimitWindow {
  limit?: number;
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
}

/** The rate-limit state reported by one response. */
export interface RateLimitInfo extends RateLimitWindow {
  /** The per-account, per-scope limit of successful calls (account endpoints only; it can be as low as 4 a day). */
  account?: RateLimitWindow;
}

/** Anything with a `get(name)` for headers: a fetch `Headers`, node-fetch's, or undici's. */
export interface HeaderReader {
  get(name: string): string | null;
}

function header(headers: HeaderReader, suffix: string): number | undefined {
  // Fetch header lookups are case-insensitive, so two spellings cover all cases.
  const raw = headers.get(`http_x_ratelimit_${suffix}`) ?? headers.get(`x-ratelimit-${suffix.replace(/_/g, '-')}`);
  if (raw == null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function readWindow(headers: HeaderReader, prefix: string): RateLimitWindow | undefined {
  const limit = header(headers, `${prefix}limit`);
  const remaining = header(headers, `${prefix}remaining`);
  const resetSeconds = header(headers, `${prefix}reset`);
  if (limit === undefined && remaining === undefined && resetSeconds === undefined) return undefined;
  return { limit, remaining, resetSeconds };
}

/**
 * Reads the rate-limit headers of a response (`response.headers`, or `raw.headers`
 * of a `*Raw` call). Returns `undefined` when the response carries none.
 */
export function parseRateLimit(headers: HeaderReader): RateLimitInfo | undefined {
  const general = readWindow(headers, '');
  const account = readWindow(headers, 'account_success_');
  if (!general && !account) return undefined;
  return account ? { ...general, account } : { ...general };
}

/**
 * The wait, in seconds, until the limit that stopped a call resets: the account
 * window when it is the one spent, else the general one.
 */
export function secondsUntilReset(info: RateLimitInfo | undefined): number | undefined {
  if (!info) return undefined;
  if (info.account?.remaining === 0 && info.account.resetSeconds !== undefined) return info.account.resetSeconds;
  if (info.remaining === 0 && info.resetSeconds !== undefined) return info.resetSeconds;
  return info.account?.resetSeconds ?? info.resetSeconds;
}
