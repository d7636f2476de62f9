import { RESENT_STATUSES } from '../../src/retry';

/**
 * The 5xx statuses the client resends on GET, PUT and DELETE (src/retry.ts).
 * For tests of what surrounds a resend - its log lines, its wait, an abort
 * during it - rather than of which statuses are resent (test/retry.test.ts
 * holds that table): they follow a change of the policy instead of failing on it.
 */
export const RESENT_5XX: readonly number[] = [...RESENT_STATUSES].filter((status) => status >= 500);

/** One of them. */
export const A_RESENT_5XX = RESENT_5XX[0];
