/**
 * reconnect and matchAccounts against the sandbox: a connection still valid is
 * left alone, an expired one is connected again with the old agreement's
 * limits, a reconnect still waiting for the end user is handed out again
 * instead of a new requisition, and the new accounts are matched to the old
 * ones by the identities the app stored.
 */
import { accountIdentity, connect, matchAccounts, reconnect, type Requisition } from '../../src/index';
import { DAY_MS, REDIRECT, setup, type Setup } from './helpers';

const BANK = 'REVOLUT_REVOGB21'; // 3 accounts, 180 days of access

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.close());

const requisitionsCreated = (mark: number) => s.since(mark).filter((r) => r === 'POST /api/v2/requisitions/').length;

/** A linked connection whose accounts the app stored with their identities. */
async function linked(reference: string) {
  const { requisition } = await connect(s.client, { institution_id: BANK, redirect: REDIRECT, reference, max_historical_days: 400 });
  const { accounts = [] } = await s.sandbox.completeRequisition(requisition.id!);
  const held = [];
  for (const id of accounts) held.push({ id, identity: accountIdentity(await s.client.accounts.retrieveAccountDetails({ id })) });
  return { requisition, held };
}

describe('reconnect', () => {
  it('says a linked requisition is still valid, and until when, without creating anything', async () => {
    const { requisition } = await linked('still-valid');
    const mark = s.sandbox.requestCount;
    const result = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    expect(result.stillValid).toBe(true);
    if (!result.stillValid) return;
    expect(result.requisition.id).toBe(requisition.id);
    expect(result.expiresAt?.getTime()).toBe(s.clock.value + 180 * DAY_MS);
    expect(requisitionsCreated(mark)).toBe(0);
  });

  it('after expiry: a new requisition at the same bank with the old limits; called again while it waits, the same link', async () => {
    const { requisition } = await linked('expiring');
    s.clock.advance(181 * DAY_MS);

    let mark = s.sandbox.requestCount;
    const first = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    expect(first.stillValid).toBe(false);
    if (first.stillValid) return;
    expect(first.reused).toBe(false);
    expect(requisitionsCreated(mark)).toBe(1);
    expect(first.requisition).toMatchObject({ institution_id: BANK, reference: 'expiring~2', status: 'CR' });
    expect(first.agreement).toMatchObject({ max_historical_days: 400, access_valid_for_days: 180 });
    expect(first.link).toBe(first.requisition.link);

    // The end user has not consented yet; the app asks again (a retry, a second tab): no second requisition.
    mark = s.sandbox.requestCount;
    const again = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    expect(again).toMatchObject({ stillValid: false, reused: true, link: first.link });
    if (again.stillValid) return;
    expect(again.requisition.id).toBe(first.requisition.id);
    expect(again.agreement.id).toBe(first.agreement.id);
    expect(requisitionsCreated(mark)).toBe(0);

    // Asking about the new requisition itself while it waits: its own link.
    const itself = await reconnect(s.client, first.requisition.id!, { redirect: REDIRECT });
    expect(itself).toMatchObject({ stillValid: false, reused: true, link: first.link });

    // Once the end user consents, the old requisition's reconnect is done.
    await s.sandbox.completeRequisition(first.requisition.id!);
    const done = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    expect(done.stillValid).toBe(true);
    expect((done as { requisition: Requisition }).requisition.id).toBe(first.requisition.id);
  });

  it('after a rejected reconnect, the next one takes the next reference; limits "max" asks for what the bank allows', async () => {
    const { requisition } = await linked('rejected-once');
    s.clock.advance(181 * DAY_MS);
    const first = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    if (first.stillValid) throw new Error('expected a new connection');
    await s.sandbox.completeRequisition(first.requisition.id!, { reject: true });

    const mark = s.sandbox.requestCount;
    const second = await reconnect(s.client, requisition.id!, { redirect: REDIRECT, limits: 'max' });
    if (second.stillValid) throw new Error('expected a new connection');
    expect(second.reused).toBe(false);
    expect(requisitionsCreated(mark)).toBe(1);
    expect(second.requisition.reference).toBe('rejected-once~3');
    expect(second.agreement).toMatchObject({ max_historical_days: 730, access_valid_for_days: 180 });
  });

  it('takes the reference given, numbered the same way', async () => {
    const { requisition } = await linked('app-ref-1');
    s.clock.advance(181 * DAY_MS);
    const result = await reconnect(s.client, requisition.id!, { redirect: REDIRECT, reference: 'user-42' });
    if (result.stillValid) throw new Error('expected a new connection');
    expect(result.requisition.reference).toBe('user-42~2');
  });

  it('refuses bad input before any request', async () => {
    const mark = s.sandbox.requestCount;
    await expect(reconnect(s.client, '', { redirect: REDIRECT })).rejects.toThrow(/reconnect: requisitionId/);
    await expect(reconnect(s.client, 'x', { redirect: '' })).rejects.toThrow(/reconnect: redirect/);
    await expect(reconnect(s.client, 'x', { redirect: REDIRECT, reference: '' })).rejects.toThrow(/reconnect: reference/);
    await expect(reconnect(s.client, 'x', { redirect: REDIRECT, limits: 'most' as never })).rejects.toThrow(/reconnect: limits/);
    expect(s.sandbox.requestCount).toBe(mark);
  });
});

