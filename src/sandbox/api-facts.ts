/**
 * The facts of the API that several parts of the sandbox need, stated once. They
 * are the sandbox's own, not imported from the client, so the sandbox tests the
 * client rather than agreeing with it by construction; test/facts.test.ts holds
 * them to our OpenAPI document and to the client's.
 */

/** The account data endpoints (`/api/v2/accounts/{id}/<scope>/`), each a scope of `access_scope` and of the daily account budget. */
export const ACCOUNT_SCOPES = ['balances', 'details', 'transactions'] as const;

export type AccountScope = (typeof ACCOUNT_SCOPES)[number];

export const DAY_MS = 86_400_000;

/** Days a reconfirmation period lasts, counted from acceptance or the latest reconfirmation. */
export const RECONFIRMATION_PERIOD_DAYS = 90;

/** Days before and after the end of a period in which it can be reconfirmed. */
export const RECONFIRMATION_WINDOW_DAYS = 14;

/** When the current reconfirmation period of an accepted agreement ends (epoch ms). */
export function reconfirmationPeriodEnd(acceptedMs: number, lastSubmittedMs: number | undefined): number {
  return (lastSubmittedMs ?? acceptedMs) + RECONFIRMATION_PERIOD_DAYS * DAY_MS;
}
