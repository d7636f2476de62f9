/**
 * Facts of the API about account data that more than one part of the client
 * needs. The sandbox keeps its own copy (it may import only the package's
 * public entry points); test/facts.test.ts holds both to our OpenAPI document.
 */

/**
 * The account data endpoints (`GET /api/v2/accounts/{id}/<scope>/`), each a scope
 * of its own: of an agreement's `access_scope` (all three by default), and of the
 * per-account daily budget of successful calls.
 */
export const ACCOUNT_DATA_SCOPES = ['balances', 'details', 'transactions'] as const;

/** One of `ACCOUNT_DATA_SCOPES`. */
export type AccountDataScope = (typeof ACCOUNT_DATA_SCOPES)[number];

/**
 * Failed accesses to an account in a row after which GoCardless suspends it
 * (`AccountSuspendedError`, until the end user connects again): why the client
 * does not retry the bank's failures on account endpoints unless asked to.
 */
export const FAILED_ACCESSES_BEFORE_SUSPENSION = 10;

/** Milliseconds in a day (the API counts agreement and history limits in days). */
export const DAY_MS = 86_400_000;