describe('matchAccounts', () => {
  it('matches each account of the new requisition to the one held before, by IBAN, reading details only', async () => {
    const { requisition, held } = await linked('match-all');
    s.clock.advance(181 * DAY_MS);
    const next = await reconnect(s.client, requisition.id!, { redirect: REDIRECT });
    if (next.stillValid) throw new Error('expected a new connection');
    const { accounts = [] } = await s.sandbox.completeRequisition(next.requisition.id!);

    const mark = s.sandbox.requestCount;
    const { matched, lost, added } = await matchAccounts(s.client, held, next.requisition.id!);
    expect(matched.map((m) => [m.previous.id, m.by])).toEqual(held.map((h) => [h.id, 'iban']));
    expect(matched.map((m) => m.current.id).sort()).toEqual([...accounts].sort());
    for (const m of matched) {
      expect(m.current.id).not.toBe(m.previous.id);
      expect(m.current.identity).toBe(m.previous.identity);
    }
    expect(lost).toEqual([]);
    expect(added).toEqual([]);
    const requests = s.since(mark);
    expect(requests.filter((r) => r.endsWith('/details/'))).toHaveLength(3);
    expect(requests.filter((r) => r.endsWith('/transactions/') || r.endsWith('/balances/'))).toEqual([]);
  });

  it('never matches two previous accounts to one current account', async () => {
    const { requisition, held } = await linked('match-twice');
    const twice = [held[0], { ...held[0], id: 'a-duplicate-row-in-the-app' }];
    const { matched, lost, added } = await matchAccounts(s.client, twice, requisition.id!);
    expect(matched.map((m) => m.previous.id)).toEqual([held[0].id]);
    expect(lost.map((p) => p.id)).toEqual(['a-duplicate-row-in-the-app']);
    expect(added).toHaveLength(2);
  });

  it('refuses bad input before any request, and a requisition not linked yet', async () => {
    const mark = s.sandbox.requestCount;
    await expect(matchAccounts(s.client, {} as never, 'x')).rejects.toThrow(/matchAccounts: previousAccounts must be an array/);
    await expect(matchAccounts(s.client, [{ id: 'a', identity: 'GB00' }], 'x')).rejects.toThrow(/previousAccounts\[0\]/);
    await expect(matchAccounts(s.client, [], '')).rejects.toThrow(/matchAccounts: requisitionId/);
    expect(s.sandbox.requestCount).toBe(mark);
    const { requisition } = await connect(s.client, { institution_id: BANK, redirect: REDIRECT });
    await expect(matchAccounts(s.client, [], requisition.id!)).rejects.toThrow(/not linked \(status CR\)/);
  });
});
