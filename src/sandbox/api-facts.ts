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
