/**
 * A client apps really run, nordigen-node (the official SDK, on axios), driven
 * through the whole life of a connection against the sandbox. It asks for the
 * account endpoints without their trailing slash and follows the redirect.
 */
import NordigenClient from 'nordigen-node';
import type { SandboxServer } from '../../src/sandbox/index';
import { startSandbox, testClock } from './helpers';

let sandbox: SandboxServer;
let client: NordigenClient;
const clock = testClock();

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now });
  client = new NordigenClient({ ...sandbox.credentials, baseUrl: `${sandbox.url}/api/v2` });
});
afterAll(() => sandbox.close());

/** The status an axios call failed with. */
async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { response?: { status: number } }).response?.status;
  }
}

it('goes from a token to transactions, unslashed account calls included, and meets the daily limit on the fifth details call', async () => {
  const token = await client.generateToken();
  expect(token).toMatchObject({ access: expect.any(String), refresh: expect.any(String) });
  expect((await client.exchangeToken({ refreshToken: token.refresh })).access).toEqual(expect.any(String));

  const gb = await client.institution.getInstitutions({ country: 'GB' });
  expect(gb.map((institution: { id: string }) => institution.id)).toEqual(expect.arrayContaining(['MONZO_MONZGB2L', 'REVOLUT_REVOGB21']));
  const lv = await client.institution.getInstitutions({ country: 'LV' });
  expect(lv.map((institution: { id: string }) => institution.id)).toContain('REVOLUT_REVOGB21');
  expect((await client.institution.getInstitutionById('REVOLUT_REVOGB21')).countries).toContain('LV');

  // An agreement on its own: create, get, accept, delete.
  const spare = await client.agreement.createAgreement({ institutionId: 'REVOLUT_REVOGB21', maxHistoricalDays: 30, accessValidForDays: 30 });
  expect(await client.agreement.getAgreementById(spare.id)).toMatchObject({ id: spare.id, max_historical_days: 30, accepted: null });
  const accepted = await client.agreement.acceptAgreement({ agreementId: spare.id, ip: '127.0.0.1', userAgent: 'nordigen-node test' });
  expect(accepted.accepted).toEqual(expect.any(String));
  expect((await client.agreement.getAgreements()).results.map((agreement: { id: string }) => agreement.id)).toContain(spare.id);
  expect((await client.agreement.deleteAgreement(spare.id)).summary).toBe('End User Agreement deleted');

  // A requisition: create (through the SDK's own session helper), get, list; a second one deleted.
  const session = await client.initSession({
    redirectUrl: 'https://app.example/callback',
    institutionId: 'REVOLUT_REVOGB21',
    referenceId: 'nordigen-1',
    maxHistoricalDays: 90,
    accessValidForDays: 90,
    userLanguage: 'en',
    ssn: null as never,
    redirectImmediate: false,
    accountSelection: false,
  });
  expect(session).toMatchObject({ status: 'CR', reference: 'nordigen-1', user_language: 'en' });
  expect((await client.requisition.getRequisitionById(session.id)).id).toBe(session.id);
  const other = await client.requisition.createRequisition({
    redirectUrl: 'https://app.example/callback',
    institutionId: 'MONZO_MONZGB2L',
    reference: 'nordigen-2',
    ssn: null as never,
    redirectImmediate: false,
    accountSelection: false,
  });
  expect((await client.requisition.getRequisitions()).results.map((requisition: { id: string }) => requisition.id)).toEqual([other.id, session.id]);
  expect((await client.requisition.deleteRequisition(other.id)).summary).toBe('Requisition deleted');
  expect(await statusOf(client.requisition.getRequisitionById(other.id))).toBe(404);

  // The end user consents (the sandbox plays them), then the account data.
  const linked = await sandbox.completeRequisition(session.id);
  const requisition = await client.requisition.getRequisitionById(session.id);
  expect(requisition).toMatchObject({ status: 'LN', accounts: linked.accounts });
  const account = client.account(requisition.accounts[0]);
  expect(await account.getMetadata()).toMatchObject({ id: requisition.accounts[0], institution_id: 'REVOLUT_REVOGB21', status: 'READY' });
  expect((await account.getDetails()).account).toMatchObject({ iban: expect.stringMatching(/^GB\d{2}REVO/) });
  expect((await account.getBalances()).balances.length).toBeGreaterThan(0);
  const all = await account.getTransactions();
  expect(all.transactions.booked.length).toBeGreaterThan(10);
  const week = await account.getTransactions({ dateFrom: '2024-03-08', dateTo: '2024-03-14', country: '' });
  expect(week.transactions.booked.length).toBeGreaterThan(0);
  expect(week.transactions.booked.length).toBeLessThan(all.transactions.booked.length);
  for (const row of week.transactions.booked) expect(row.bookingDate >= '2024-03-08' && row.bookingDate <= '2024-03-14').toBe(true);

  // Details: the first call above was one of four a day; three more pass, the fifth is refused.
  for (let call = 2; call <= 4; call++) await account.getDetails();
  expect(await statusOf(account.getDetails())).toBe(429);

  // Every unslashed account call was redirected, then answered on the slashed path.
  const paths = sandbox.requests
    .filter((entry) => entry.path.startsWith('/api/v2/accounts/'))
    .map((entry) => `${entry.status} ${entry.path.replace(requisition.accounts[0], '{id}')}`);
  expect(paths.slice(0, 4)).toEqual([
    '301 /api/v2/accounts/{id}',
    '200 /api/v2/accounts/{id}/',
    '301 /api/v2/accounts/{id}/details',
    '200 /api/v2/accounts/{id}/details/',
  ]);
});
