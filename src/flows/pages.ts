/**
 * Walking the API's limit/offset lists: every item of every page, one page
 * requested at a time, only when the caller asks for more.
 */
import type { EndUserAgreement, Requisition } from '../../generated/models/index';
import type { FlowClient } from './client';

export type Listable = 'requisitions' | 'agreements';

export interface IterateOptions {
  /** Items per page (1..100 make sense for the API); default 100. */
  limit?: number;
}

export type ListItem<K extends Listable> = K extends 'requisitions' ? Requisition : EndUserAgreement;

interface Page<T> {
  next?: string | null;
  results?: T[];
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new TypeError(`iterate: limit must be a whole number ≥ 1, got ${typeof limit === 'number' ? limit : typeof limit}`);
  }
  return limit;
}

/**
 * Every requisition or agreement of the company, newest first, fetching the next
 * page only when the loop reaches it. Breaking out of the loop stops the requests.
 */
export function iterate<K extends Listable>(client: FlowClient, kind: K, options: IterateOptions = {}): AsyncGenerator<ListItem<K>, void, undefined> {
  if (kind !== 'requisitions' && kind !== 'agreements') {
    throw new TypeError(`iterate: kind must be 'requisitions' or 'agreements', got ${JSON.stringify(kind)}`);
  }
  const limit = checkLimit(options?.limit);
  const fetchPage = (offset: number): Promise<Page<ListItem<K>>> =>
    (kind === 'requisitions'
      ? client.requisitions.retrieveAllRequisitions({ limit, offset })
      : client.agreements.retrieveAllAgreements({ limit, offset })) as Promise<Page<ListItem<K>>>;
  return (async function* pages() {
    let offset = 0;
    for (;;) {
      const page = await fetchPage(offset);
      const results = page.results ?? [];
      yield* results;
      // An empty page ends the walk even if `next` says otherwise, so a misbehaving server cannot loop us.
      if (!page.next || results.length === 0) return;
      offset += results.length;
    }
  })();
}

/** The requisition with this `reference`, or `undefined` when none has it. Stops at the first match. */
export async function findRequisitionByReference(client: FlowClient, reference: string): Promise<Requisition | undefined> {
  if (typeof reference !== 'string' || reference === '') throw new TypeError('findRequisitionByReference: reference must be a non-empty string');
  for await (const requisition of iterate(client, 'requisitions')) {
    if (requisition.reference === reference) return requisition;
  }
  return undefined;
}
