/**
 * The measurement the issue asks for: a 3-account connection synced once a day
 * for 7 sandbox days with syncTransactions + reconcilePending, storing rows by
 * key as an app would. Asserts, and prints, the calls spent per account per day
 * and the rows imported against the rows the sandbox holds (none missing, none
 * twice). The same is run at the bank with blank and repeated transaction ids.
 */
import { connect, reconcilePending, syncTransactions, transactionKey, waitForConsent, type KeyedTransaction } from '../../src/index';
import { DAY_MS, REDIRECT, followLink, setup, type Setup } from './helpers';

const DAYS = 7;

interface AccountFigures {
  account: string;
  /** Per day: transactions calls, and every request about this account (any path under /accounts/<id>/). */
  transactionCalls: number[];
  accountCalls: number[];
  /** Per day: booked rows returned, of which new keys; pending rows confirmed as booked; pending dropped. */
  returned: number[];
  imported: number[];
  confirmed: number[];
  /** Of the confirmed, how many the pending row's transactionId matched (the rest: amount, currency, counterparty). */
  confirmedById: number[];
  dropped: number[];
  /** At the end: rows stored, rows the sandbox holds (same history window), missing, extra, stored twice. */
  stored: number;
  held: number;
  missing: number;
  extra: number;
  twice: number;
  /** Stored rows that have since left the agreement's history window (not counted as extra). */
  aged: number;
  pendingMatches: boolean;
}

async function week(s: Setup, institution_id: string): Promise<AccountFigures[]> {
  const { link, requisition } = await connect(s.client, { institution_id, redirect: REDIRECT });
  await followLink(link);
  const { accounts = [] } = await waitForConsent(s.client, requisition.id!, { intervalMs: 10, timeoutMs: 2_000 });

  const state = accounts.map((account) => ({
    account,
    since: undefined as string | undefined,
    pending: [] as KeyedTransaction[],
    store: new Map<string, KeyedTransaction>(),
    insertions: 0,
    figures: {
      account,
      transactionCalls: [],
      accountCalls: [],
      returned: [],
      imported: [],
      confirmed: [],
      confirmedById: [],
      dropped: [],
    } as unknown as AccountFigures,
  }));

  for (let day = 0; day < DAYS; day++) {
    if (day > 0) s.clock.advance(DAY_MS);
    for (const a of state) {
      const mark = s.sandbox.requestCount;
      const result = await syncTransactions(s.client, a.account, { since: a.since });
      const requests = s.since(mark);
      a.figures.transactionCalls.push(requests.filter((r) => r === `GET /api/v2/accounts/${a.account}/transactions/`).length);
      a.figures.accountCalls.push(requests.filter((r) => r.startsWith(`GET /api/v2/accounts/${a.account}/`)).length);
      let fresh = 0;
      for (const row of result.booked) {
        if (a.store.has(row.key)) continue;
        a.store.set(row.key, row);
        a.insertions++;
        fresh++;
      }
      const reconciled = reconcilePending(a.pending, result);
      a.figures.returned.push(result.booked.length);
      a.figures.imported.push(fresh);
      a.figures.confirmed.push(reconciled.confirmed.length);
      a.figures.confirmedById.push(
        reconciled.confirmed.filter(({ pending, booked }) => pending.transactionId !== undefined && pending.transactionId === booked.transactionId).length,
      );
      a.figures.dropped.push(reconciled.dropped.length);
      a.pending = result.pending;
      a.since = result.nextSince;
    }
  }

  // What the sandbox holds now, read in full once more on the last day.
  for (const a of state) {
    const { transactions } = await s.client.accounts.retrieveAccountTransactions({ id: a.account });
    const held = new Set(transactions.booked.map((row) => transactionKey(row, a.account)));
    const oldest = transactions.booked.map((row) => row.bookingDate!).sort()[0];
    // Rows imported on day 1 that have since left the agreement's history window are not "extra".
    const storedInWindow = [...a.store.values()].filter((row) => row.bookingDate! >= oldest);
    a.figures.stored = a.store.size;
    a.figures.aged = a.store.size - storedInWindow.length;
    a.figures.held = held.size;
    a.figures.missing = [...held].filter((key) => !a.store.has(key)).length;
    a.figures.extra = storedInWindow.filter((row) => !held.has(row.key)).length;
    a.figures.twice = a.insertions - a.store.size + (transactions.booked.length - held.size);
    const pendingNow = new Set(transactions.pending!.map((row) => transactionKey(row, a.account)));
    a.figures.pendingMatches = a.pending.length === pendingNow.size && a.pending.every((row) => pendingNow.has(row.key));
  }
  return state.map((a) => a.figures);
}

function report(title: string, figures: AccountFigures[]): void {
  const lines = [`${title}: ${figures.length} account(s), ${DAYS} daily syncs`];
  for (const f of figures) {
    lines.push(`  account ${f.account.slice(0, 8)}…`);
    lines.push(`    transactions calls per day: ${f.transactionCalls.join(' ')}   (all account calls per day: ${f.accountCalls.join(' ')})`);
    lines.push(`    booked rows returned per day: ${f.returned.join(' ')};  new keys stored per day: ${f.imported.join(' ')}`);
    lines.push(
      `    pending confirmed per day: ${f.confirmed.join(' ')} (by id: ${f.confirmedById.join(' ')});  pending dropped per day: ${f.dropped.join(' ')}`,
    );
    lines.push(
      `    rows stored ${f.stored} (${f.aged} since aged out of the history window), rows the sandbox holds ${f.held}: missing ${f.missing}, extra ${f.extra}, stored twice ${f.twice}; pending as the sandbox has it: ${f.pendingMatches}`,
    );
  }
  console.log(lines.join('\n'));
}

function check(figures: AccountFigures[]): void {
  for (const f of figures) {
    expect(f.transactionCalls).toEqual(Array(DAYS).fill(1));
    expect(f.accountCalls).toEqual(Array(DAYS).fill(1));
    expect({ missing: f.missing, extra: f.extra, twice: f.twice, pendingMatches: f.pendingMatches }).toEqual({
      missing: 0,
      extra: 0,
      twice: 0,
      pendingMatches: true,
    });
    expect(f.held).toBeGreaterThan(0);
    expect(f.stored - f.aged).toBe(f.held);
    // After the first day, each day's new rows are the pending rows that booked.
    for (let day = 1; day < DAYS; day++) expect([day, f.imported[day]]).toEqual([day, f.confirmed[day]]);
    expect(f.dropped.every((n) => n === 0)).toBe(true);
  }
}

describe('a week of daily syncs', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => s.close());

  it('a 3-account connection: one transactions call per account per day, every row the sandbox holds imported once', async () => {
    const figures = await week(s, 'REVOLUT_REVOGB21');
    report('Revolut (730 days of history)', figures);
    expect(figures).toHaveLength(3);
    check(figures);
  });

  it('the same at the bank with blank and repeated transaction ids', async () => {
    const figures = await week(s, 'HARBOUR_HRBSGB2L');
    report('Harbour Savings (blank / repeated transactionId, no internalTransactionId)', figures);
    check(figures);
  });
});
