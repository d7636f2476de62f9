/**
 * Which pending rows of the last sync were booked since, which are still
 * pending, and which disappeared. Pure: no requests.
 *
 * Banks often give a row a new id when it books, or none while it is pending,
 * so matching goes from certain to likely, each booked row used at most once:
 *   1. still pending: the same `key`, else the same `transactionId`, among the
 *      current pending rows;
 *   2. booked, by id: the same `transactionId` or `internalTransactionId`
 *      (among several booked rows with that id, the same amount first, then
 *      the nearest date);
 *   3. booked, by content: the same amount, currency and counterparty
 *      (creditor or debtor name, compared without case or extra spaces), booked
 *      on the pending row's date or up to `windowDays` after it; the nearest
 *      date wins.
 * A previous pending row that matches nothing was dropped by the bank (for
 * example an authorisation that was released).
 */
import type { TransactionSchema } from '../../generated/models/index';
import { bookingDay, transactionDay } from './dates';

export interface ReconcileOptions {
  /** How many days after a pending row's date its booked row may carry. Default 7. */
  windowDays?: number;
}

export interface Reconciliation<P extends TransactionSchema, B extends TransactionSchema, C extends TransactionSchema> {
  /** Each pending row of the last sync with the booked row it became. */
  confirmed: Array<{ pending: P; booked: B }>;
  /** The current versions of previous pending rows that are still pending. */
  stillPending: C[];
  /** Previous pending rows that are neither pending nor booked any more. */
  dropped: P[];
}

type Row = TransactionSchema & { key?: string };

function id(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The amount in cents, exact for the API's two-decimal amounts. */
export function cents(row: TransactionSchema): number | undefined {
  const value = Number(row.transactionAmount?.amount);
  return Number.isFinite(value) ? Math.round(value * 100) : undefined;
}

/** The creditor or debtor name, without case or extra spaces. */
export function counterparty(row: TransactionSchema): string {
  return (row.creditorName ?? row.debtorName ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameMoney(a: TransactionSchema, b: TransactionSchema): boolean {
  const amount = cents(a);
  return amount !== undefined && amount === cents(b) && a.transactionAmount?.currency === b.transactionAmount?.currency;
}

/** Days from the pending row's date to the booked row's booking date (undefined when either is unknown). */
function lag(pending: TransactionSchema, booked: TransactionSchema): number | undefined {
  const from = transactionDay(pending);
  const to = bookingDay(booked) ?? transactionDay(booked);
  return from === undefined || to === undefined ? undefined : to - from;
}

function checkRows(name: string, rows: unknown): void {
  if (!Array.isArray(rows)) throw new TypeError(`reconcilePending: ${name} must be an array of transactions`);
}

/**
 * Matches the pending rows of the last sync (`previousPending`) against this
 * sync's `booked` and `pending` rows. See the file comment for the rules.
 */
export function reconcilePending<P extends TransactionSchema, B extends TransactionSchema, C extends TransactionSchema>(
  previousPending: readonly P[],
  current: { booked: readonly B[]; pending: readonly C[] },
  options: ReconcileOptions = {},
): Reconciliation<P, B, C> {
  checkRows('previousPending', previousPending);
  if (current === null || typeof current !== 'object') throw new TypeError('reconcilePending: the second argument must be { booked, pending }');
  checkRows('booked', current.booked);
  checkRows('pending', current.pending);
  const windowDays = options.windowDays ?? 7;
  if (typeof windowDays !== 'number' || !Number.isInteger(windowDays) || windowDays < 0) {
    throw new TypeError(`reconcilePending: windowDays must be a whole number of days ≥ 0, got ${String(windowDays)}`);
  }

  const open = new Set<number>(previousPending.map((_, index) => index));
  const usedPending = new Set<number>();
  const usedBooked = new Set<number>();
  const stillPending: C[] = [];
  const confirmedAt = new Map<number, B>();

  // 1. Still pending.
  for (const index of [...open]) {
    const previous = previousPending[index] as Row;
    const previousId = id(previous.transactionId);
    let found = current.pending.findIndex((row, at) => !usedPending.has(at) && previous.key !== undefined && (row as Row).key === previous.key);
    if (found < 0 && previousId !== undefined) found = current.pending.findIndex((row, at) => !usedPending.has(at) && id(row.transactionId) === previousId);
    if (found >= 0) {
      usedPending.add(found);
      stillPending.push(current.pending[found]);
      open.delete(index);
    }
  }

  const choose = (previous: P, accept: (row: B) => boolean): number => {
    let best = -1;
    let bestScore = Infinity;
    current.booked.forEach((row, at) => {
      if (usedBooked.has(at) || !accept(row)) return;
      const days = lag(previous, row);
      const score = (sameMoney(previous, row) ? 0 : 1_000_000) + (days === undefined ? 1000 : Math.abs(days));
      if (score < bestScore) {
        best = at;
        bestScore = score;
      }
    });
    return best;
  };
  const settle = (index: number, at: number) => {
    usedBooked.add(at);
    confirmedAt.set(index, current.booked[at]);
    open.delete(index);
  };

  // 2. Booked, by id.
  for (const index of [...open]) {
    const previous = previousPending[index];
    const transactionId = id(previous.transactionId);
    const internalId = id(previous.internalTransactionId);
    if (transactionId === undefined && internalId === undefined) continue;
    const at = choose(
      previous,
      (row) =>
        (transactionId !== undefined && id(row.transactionId) === transactionId) || (internalId !== undefined && id(row.internalTransactionId) === internalId),
    );
    if (at >= 0) settle(index, at);
  }

  // 3. Booked, by amount, currency and counterparty within the window.
  for (const index of [...open]) {
    const previous = previousPending[index];
    const at = choose(previous, (row) => {
      const days = lag(previous, row);
      return sameMoney(previous, row) && counterparty(previous) === counterparty(row) && days !== undefined && days >= 0 && days <= windowDays;
    });
    if (at >= 0) settle(index, at);
  }

  const confirmed: Array<{ pending: P; booked: B }> = [];
  const dropped: P[] = [];
  previousPending.forEach((pending, index) => {
    const booked = confirmedAt.get(index);
    if (booked) confirmed.push({ pending, booked });
    else if (open.has(index)) dropped.push(pending);
  });
  return { confirmed, stillPending, dropped };
}
