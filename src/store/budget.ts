/**
 * The per-account budgets of successful calls, shared through the store.
 *
 * The API allows each account only a few successful calls a day per scope
 * (details, balances, transactions; account metadata is not limited this way)
 * and reports what is left in the `HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_*` headers.
 * After every response to such a call the budget is recorded; before sending
 * one, a budget known to be spent fails the call at once with the
 * `RateLimitException` the API would have answered (status 429, the account
 * window in `rateLimit.account`, `retryAfterSeconds` until the reset), so no
 * process spends a request the API would refuse. A budget whose reset has
 * passed, or that the store cannot give in time, is ignored: the call is sent.
 */
import { ACCOUNT_DATA_SCOPES } from '../account-data';
import { createApiException, type ApiException } from '../errors';
import type { HeaderReader, RateLimitWindow } from '../rate-limit';
import { parseRateLimit } from '../rate-limit';
import { UNAVAILABLE, type StoreCaller } from './guard';
import type { AccountBudget, BudgetScope } from './types';

/** One account and scope: what a call spends from. */
export interface BudgetTarget {
  accountId: string;
  scope: BudgetScope;
}

/**
 * The reset header counts whole seconds (rounded up), so the recorded reset can
 * be up to a second late: the last second before it is not refused.
 */
const RESET_GRACE_MS = 1_000;

const BUDGETED_PATH = new RegExp(`^/api/v2/accounts/([^/?#]+)/(${ACCOUNT_DATA_SCOPES.join('|')})/(?:[?#]|$)`);

/** The account and scope a call spends from, or `undefined` for calls without a per-account budget. */
export function budgetTargetOf(method: string, path: string): BudgetTarget | undefined {
  if (method !== 'GET') return undefined;
  const match = BUDGETED_PATH.exec(path);
  return match ? { accountId: decodedOrAsIs(match[1]), scope: match[2] as BudgetScope } : undefined;
}

/** A path segment decoded; one that is not valid percent-encoding is kept as it is (a key, not a failure). */
function decodedOrAsIs(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The budget a response reports, with its reset as a time counted from when the
 * request was sent (`sentAt`: the server counted later, so the reset is never
 * placed after the API's own); `undefined` when the response reports none.
 */
export function budgetFromWindow(window: RateLimitWindow | undefined, sentAt: number): AccountBudget | undefined {
  if (window?.remaining === undefined || window.resetSeconds === undefined) return undefined;
  return { ...(window.limit !== undefined && { limit: window.limit }), remaining: window.remaining, resetAt: sentAt + window.resetSeconds * 1000 };
}

/** The 429 the API would answer to a call on a spent budget; `undefined` while the budget allows calls or has reset. */
export function spentBudgetFailure(
  target: BudgetTarget,
  budget: AccountBudget | undefined,
  now: number,
  request: { method: string; path: string; redact?: (text: string) => string },
): ApiException | undefined {
  if (!budget || budget.remaining > 0 || budget.resetAt - RESET_GRACE_MS <= now) return undefined;
  const resetSeconds = Math.ceil((budget.resetAt - now) / 1000);
  const headers: Record<string, string> = {
    ...(budget.limit !== undefined && { http_x_ratelimit_account_success_limit: String(budget.limit) }),
    http_x_ratelimit_account_success_remaining: '0',
    http_x_ratelimit_account_success_reset: String(resetSeconds),
  };
  const limit = budget.limit !== undefined ? ` (${budget.limit} successful calls)` : '';
  return createApiException({
    status: 429,
    reason: 'Too Many Requests',
    headers,
    body: JSON.stringify({
      summary: 'Rate limit exceeded',
      detail: `The ${target.scope} budget${limit} of this account is spent until its reset in ${resetSeconds} seconds; the client did not send the request`,
      status_code: 429,
    }),
    rateLimit: { account: { limit: budget.limit, remaining: 0, resetSeconds } },
    retryAfterSeconds: resetSeconds,
    ...request,
  });
}

/** The budget step of the transport: refuse before sending, record after the response. */
export class BudgetBook {
  constructor(
    private readonly guard: StoreCaller,
    private readonly now: () => number = Date.now,
  ) {}

  /** The exception to fail with instead of sending, or `undefined` to send. */
  async refusal(target: BudgetTarget, request: { method: string; path: string; redact?: (text: string) => string }): Promise<ApiException | undefined> {
    const budget = await this.guard.call((store) => store.getBudget(target.accountId, target.scope));
    return budget === UNAVAILABLE ? undefined : spentBudgetFailure(target, budget, this.now(), request);
  }

  /** Records what the response to a request sent at `sentAt` said about the budget (nothing when it said nothing). */
  async record(target: BudgetTarget, headers: HeaderReader, sentAt: number): Promise<void> {
    const budget = budgetFromWindow(parseRateLimit(headers)?.account, sentAt);
    if (budget) await this.guard.call((store) => store.setBudget(target.accountId, target.scope, budget));
  }
}
