/**
 * After consent ends, on the sandbox: a reconnect matches the surviving
 * accounts by IBAN and reports the closed and new ones; the first sync after
 * it brings back the rows already held under the keys they had (0 imported
 * twice, none lost), at a bank with stable transactionIds and at one without
 * usable ones.
 */
import {
  accountIdentity,
  connect,
  matchAccounts,
  pickBalance,
  reconnect,
  syncTransactions,
  type KeyedTransaction,
  type TransactionSchema,
} from '../../src/index';
import { DAY_MS, REDIRECT, setup, type Setup } from './helpers';

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.close());

/** A row as the bank describes it, whatever account id and internal id it came under. */
const content = ({ internalTransactionId: _i, key: _k, ...row }: TransactionSchema & { key?: string }) =>
  JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

async function connectAs(institution_id: string, user: string, access_valid_for_days?: number) {
  const { requisition } = await connect(s.client, { institution_id, redirect: REDIRECT, ...(access_valid_for_days ? { access_valid_for_days } : {}) });
  await s.sandbox.completeRequisition(requisition.id!, { user });
  const { accounts = [] } = await s.client.requisitions.requisitionById({ id: requisition.id! });
  const held = [];
  for (const id of accounts) held.push({ id, identity: accountIdentity(await s.client.accounts.retrieveAccountDetails({ id })) });
  return { requisitionId: requisition.id!, held };
}

async function expireAndReconnect(requisitionId: string, user: string, days: number) {
  s.clock.advance(days * DAY_MS);
  const next = await reconnect(s.client, requisitionId, { redirect: REDIRECT });
  if (next.stillValid) throw new Error('expected the connection to have expired');
  await s.sandbox.completeRequisition(next.requisition.id!, { user });
  return next.requisition.id!;
}

it('a reconnect after expiry matches every surviving account by IBAN and reports the closed and the new one', async () => {
  const { requisitionId, held } = await connectAs('TIDEWATER_TDWRGB2L', 'ann'); // 90 days of access; one account closes
  const newRequisition = await expireAndReconnect(requisitionId, 'ann', 91);
  const { matched, lost, added } = await matchAccounts(s.client, held, newRequisition);
  expect(matched.map((m) => ({ previous: m.previous.id, by: m.by }))).toEqual([
    { previous: held[0].id, by: 'iban' },
    { previous: held[1].id, by: 'iban' },
  ]);
  for (const m of matched) expect(m.current.identity).toBe(m.previous.identity);
  expect(lost).toEqual([held[2]]);
  expect(added).toHaveLength(1);
  expect(added[0].identity).toMatch(/^iban:GB/);
  expect(held.map((h) => h.identity)).not.toContain(added[0].identity);
});

// Access for 30 days, so the days between the last sync and the reconnect stay within the bank's history.
describe.each([
  ['MONZO_MONZGB2L', 'stable transactionIds'],
  ['HARBOUR_HRBSGB2L', 'blank or repeated transactionIds and no internal ids'],
  ['MERIDIAN_MRDNDEFF', 'never a transactionId'],
])('the first sync after a reconnect at %s (%s)', (institution) => {
  it('returns the rows already held with their keys: 0 imported twice, none lost', async () => {
    const user = `user-${institution}`;
    const firstDay = new Date(s.clock.value).toISOString().slice(0, 10);
    const { requisitionId, held } = await connectAs(institution, user, 30);
    const account = held[0];
    const rows = new Map<string, KeyedTransaction>();
    let since: string | undefined;
    let pending: KeyedTransaction[] = [];
    const sync = async (accountId: string) => {
      const carryKeysFrom = [...rows.values()].filter((row) => since === undefined || (row.bookingDate ?? '') >= since).concat(pending);
      const result = await syncTransactions(s.client, accountId, { since, carryKeysFrom });
      const imported = result.booked.filter((row) => !rows.has(row.key));
      for (const row of imported) rows.set(row.key, row);
      pending = result.pending;
      since = result.nextSince;
      return { result, imported };
    };
    for (let day = 0; day < 3; day++) {
      if (day > 0) s.clock.advance(DAY_MS);
      await sync(account.id);
    }
    const heldBefore = new Set([...rows.values()].map(content));

    const newRequisition = await expireAndReconnect(requisitionId, user, 30);
    const { matched } = await matchAccounts(s.client, [account], newRequisition);
    expect(matched).toHaveLength(1);
    const { result, imported } = await sync(matched[0].current.id);
    const overlap = result.booked.filter((row) => heldBefore.has(content(row)));
    expect(overlap.length).toBeGreaterThan(5); // the overlap window came back…
    expect(imported.filter((row) => heldBefore.has(content(row)))).toEqual([]); // …and none of it was imported again
    expect(result.carried).toBeGreaterThanOrEqual(overlap.length);

    // Nothing lost, nothing twice: what is held from the first day synced is what the sandbox has for those days.
    const truth = await s.client.accounts.retrieveAccountTransactions({ id: matched[0].current.id, date_from: firstDay });
    const expected = (truth.transactions.booked ?? [])
      .filter((row) => row.bookingDate! >= firstDay)
      .map(content)
      .sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(
      [...rows.values()]
        .filter((row) => row.bookingDate! >= firstDay)
        .map(content)
        .sort(),
    ).toEqual(expected);
  });
});

it('pickBalance never shows the card credit limit as money, on the sandbox card whose interimAvailable includes it', async () => {
  const { held } = await connectAs('LANTERN_LNTNGB2L', 'card-holder');
  const { id } = held[0];
  const balances = await s.client.accounts.retrieveAccountBalances({ id });
  const details = await s.client.accounts.retrieveAccountDetails({ id });
  const sent = balances.balances!;
  const withLimit = sent.find((b) => b.balanceType === 'interimAvailable')!;
  expect(withLimit.creditLimitIncluded).toBe(true);
  const limit = Number(details.account.creditLimit!.amount);
  const booked = Number(sent.find((b) => b.balanceType === 'interimBooked')!.balanceAmount.amount);

  const available = pickBalance(balances, { kind: 'available', details })!;
  // What the owner has of their own: the bank's figure less the limit it included.
  expect(Number(available.amount)).toBeCloseTo(Number(withLimit.balanceAmount.amount) - limit, 2);
  expect(Number(available.amount)).toBeCloseTo(booked, 2);
  expect(available.creditLimitSubtracted).toBe(details.account.creditLimit!.amount);
  // Without the details the limit is unknown: the limit-including figure is not offered as money.
  expect(pickBalance(balances, { kind: 'available' })?.amount).not.toBe(withLimit.balanceAmount.amount);
  expect(pickBalance(balances, { kind: 'current', details })!.balanceType).not.toBe('interimAvailable');
});
