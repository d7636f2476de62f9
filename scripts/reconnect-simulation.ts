/**
 * An app's life across consents, on the sandbox clock: a user's accounts at
 * one bank synced once a day for `days` days. When access ends the app
 * reconnects (`reconnect`), the user consents again, the new accounts are
 * matched to the held ones (`matchAccounts`), and every sync passes the rows
 * held from `since` on (`carryKeysFrom`), so rows already held keep their key.
 * Rows are stored by key, as an app stores them.
 *
 * At the end it compares the rows held with the rows the sandbox holds for the
 * same days, and counts the requisitions created and the calls spent per
 * account per day. test/flows/reconnect-simulation.test.ts asserts on these
 * figures; `npx tsx scripts/reconnect-simulation.ts [days] [bank]` prints them.
 */
import {
  BankAccountDataClient,
  accountIdentity,
  connect,
  consentStatus,
  matchAccounts,
  reconnect,
  syncTransactions,
  type KeyedTransaction,
  type TransactionSchema,
} from '../src/index';
import { createSandboxServer } from '../src/sandbox/index';

const DAY_MS = 86_400_000;
const REDIRECT = 'https://app.example/bank-callback';

export interface SimulationOptions {
  /** Sandbox days synced; default 200. */
  days?: number;
  /** Default REVOLUT_REVOGB21: 3 accounts, 180 days of access. */
  institution?: string;
  start?: number;
}

export interface AccountFigures {
  identity: string;
  /** Booked rows held at the end, and the rows the sandbox holds for the same days. */
  held: number;
  sandbox: number;
  /** Sandbox rows not held; held rows not in the sandbox; rows held more than once. */
  missing: number;
  extra: number;
  twice: number;
}

export interface SimulationFigures {
  days: number;
  accounts: number;
  requisitionsCreated: number;
  reconnects: number;
  /** Per reconnect: booked rows the first sync after it returned, of which already held (they kept their key) and imported as new. */
  afterReconnect: Array<{ returned: number; alreadyHeld: number; imported: number; matchedBy: string[]; lost: number; added: number }>;
  perAccount: AccountFigures[];
  rowsHeld: number;
  rowsInSandbox: number;
  missing: number;
  twice: number;
  /** Account calls (any /accounts/<id>/… request) per account per day: mean, and the most on any day; transactions calls alone likewise. */
  callsPerAccountPerDay: { mean: number; max: number; transactionsMean: number; transactionsMax: number };
}

/** What identifies a row across account ids: everything but the API's per-resource id and our key. */
function content(row: TransactionSchema): string {
  const { internalTransactionId: _internal, key: _key, ...rest } = row as KeyedTransaction;
  return JSON.stringify(
    Object.keys(rest)
      .sort()
      .map((name) => [name, (rest as Record<string, unknown>)[name]]),
  );
}

interface HeldAccount {
  identity: string;
  id: string;
  since: string | undefined;
  rows: Map<string, KeyedTransaction>;
  pending: KeyedTransaction[];
}

