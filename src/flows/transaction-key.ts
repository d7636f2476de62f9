/**
 * One stable key per transaction row, scoped to its account.
 *
 * - `internalTransactionId` (trimmed) when present: the API's own id of a
 *   booked row, unique within one account.
 * - else `transactionId` (trimmed), paired with a hash of the row's content:
 *   some banks repeat the same `transactionId` on different rows, and a key
 *   must never be shared by two different rows;
 * - else a hash of the row's content alone (blank or missing ids).
 *
 * The content hash covers every field of the row except `key` itself, read in
 * a canonical order, so the same row always gives the same key whatever order
 * its fields arrived in.
 */
import type { TransactionSchema } from '../../generated/models/index';
import { fnv1a64 } from './hash';

/** A transaction row as the sync returns it: the API's fields plus its `key`. */
export type KeyedTransaction = TransactionSchema & { key: string };

/** JSON with object keys sorted at every level, `undefined` members left out and the row's own `key` ignored. */
export function canonicalJson(value: unknown, top = true): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item, false)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((name) => record[name] !== undefined && !(top && name === 'key'))
    .sort()
    .map((name) => `${JSON.stringify(name)}:${canonicalJson(record[name], false)}`);
  return `{${members.join(',')}}`;
}

function present(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The stable key of `transaction` within account `accountId`:
 * `<accountId>:i:<internalTransactionId>`, `<accountId>:t:<transactionId>:<hash>`
 * or `<accountId>:h:<hash>`. The same row (same fields, in any order) always
 * gets the same key. Rows share one when the bank gives them the same
 * `internalTransactionId`, or when all their fields are equal; other rows get
 * different keys unless their 64-bit FNV-1a hashes collide, a chance of about
 * n²/2⁶⁵ for n rows of one account (a hash, not a proof of difference).
 */
export function transactionKey(transaction: TransactionSchema, accountId: string): string {
  if (typeof accountId !== 'string' || accountId.trim() === '') {
    throw new TypeError('transactionKey: accountId must be a non-empty string');
  }
  if (transaction === null || typeof transaction !== 'object' || Array.isArray(transaction)) {
    throw new TypeError('transactionKey: transaction must be a transaction object');
  }
  const internalId = present(transaction.internalTransactionId);
  if (internalId !== undefined) return `${accountId}:i:${internalId}`;
  const hash = fnv1a64(canonicalJson(transaction));
  const transactionId = present(transaction.transactionId);
  return transactionId !== undefined ? `${accountId}:t:${transactionId}:${hash}` : `${accountId}:h:${hash}`;
}
