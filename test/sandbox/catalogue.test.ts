/**
 * The catalogue: banks of GB and every EEA country the API serves, each
 * multi-country bank listed in each of its countries under one id, accounts
 * with IBANs of their bank's country.
 */
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, http, linkAccounts, SANDBOX_BANK, startSandbox, type Call } from './helpers';

const SERVED = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE GB'.split(' ');
const IBAN_LENGTH: Record<string, number> = { LV: 21, PL: 28, SE: 24, MT: 31, NO: 15, BE: 16 };

let sandbox: SandboxServer;
let call: Call;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  call = http(sandbox);
  token = await accessToken(sandbox, call);
});
afterAll(() => sandbox.close());

const list = async (country: string): Promise<Array<{ id: string; countries: string[] }>> =>
  (await call('GET', `/api/v2/institutions/?country=${country}`, { token })).body;
const ids = async (country: string): Promise<string[]> => (await list(country)).map((institution) => institution.id);

it('lists banks of their own in every country served, and the multi-country banks in each of theirs', async () => {
  for (const country of SERVED) {
    const listed = await list(country);
    expect([country, listed.map((institution) => institution.id)]).toEqual([country, expect.arrayContaining(['REVOLUT_REVOGB21', 'WISE_TRWIGB22'])]);
    const local = listed.filter((institution) => institution.countries.length === 1 && institution.countries[0] === country);
    expect([country, local.length >= 2]).toEqual([country, true]);
  }
  expect(await ids('LV')).toEqual(expect.arrayContaining(['REVOLUT_REVOGB21', 'N26_NTSBDEB1', 'SWEDBANK_LV_HABALV22', 'CITADELE_PARXLV22']));
  expect(await ids('GB')).toEqual(expect.arrayContaining([SANDBOX_BANK, 'MONZO_MONZGB2L']));
  const revolut = await call('GET', '/api/v2/institutions/REVOLUT_REVOGB21/', { token });
  expect(revolut.body.countries).toEqual(expect.arrayContaining(SERVED));
});

it('gives accounts IBANs of their bank country, with valid check digits', async () => {
  for (const [bank, country] of [
    ['SWEDBANK_LV_HABALV22', 'LV'],
    ['PKO_BPKOPLPW', 'PL'],
    ['SWEDBANK_SWEDSESS', 'SE'],
    ['BOV_VALLMTMT', 'MT'],
    ['DNB_DNBANOKK', 'NO'],
    ['WISE_TRWIGB22', 'BE'],
  ]) {
    const { accounts } = await linkAccounts(sandbox, call, token, {}, bank);
    const { iban } = (await call('GET', `/api/v2/accounts/${accounts[0]}/`, { token })).body;
    expect([bank, iban.slice(0, 2), iban.length]).toEqual([bank, country, IBAN_LENGTH[country]]);
    const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c: string) => String(c.charCodeAt(0) - 55));
    expect([bank, BigInt(digits) % 97n]).toEqual([bank, 1n]);
  }
});
