/**
 * `markupInText`: institution names and transaction texts that carry HTML, as
 * text from a bank can. With it on, every institution's `name` and every
 * transaction's `remittanceInformationUnstructured` end with `MARKUP_IN_TEXT`,
 * so an app's test can show that it renders them as text, not as markup.
 */
import type { TransactionSchema } from '../index';

/** What is appended: a script element, and quotes and an ampersand for attribute values. */
export const MARKUP_IN_TEXT = `<script>alert("sandbox markup & 'quotes'")</script>`;

export function markName<T extends { name?: string }>(on: boolean, institution: T): T {
  return on ? { ...institution, name: `${institution.name ?? ''} ${MARKUP_IN_TEXT}` } : institution;
}

export function markTransactions<T extends { booked: TransactionSchema[]; pending: TransactionSchema[] }>(on: boolean, transactions: T): T {
  if (!on) return transactions;
  const mark = (row: TransactionSchema): TransactionSchema => ({
    ...row,
    remittanceInformationUnstructured: `${row.remittanceInformationUnstructured ?? ''} ${MARKUP_IN_TEXT}`.trimStart(),
  });
  return { ...transactions, booked: transactions.booked.map(mark), pending: transactions.pending.map(mark) };
}
