/**
 * The sandbox plays a returning end user: the same person's accounts (same
 * IBANs) under new account ids with re-issued internalTransactionIds and the
 * bank's own transactionIds kept; a bank whose account set changes between
 * connections; and the monthly requisition quota, off by default.
 */
import { ApiException, connect, syncTransactions } from '../../src/index';
import { DAY_MS, REDIRECT, setup, type Setup } from '../flows/helpers';

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.close());

async function consent(institution_id: string, user?: string) {
  const { requisition } = await connect(s.client, { institution_id, redirect: REDIRECT });
  const { accounts = [] } = await s.sandbox.completeRequisition(requisition.id!, user === undefined ? {} : { user });
  const details = [];
  for (const id of accounts) details.push((await s.client.accounts.retrieveAccountDetails({ id })).account);
  return { accounts, ibans: details.map((d) => d.iban) };
}

describe('a returning end user', () => {
  it('gets the same IBANs under new account ids; a different user gets other accounts', async () => {
    const first = await consent('BARCLAYS_BUKBGB22', 'ann');
    const again = await consent('BARCLAYS_BUKBGB22', 'ann');
    const other = await consent('BARCLAYS_BUKBGB22', 'bob');
    expect(again.ibans).toEqual(first.ibans);
    expect(again.accounts.filter((id) => first.accounts.includes(id))).toEqual([]);
    expect(other.ibans.filter((iban) => first.ibans.includes(iban))).toEqual([]);
    // Without a user, every consent is the sandbox's one default user.
    expect((await consent('BARCLAYS_BUKBGB22')).ibans).toEqual((await consent('BARCLAYS_BUKBGB22')).ibans);
  });

  it('re-issues internalTransactionIds for the new account ids and keeps the bank transactionIds', async () => {
    const first = await consent('MONZO_MONZGB2L', 'cleo');
    const again = await consent('MONZO_MONZGB2L', 'cleo');
    const before = await syncTransactions(s.client, first.accounts[0], { since: '2024-03-01' });
    const after = await syncTransactions(s.client, again.accounts[0], { since: '2024-03-01' });
    expect(after.booked.map((r) => r.transactionId)).toEqual(before.booked.map((r) => r.transactionId));
    expect(after.booked.length).toBeGreaterThan(10);
    after.booked.forEach((row, at) => {
      expect(row.internalTransactionId).toMatch(/^[0-9a-f]{32}$/);
      expect(row.internalTransactionId).not.toBe(before.booked[at].internalTransactionId);
    });
    // Which is what breaks apps that key on the account and internal id: every row looks new.
    expect(after.booked.filter((row) => before.booked.some((held) => held.key === row.key))).toEqual([]);
  });

  it('at Tidewater Bank: the second connection has one account closed and one opened', async () => {
    const first = await consent('TIDEWATER_TDWRGB2L', 'dan');
    const second = await consent('TIDEWATER_TDWRGB2L', 'dan');
    const third = await consent('TIDEWATER_TDWRGB2L', 'dan');
    expect(first.ibans).toHaveLength(3);
    expect(second.ibans.slice(0, 2)).toEqual(first.ibans.slice(0, 2));
    expect(first.ibans).not.toContain(second.ibans[2]);
    expect(third.ibans).toEqual(second.ibans);
    // Another user's first connection has the full first set.
    expect((await consent('TIDEWATER_TDWRGB2L', 'eve')).ibans).toHaveLength(3);
  });
});

describe('the monthly requisition quota', () => {
  it('is off by default', async () => {
    for (let i = 0; i < 5; i++) await connect(s.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT });
  });

  it('once spent, refuses a requisition with the API answer until the next month', async () => {
    const q = await setup({ requisitionQuota: 2 }, Date.parse('2024-03-30T12:00:00.000Z'));
    try {
      const first = await connect(q.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT });
      // Deleting does not give it back.
      await q.client.requisitions.deleteRequisitionById({ id: first.requisition.id! });
      await connect(q.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT });
      const refused = await connect(q.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiException);
      expect(refused).toMatchObject({ status: 402, code: 'PaymentRequired' });
      expect(JSON.parse((refused as ApiException).body)).toMatchObject({ summary: 'Payment Required', status_code: 402 });
      q.clock.advance(2 * DAY_MS); // April
      await connect(q.client, { institution_id: 'MONZO_MONZGB2L', redirect: REDIRECT });
    } finally {
      await q.close();
    }
  });

  it('refuses a bad quota', async () => {
    await expect(setup({ requisitionQuota: -1 })).rejects.toThrow(/option "requisitionQuota"/);
  });
});
