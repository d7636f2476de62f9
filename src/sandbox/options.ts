/**
 * The options of `createSandboxServer`, their defaults and their checks. A bad
 * value fails at once with a `TypeError` naming the option.
 */

/** Faults the sandbox injects into API requests; all off by default. Changeable while it runs. */
export interface SandboxFaults {
  /** Delay before every API request is answered, token requests included. Default 0 ms. */
  latencyMs: number;
  /**
   * Fraction (0..1) of non-token API requests answered with a 500 or 503
   * ErrorResponse (`type: "sandbox_fault"`) instead of being handled. Default 0.
   */
  failureRate: number;
  /** Fraction (0..1) of non-token API requests whose connection is destroyed without an answer. Default 0. */
  resetRate: number;
}

export interface SandboxOptions extends Partial<SandboxFaults> {
  /** TCP port; default 0 (any free port, see `sandbox.url`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** The secret id the token endpoint accepts; default `sandbox-secret-id`. */
  secretId?: string;
  /** The secret key the token endpoint accepts; default `sandbox-secret-key`. */
  secretKey?: string;
  /** Seed of all generated data, ids and fault decisions; default `1`. */
  seed?: number | string;
  /**
   * The sandbox clock, in epoch milliseconds; default `Date.now`. Token expiry,
   * agreement expiry, rate-limit windows, `created` stamps and "today" for
   * transactions all follow it, so a test can move time forward.
   */
  now?: () => number;
  /** Lifetime of access tokens; default 86 400 s (a day), as in the API. */
  accessTtlSeconds?: number;
  /** Lifetime of refresh tokens; default 2 592 000 s (30 days), as in the API. */
  refreshTtlSeconds?: number;
  /** Successful calls per account and scope (details, balances, transactions) in a day; default 4, as in the API. */
  accountDailyLimit?: number;
  /** API requests allowed per general window; default 1000. */
  rateLimit?: number;
  /** Length of the general window; default 60 s. */
  rateLimitWindowSeconds?: number;
  /**
   * Whether `PUT /agreements/enduser/{id}/accept/` is enabled for the company;
   * default true. When false it answers 403 `Insufficient permissions`, as the
   * API does for companies without that feature.
   */
  acceptanceEnabled?: boolean;
  /**
   * Institution names and transaction texts end with a `<script>` element
   * (`MARKUP_IN_TEXT`), for tests that show an app escapes what it displays. Default false.
   */
  markupInText?: boolean;
  /**
   * Requisitions the company may create per calendar month (UTC, on the
   * sandbox clock), deleted ones included; default unlimited. Once spent,
   * creating one answers 402 PaymentRequired, as the API does.
   */
  requisitionQuota?: number;
}

export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, keyof SandboxFaults | 'seed'>> & { seed: string; faults: SandboxFaults };

function invalid(option: string, expected: string, value: unknown): TypeError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'function' ? 'a function' : String(value);
  return new TypeError(`gocardless-bankaccountdata/sandbox: option "${option}" must be ${expected}, got ${shown}`);
}

export function checkNumber(option: string, value: unknown, min: number, max = Infinity, integer = false): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw invalid(option, `${integer ? 'an integer' : 'a number'} ${range}`, value);
  }
  return value;
}

function string(options: SandboxOptions, key: 'host' | 'secretId' | 'secretKey', fallback: string): string {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw invalid(key, 'a non-empty string', value);
  return value;
}

function number(options: SandboxOptions, key: keyof SandboxOptions, fallback: number, min: number, max = Infinity, integer = true): number {
  const value = options[key];
  return value === undefined ? fallback : checkNumber(key, value, min, max, integer);
}

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'an object', options);
  if (options.now !== undefined && typeof options.now !== 'function') throw invalid('now', 'a function returning epoch milliseconds', options.now);
  if (options.seed !== undefined && typeof options.seed !== 'number' && typeof options.seed !== 'string')
    throw invalid('seed', 'a number or a string', options.seed);
  if (options.acceptanceEnabled !== undefined && typeof options.acceptanceEnabled !== 'boolean')
    throw invalid('acceptanceEnabled', 'a boolean', options.acceptanceEnabled);
  if (options.markupInText !== undefined && typeof options.markupInText !== 'boolean') throw invalid('markupInText', 'a boolean', options.markupInText);
  return {
    port: number(options, 'port', 0, 0, 65_535),
    host: string(options, 'host', '127.0.0.1'),
    secretId: string(options, 'secretId', 'sandbox-secret-id'),
    secretKey: string(options, 'secretKey', 'sandbox-secret-key'),
    seed: String(options.seed ?? 1),
    now: options.now ?? Date.now,
    accessTtlSeconds: number(options, 'accessTtlSeconds', 86_400, 1),
    refreshTtlSeconds: number(options, 'refreshTtlSeconds', 2_592_000, 1),
    accountDailyLimit: number(options, 'accountDailyLimit', 4, 1),
    rateLimit: number(options, 'rateLimit', 1000, 1),
    rateLimitWindowSeconds: number(options, 'rateLimitWindowSeconds', 60, 1),
    acceptanceEnabled: options.acceptanceEnabled ?? true,
    markupInText: options.markupInText ?? false,
    requisitionQuota: number(options, 'requisitionQuota', Infinity, 0),
    faults: {
      latencyMs: number(options, 'latencyMs', 0, 0, 60_000, false),
      failureRate: number(options, 'failureRate', 0, 0, 1, false),
      resetRate: number(options, 'resetRate', 0, 0, 1, false),
    },
  };
}
