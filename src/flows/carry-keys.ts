/**
 * Keys that survive a reconnect. A new requisition gives the same bank account
 * a new account id, and the API may re-issue `internalTransactionId`s with it,
 * so the rows of the overlap would come back under new keys. Given the rows an
 * app already holds for that account (with the keys it stored), each returned
 * row that is one of them takes the earlier key back. Pure: no requests.
 *
 * Booked rows are matched against earlier rows with a booking date, pending
 * rows against earlier rows without one (so `reconcilePending` finds its
 * pending rows again by `key`). Each earlier row is used at most once:
 *   1. by `transactionId`, when it is stable: present, and found once among
 *      the returned rows and once among the earlier ones;
 *   2. otherwise by content: the date (booking date; the value date for
 *      pending rows), amount, currency, counterparty and remittance text. Two
 *      rows that each carry a stable, different `transactionId` are never
 *      matched by content; among rows alike in content, one with the same
 *      (repeated) `transactionId` is taken first.
 */
import type { TransactionSchema } from '../../generated/models/index';
import { bookingDay, transactionDay } from './dates';
import { cents, counterparty } from './reconcile';
import type { KeyedTransaction } from './transaction-key';

function trimmedId(row: TransactionSchema): string | undefined {
  const value = row.transactionId;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function remittance(row: TransactionSchema): string {
  const text =
    row.remittanceInformationUnstructured ??
    row.remittanceInformationUnstructuredArray?.join(' ') ??
    row.remittanceInformationStructured ??
    row.remittanceInformationStructuredArray?.join(' ') ??
    '';
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function content(row: TransactionSchema, booked: boolean): string {
  const day = booked ? bookingDay(row) : transactionDay(row);
  return JSON.stringify([day ?? null, cents(row) ?? null, row.transactionAmount?.currency ?? null, counterparty(row), remittance(row)]);
}

/** The ids found exactly once among `rows`. */
function stableIds(rows: readonly TransactionSchema[]): Set<string> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const id = trimmedId(row);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count === 1).map(([id]) => id));
}

/** `current` with the keys of the `earlier` rows they match (see the file comment); returns how many were carried. */
function carry<T extends KeyedTransaction>(current: readonly T[], earlier: readonly KeyedTransaction[], booked: boolean): { rows: T[]; carried: number } {
  const currentStable = stableIds(current);
  const earlierStable = stableIds(earlier);
  const stable = (row: TransactionSchema, ids: Set<string>) => {
    const id = trimmedId(row);
    return id !== undefined && ids.has(id) ? id : undefined;
  };
  const used = new Set<number>();
  const keyOf = new Map<number, string>();

  const earlierById = new Map<string, number>();
  earlier.forEach((row, at) => {
    const id = stable(row, earlierStable);
    if (id !== undefined) earlierById.set(id, at);
  });
  current.forEach((row, at) => {
    const id = stable(row, currentStable);
    const match = id === undefined ? undefined : earlierById.get(id);
    if (match === undefined) return;
    used.add(match);
    keyOf.set(at, earlier[match].key);
  });

  const byContent = new Map<string, number[]>();
  earlier.forEach((row, at) => {
    if (used.has(at)) return;
    const signature = content(row, booked);
    const list = byContent.get(signature);
    if (list) list.push(at);
    else byContent.set(signature, [at]);
  });
  current.forEach((row, at) => {
    if (keyOf.has(at)) return;
    const candidates = byContent.get(content(row, booked));
    if (!candidates) return;
    const ownId = stable(row, currentStable);
    const allowed = (candidate: number) => ownId === undefined || stable(earlier[candidate], earlierStable) === undefined;
    // Among rows alike in content, one with the same (repeated) id first.
    let index = candidates.findIndex((candidate) => allowed(candidate) && trimmedId(earlier[candidate]) === trimmedId(row));
    if (index < 0) index = candidates.findIndex(allowed);
    if (index < 0) return;
    const [match] = candidates.splice(index, 1);
    keyOf.set(at, earlier[match].key);
  });

  return { rows: current.map((row, at) => (keyOf.has(at) ? { ...row, key: keyOf.get(at)! } : row)), carried: keyOf.size };
}

/** Checks `carryKeysFrom` as `syncTransactions` receives it. */
export function checkCarryKeysFrom(rows: unknown): readonly KeyedTransaction[] | undefined {
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows)) throw new TypeError('syncTransactions: carryKeysFrom must be an array of the rows you hold, each with its `key`');
  rows.forEach((row: unknown, at) => {
    if (row === null || typeof row !== 'object' || typeof (row as { key?: unknown }).key !== 'string' || (row as { key: string }).key === '') {
      throw new TypeError(`syncTransactions: carryKeysFrom[${at}] must be a transaction with its stored \`key\` (a non-empty string)`);
    }
  });
  return rows as KeyedTransaction[];
}

/** The booked and pending rows of a sync, each that is one of `earlier` with the key it had there. */
export function carryKeys<T extends KeyedTransaction>(
  current: { booked: readonly T[]; pending: readonly T[] },
  earlier: readonly KeyedTransaction[],
): { booked: T[]; pending: T[]; carried: number } {
  const earlierBooked = earlier.filter((row) => bookingDay(row) !== undefined);
  const earlierPending = earlier.filter((row) => bookingDay(row) === undefined);
  const booked = carry(current.booked, earlierBooked, true);
  const pending = carry(current.pending, earlierPending, false);
  return { booked: booked.rows, pending: pending.rows, carried: booked.carried + pending.carried };
}
