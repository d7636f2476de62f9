/**
 * Syncing an account's transactions within the API's budget (as few as 4
 * transactions calls per account per day): exactly one call per sync.
 *
 * The API's `date_from` matches a row by its booking date or its value date,
 * so rows booked before `since` come back too; only booked rows with a booking
 * date on or after `since` are returned (rows with no booking date at all are
 * kept, having nothing to judge them by). Rows are de-duplicated by `key`
 * (`transactionKey`). `nextSince` is the newest booking date seen minus
 * `overlapDays`, because banks sometimes book rows with a date a few days in
 * the past; the rows of the overlap come back with the same keys, so storing
 * by key imports nothing twice.
 */
import type { TransactionSchema } from '../../generated/models/index';
import { parseRateLimit, type RateLimitWindow } from '../rate-limit';
import { carryKeys, checkCarryKeysFrom } from './carry-keys';
import type { FlowClient } from './client';
import { bookingDay, dayNumber, formatDate, formatDayNumber } from './dates';
import { transactionKey, type KeyedTransaction } from './transaction-key';

export interface SyncOptions {
  /**
   * First booking date to return (`YYYY-MM-DD` or a Date, read in UTC): pass the
   * previous sync's `nextSince`. Default: none, so the API returns all the
   * history the agreement allows.
   */
  since?: string | Date;
  /** Days re-read before the newest booking date, for rows banks book late. Default 5. */
  overlapDays?: number;
  /**
   * The rows you already hold for this account's identity (`accountIdentity`)
   * from `since` on, booked and pending, each with the `key` you stored. A
   * returned row that is one of them keeps that key, so storing by key imports
   * nothing twice although a reconnect changed the account id and the API's
   * `internalTransactionId`s (see `carry-keys.ts` for how rows are matched).
   * Pass them on every sync: after a reconnect, rows held under the old keys
   * keep coming back in the overlap for a few more days.
   */
  carryKeysFrom?: readonly KeyedTransaction[];
}

export interface SyncResult {
  /** Booked rows on or after `since`, each once, with its `key`; in the API's order. */
  booked: KeyedTransaction[];
  /** Pending rows, each once, with its `key` (see `reconcilePending` to follow them). */
  pending: KeyedTransaction[];
  /** What to pass as `since` next time. `undefined` when nothing was ever booked (read the whole history again). */
  nextSince: string | undefined;
  /** How many returned rows (booked and pending) kept a key from `carryKeysFrom`; 0 without it. */
  carried: number;
  /** The account's transactions budget after this call (`remaining` of `limit`, reset in `resetSeconds`), when reported. */
  rateLimit: RateLimitWindow | undefined;
}

function checkSince(since: unknown): string | undefined {
  if (since === undefined) return undefined;
  if (since instanceof Date) {
    if (Number.isNaN(since.getTime())) throw new TypeError('syncTransactions: since is an invalid Date');
    return formatDate(since);
  }
  if (typeof since !== 'string' || since.length !== 10 || dayNumber(since) === undefined) {
    throw new TypeError(`syncTransactions: since must be a YYYY-MM-DD date or a Date, got ${JSON.stringify(since)}`);
  }
  return since;
}

function keyed(rows: readonly TransactionSchema[] | undefined, accountId: string, keep: (row: TransactionSchema) => boolean): KeyedTransaction[] {
  const seen = new Set<string>();
  const out: KeyedTransaction[] = [];
  for (const row of rows ?? []) {
    if (!keep(row)) continue;
    const key = transactionKey(row, accountId);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...row, key });
  }
  return out;
}

/** One transactions call for `accountId`; see the file comment. */
export async function syncTransactions(client: FlowClient, accountId: string, options: SyncOptions = {}): Promise<SyncResult> {
  if (typeof accountId !== 'string' || accountId.trim() === '') throw new TypeError('syncTransactions: accountId must be a non-empty string');
  const since = checkSince(options.since);
  const overlapDays = options.overlapDays ?? 5;
  if (typeof overlapDays !== 'number' || !Number.isInteger(overlapDays) || overlapDays < 0) {
    throw new TypeError(`syncTransactions: overlapDays must be a whole number of days ≥ 0, got ${String(overlapDays)}`);
  }
  const earlier = checkCarryKeysFrom(options.carryKeysFrom);

  const response = await client.accounts.retrieveAccountTransactionsRaw({ id: accountId, ...(since !== undefined ? { date_from: since } : {}) });
  const body = await response.value();
  const sinceDay = since === undefined ? undefined : dayNumber(since)!;
  const transactions = body.transactions ?? { booked: [] };

  let newest: number | undefined;
  for (const row of transactions.booked ?? []) {
    const day = bookingDay(row);
    if (day !== undefined && (newest === undefined || day > newest)) newest = day;
  }
  const fresh = {
    booked: keyed(transactions.booked, accountId, (row) => {
      const day = bookingDay(row);
      return sinceDay === undefined || day === undefined || day >= sinceDay;
    }),
    pending: keyed(transactions.pending, accountId, () => true),
  };
  const { booked, pending, carried } = earlier === undefined ? { ...fresh, carried: 0 } : carryKeys(fresh, earlier);
  const next = newest === undefined ? sinceDay : Math.max(newest - overlapDays, sinceDay ?? -Infinity);
  return {
    booked,
    pending,
    nextSince: next === undefined ? undefined : formatDayNumber(next),
    carried,
    rateLimit: parseRateLimit(response.raw.headers)?.account,
  };
}