export async function simulate(options: SimulationOptions = {}): Promise<SimulationFigures> {
  const days = options.days ?? 200;
  const institution_id = options.institution ?? 'REVOLUT_REVOGB21';
  let now = options.start ?? Date.parse('2025-01-06T09:00:00.000Z');
  const sandbox = await createSandboxServer({ now: () => now, accessTtlSeconds: 400 * 86_400, refreshTtlSeconds: 400 * 86_400 });
  const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url });
  const user = 'simulated-user';
  try {
    // Day 0: connect, consent, and store each account under its identity.
    const first = await connect(client, { institution_id, redirect: REDIRECT, reference: 'sim-user' });
    await sandbox.completeRequisition(first.requisition.id!, { user });
    let requisitionId = first.requisition.id!;
    let expiresAt = (await consentStatus(client, requisitionId, { now })).expiresAt!.getTime();
    const connectMark = sandbox.requestCount; // day 0's details reads count as day 0's calls
    const held: HeldAccount[] = [];
    for (const id of (await client.requisitions.requisitionById({ id: requisitionId })).accounts ?? []) {
      const identity = accountIdentity(await client.accounts.retrieveAccountDetails({ id }));
      held.push({ identity, id, since: undefined, rows: new Map(), pending: [] });
    }

    const figures: SimulationFigures = {
      days,
      accounts: held.length,
      requisitionsCreated: 0,
      reconnects: 0,
      afterReconnect: [],
      perAccount: [],
      rowsHeld: 0,
      rowsInSandbox: 0,
      missing: 0,
      twice: 0,
      callsPerAccountPerDay: { mean: 0, max: 0, transactionsMean: 0, transactionsMax: 0 },
    };
    let accountCalls = 0;
    let transactionCalls = 0;

    for (let day = 0; day < days; day++) {
      if (day > 0) now += DAY_MS;
      const mark = day === 0 ? connectMark : sandbox.requestCount;
      let carryFor: Set<HeldAccount> = new Set();
      const reconnection = { returned: 0, alreadyHeld: 0, imported: 0, matchedBy: [] as string[], lost: 0, added: 0 };

      if (now >= expiresAt) {
        const result = await reconnect(client, requisitionId, { redirect: REDIRECT });
        if (result.stillValid) throw new Error('the sandbox said an expired connection is still valid');
        await sandbox.completeRequisition(result.requisition.id!, { user });
        requisitionId = result.requisition.id!;
        expiresAt = (await consentStatus(client, requisitionId, { now })).expiresAt!.getTime();
        const match = await matchAccounts(client, held, requisitionId);
        for (const { previous, current, by } of match.matched) {
          previous.id = current.id;
          reconnection.matchedBy.push(by);
          carryFor.add(previous);
        }
        reconnection.lost = match.lost.length;
        reconnection.added = match.added.length;
        figures.reconnects++;
      }

      for (const account of held) {
        const since = account.since;
        // Every sync passes the rows held from `since` on: after a reconnect, the overlap's rows come back under new ids for some days.
        const carryKeysFrom = [...account.rows.values()].filter((row) => since === undefined || (row.bookingDate ?? '') >= since).concat(account.pending);
        const result = await syncTransactions(client, account.id, { since, carryKeysFrom });
        let imported = 0;
        for (const row of result.booked) {
          if (account.rows.has(row.key)) continue;
          account.rows.set(row.key, row);
          imported++;
        }
        account.pending = result.pending;
        account.since = result.nextSince;
        if (carryFor.has(account)) {
          reconnection.returned += result.booked.length;
          reconnection.alreadyHeld += result.booked.length - imported;
          reconnection.imported += imported;
        }
      }
      if (carryFor.size > 0) figures.afterReconnect.push(reconnection);
      carryFor = new Set();

      const count = sandbox.requestCount - mark;
      const requests = count > 0 ? sandbox.requests.slice(-count) : [];
      for (const account of held) {
        const mine = requests.filter((r) => r.path.includes(`/accounts/${account.id}/`));
        const transactions = mine.filter((r) => r.path.endsWith('/transactions/')).length;
        accountCalls += mine.length;
        transactionCalls += transactions;
        figures.callsPerAccountPerDay.max = Math.max(figures.callsPerAccountPerDay.max, mine.length);
        figures.callsPerAccountPerDay.transactionsMax = Math.max(figures.callsPerAccountPerDay.transactionsMax, transactions);
      }
    }
    figures.callsPerAccountPerDay.mean = accountCalls / (held.length * days);
    figures.callsPerAccountPerDay.transactionsMean = transactionCalls / (held.length * days);
    figures.requisitionsCreated = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/requisitions/').length;

    // What the sandbox holds for the synced days: read once more (outside the counts above), from the first day synced.
    const firstDay = new Date(options.start ?? Date.parse('2025-01-06T09:00:00.000Z')).toISOString().slice(0, 10);
    for (const account of held) {
      const truth = await client.accounts.retrieveAccountTransactions({ id: account.id, date_from: firstDay });
      const expected = new Map<string, number>();
      for (const row of truth.transactions.booked ?? []) {
        if ((row.bookingDate ?? '') < firstDay) continue;
        expected.set(content(row), (expected.get(content(row)) ?? 0) + 1);
      }
      const got = new Map<string, number>();
      let heldCount = 0;
      for (const row of account.rows.values()) {
        if ((row.bookingDate ?? '') < firstDay) continue; // the history before day 0, read once on day 0
        heldCount++;
        got.set(content(row), (got.get(content(row)) ?? 0) + 1);
      }
      let missing = 0;
      let extra = 0;
      let twice = 0;
      for (const [row, count] of expected) missing += Math.max(0, count - (got.get(row) ?? 0));
      for (const [row, count] of got) {
        const want = expected.get(row) ?? 0;
        if (want === 0) extra += count;
        else twice += Math.max(0, count - want);
      }
      const sandboxCount = [...expected.values()].reduce((a, b) => a + b, 0);
      figures.perAccount.push({ identity: account.identity, held: heldCount, sandbox: sandboxCount, missing, extra, twice });
      figures.rowsHeld += heldCount;
      figures.rowsInSandbox += sandboxCount;
      figures.missing += missing;
      figures.twice += twice + extra;
    }
    return figures;
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  const [days, institution] = process.argv.slice(2);
  simulate({ ...(days ? { days: Number(days) } : {}), ...(institution ? { institution } : {}) })
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
