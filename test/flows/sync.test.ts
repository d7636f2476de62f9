/**
 * syncTransactions against the sandbox, day after day on its clock, with
 * reconcilePending following the pending rows: one transactions call per sync,
 * new rows only, pending rows confirmed when they book.
 */
import { connect, reconcilePending, syncTransactions, transactionKey, waitForConsent, type KeyedTransaction, type SyncResult } from '../../src/index';
import { DAY_MS, REDIRECT, SANDBOX_BANK, followLink, setup, type Setup } from './helpers';

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.close());

async function linkedAccounts(institution_id: string): Promise<string[]> {
  const { link, requisition } = await connect(s.client, { institution_id, redirect: REDIRECT });
  await followLink(link);
  return (await waitForConsent(s.client, requisition.id!, { intervalMs: 10, timeoutMs: 2_000 })).accounts!;
}

const transactionCalls = (mark: number, accountId: string) => s.since(mark).filter((r) => r === `GET /api/v2/accounts/${accountId}/transactions/`).length;
const keys = (rows: KeyedTransaction[]) => rows.map((r) => r.key);

describe('syncTransactions', () => {
  it('a second sync a day later returns only new rows and confirms the pending ones that booked, one call each', async () => {
    const [accountId] = await linkedAccounts(SANDBOX_BANK);

    let mark = s.sandbox.requestCount;
    const first = await syncTransactions(s.client, accountId);
    expect(transactionCalls(mark, accountId)).toBe(1);
    expect(s.since(mark)).toHaveLength(1);
    expect(first.booked.length).toBeGreaterThan(200); // 90 days of history
    expect(first.pending.length).toBeGreaterThan(0);
    expect(first.rateLimit).toEqual({ limit: 4, remaining: 3, resetSeconds: expect.any(Number) });
    const newestBooked = first.booked
      .map((r) => r.bookingDate!)
      .sort()
      .pop()!;
    expect(first.nextSince).toBe(new Date(Date.parse(newestBooked) - 5 * DAY_MS).toISOString().slice(0, 10));
    expect(new Set(keys(first.booked)).size).toBe(first.booked.length);

    s.clock.advance(DAY_MS);
    mark = s.sandbox.requestCount;
    const second = await syncTransactions(s.client, accountId, { since: first.nextSince });
    expect(transactionCalls(mark, accountId)).toBe(1);
    expect(s.since(mark)).toHaveLength(1);
    // Nothing before `since`, though the API's date filter also returns rows by their value date.
    expect(second.booked.every((r) => r.bookingDate! >= first.nextSince!)).toBe(true);

    const known = new Set(keys(first.booked));
    const fresh = second.booked.filter((r) => !known.has(r.key));
    // Rows seen before come back with the same key (the overlap), so storing by key adds only the new ones …
    expect(second.booked.filter((r) => known.has(r.key)).length).toBeGreaterThan(0);
    // … and the new ones are the day that just booked: yesterday's oldest pending day.
    const bookedDay = first.pending.map((r) => r.valueDate!).sort()[0];
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((r) => r.bookingDate))).toEqual(new Set([bookedDay]));

    const result = reconcilePending(first.pending, second);
    const pendingThatBooked = first.pending.filter((r) => r.valueDate === bookedDay);
    expect(result.confirmed.map((c) => c.pending.key).sort()).toEqual(keys(pendingThatBooked).sort());
    expect(result.confirmed.map((c) => c.booked.key).sort()).toEqual(keys(fresh).sort());
    for (const { pending, booked } of result.confirmed) {
      expect(booked.transactionAmount).toEqual(pending.transactionAmount);
      expect(booked.creditorName ?? booked.debtorName).toBe(pending.creditorName ?? pending.debtorName);
    }
    // Some kept their id when booked, some got a new one, some had none: all are matched.
    const kinds = new Set(
      result.confirmed.map(({ pending, booked }) =>
        pending.transactionId === undefined ? 'none' : pending.transactionId === booked.transactionId ? 'same' : 'new',
      ),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    expect(result.dropped).toEqual([]);
    expect(result.stillPending.length).toBe(first.pending.length - pendingThatBooked.length);
  });

  it('keys stay unique at the bank with blank and repeated transaction ids, and nothing is lost to de-duplication', async () => {
    const [accountId] = await linkedAccounts('HARBOUR_HRBSGB2L');
    const raw = await s.client.accounts.retrieveAccountTransactions({ id: accountId });
    const ids = raw.transactions.booked.map((r) => r.transactionId);
    expect(ids.some((id) => id!.trim() === '')).toBe(true);
    expect(new Set(ids).size).toBeLessThan(ids.length); // repeated
    expect(raw.transactions.booked.every((r) => r.internalTransactionId === undefined)).toBe(true);

    const synced = await syncTransactions(s.client, accountId);
    expect(synced.booked.length).toBe(raw.transactions.booked.length);
    expect(new Set(keys(synced.booked)).size).toBe(synced.booked.length);
    // The same rows read again give the same keys.
    expect(raw.transactions.booked.map((r) => transactionKey(r, accountId))).toEqual(keys(synced.booked));
  });

  it('keeps out booked rows before `since` that the API returns by their value date', async () => {
    const [accountId] = await linkedAccounts(SANDBOX_BANK);
    // Salary is booked on the 25th with the 26th as its value date, so date_from=…-26 returns it.
    const raw = await s.client.accounts.retrieveAccountTransactions({ id: accountId, date_from: '2024-02-26' });
    const early = raw.transactions.booked.filter((r) => r.bookingDate! < '2024-02-26');
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((r) => r.valueDate! >= '2024-02-26')).toBe(true);
    const mark = s.sandbox.requestCount;
    const synced = await syncTransactions(s.client, accountId, { since: '2024-02-26' });
    expect(s.since(mark)).toEqual([`GET /api/v2/accounts/${accountId}/transactions/`]);
    expect(synced.booked.length).toBe(raw.transactions.booked.length - early.length);
    expect(synced.booked.every((r) => r.bookingDate! >= '2024-02-26')).toBe(true);
  });

  it('drops exact duplicates in one response and keeps booked rows before `since` out', async () => {
    const [accountId] = await linkedAccounts(SANDBOX_BANK);
    const doubled = {
      accounts: {
        retrieveAccountTransactionsRaw: async () => {
          const raw = await s.client.accounts.retrieveAccountTransactionsRaw({ id: accountId, date_from: '2024-03-01' });
          const body = await raw.value();
          return {
            raw: raw.raw,
            value: async () => ({
              ...body,
              transactions: { booked: [...body.transactions.booked, ...body.transactions.booked], pending: body.transactions.pending },
            }),
          };
        },
      },
    };
    const { syncTransactions } = await import('../../src/flows/sync');
    const result: SyncResult = await syncTransactions(doubled as any, accountId, { since: '2024-03-01' });
    const once = await syncTransactions(s.client, accountId, { since: '2024-03-01' });
    expect(keys(result.booked)).toEqual(keys(once.booked));
    expect(once.booked.every((r) => r.bookingDate! >= '2024-03-01')).toBe(true);
  });

  it.each([
    [{ since: '2024-3-1' }, /since/],
    [{ since: '2024-02-30' }, /since/],
    [{ since: new Date('nope') }, /since/],
    [{ overlapDays: -1 }, /overlapDays/],
    [{ overlapDays: 1.5 }, /overlapDays/],
  ])('refuses bad options before any request (%#)', async (options, message) => {
    const mark = s.sandbox.requestCount;
    await expect(syncTransactions(s.client, 'some-account', options as any)).rejects.toThrow(message);
    await expect(syncTransactions(s.client, '', {})).rejects.toThrow(/accountId/);
    expect(s.sandbox.requestCount).toBe(mark);
  });
});
