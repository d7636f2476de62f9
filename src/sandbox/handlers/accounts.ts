/**
 * Account metadata, details, balances and transactions.
 *
 * A data call (details, balances, transactions) is checked in this order:
 * account id not a UUID 400 → unknown account 404 → bad query 400 → no
 * agreement any more 403 (AccountValidEUAError) → agreement expired 401
 * (EUAExpiredError) → scope not in the agreement's `access_scope` 403
 * (AccountEUAScopeError) → the account's daily limit for that scope spent
 * 429. Only a 200 counts against the
 * limit. Metadata is never limited and stays readable after access ends (its
 * `status` then says EXPIRED).
 */
import type { Account } from '../../index';
import { accountDetails, balances, dayOf, transactions } from '../account-data';
import { iso, type Handler, type RequestContext } from '../context';
import { documentedError } from '../documented-errors';
import { apiError, fieldErrors, type FieldProblem } from '../errors';
import { markTransactions } from '../markup';
import type { AccountScope } from '../rate-limit';
import { agreementExpiry, requisitionStatus, type AccountRecord, type AgreementRecord } from '../state';
import { parseDay } from '../validate';
import { accountFromPath, dataAccountFromPath } from './lookup';

export const retrieveAccountMetadata: Handler = (request) => {
  const { sandbox } = request;
  const account = accountFromPath(request);
  const requisition = sandbox.state.requisitions.get(account.requisitionId)!;
  const body: Account = {
    id: account.id,
    created: iso(account.created),
    last_accessed: iso(account.lastAccessed),
    iban: account.profile.iban,
    status: sandbox.errors.isSuspended(account.id) ? 'SUSPENDED' : requisitionStatus(sandbox.state, requisition, sandbox.now()) === 'EX' ? 'EXPIRED' : 'READY',
    institution_id: account.profile.institutionId,
    owner_name: account.profile.ownerName,
    name: account.profile.name,
  };
  return { status: 200, body };
};

/** Runs the checks every data call shares, then `read`; counts the call when it succeeds. */
function dataCall<T>(
  request: RequestContext,
  scope: AccountScope,
  read: (account: AccountRecord, agreement: AgreementRecord, parsed: T) => unknown,
  parse: (query: URLSearchParams) => T = () => undefined as T,
) {
  const { sandbox } = request;
  const now = sandbox.now();
  const account = dataAccountFromPath(request);
  const headers = (check = false) => Object.assign(request.responseHeaders, sandbox.limits.accountHeaders(account.id, scope, now, check));
  headers();
  const parsed = parse(request.query);

  const requisition = sandbox.state.requisitions.get(account.requisitionId)!;
  const agreement = sandbox.state.agreements.get(requisition.agreementId);
  if (!agreement) throw documentedError('AccountValidEUAError');
  if (now >= agreementExpiry(agreement)) {
    throw documentedError('EUAExpiredError', {
      agreementId: agreement.id,
      accessValidForDays: agreement.accessValidForDays,
      expiredAt: iso(agreementExpiry(agreement)),
    });
  }
  if (!agreement.accessScope.includes(scope)) throw documentedError('AccountEUAScopeError', { resource: scope });
  headers(true);

  const body = read(account, agreement, parsed);
  sandbox.limits.countSuccess(account.id, scope, now);
  account.lastAccessed = now;
  headers();
  return { status: 200, body };
}

export const retrieveAccountDetails: Handler = (request) => dataCall(request, 'details', (account) => accountDetails(account.profile, account.id));

export const retrieveAccountBalances: Handler = (request) =>
  dataCall(request, 'balances', (account) => balances(account.profile, dayOf(request.sandbox.now()), iso(request.sandbox.now())));

interface DateRange {
  from?: number;
  to?: number;
}

/** `date_from` / `date_to`: real calendar dates as YYYY-MM-DD, from not after to. */
function parseDateRange(query: URLSearchParams): DateRange {
  const problems: Record<string, FieldProblem> = {};
  const range: DateRange = {};
  for (const [field, key] of [
    ['date_from', 'from'],
    ['date_to', 'to'],
  ] as const) {
    const raw = query.get(field);
    if (raw === null) continue;
    const day = parseDay(raw);
    if (day === undefined) problems[field] = { summary: 'Invalid date format', detail: `${field} must be a date in YYYY-MM-DD format, got '${raw}'` };
    else range[key] = day;
  }
  if (Object.keys(problems).length > 0) throw fieldErrors(problems);
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw apiError(400, 'Incorrect date range', `Starting date '${query.get('date_from')}' is greater than end date '${query.get('date_to')}'`);
  }
  return range;
}

/**
 * The history the agreement allows is its last `max_historical_days` days,
 * today included; a range reaching further back is cut to it, not refused.
 */
export const retrieveAccountTransactions: Handler = (request) =>
  dataCall(
    request,
    'transactions',
    (account, agreement, range: DateRange) => {
      const now = request.sandbox.now();
      const today = dayOf(now);
      const earliest = today - agreement.maxHistoricalDays + 1;
      const window = { from: Math.max(earliest, range.from ?? earliest), to: Math.min(today, range.to ?? today), today, historyFrom: earliest };
      return {
        transactions: markTransactions(request.sandbox.options.markupInText, transactions(account.profile, window, account.id)),
        last_updated: iso(now),
      };
    },
    parseDateRange,
  );
