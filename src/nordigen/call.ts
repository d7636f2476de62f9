import type { BankAccountDataClient } from '../index';

/** Runs one operation on the facade's current client; failures come back with `response` (errors.ts). */
export type Call = <T>(operation: (client: BankAccountDataClient) => Promise<T>) => Promise<T>;

/** nordigen-node drops every falsy value from a query (its `filterObject`): `offset=0` is never sent. */
export function truthy<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => Boolean(value))) as Partial<T>;
}
