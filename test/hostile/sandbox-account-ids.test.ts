/**
 * An account id that is not a UUID: details, balances and transactions answer
 * 400 "Invalid Account ID" as the published spec documents for them; metadata,
 * which documents no 400, answers 404 as for any unknown account.
 */
import type { SandboxServer } from '../../src/sandbox/index';
import { SpecValidator, UNKNOWN_UUID, accessToken, http, linkAccounts, startSandbox, type Call } from '../sandbox/helpers';

const spec = new SpecValidator();
let sandbox: SandboxServer;
let call: Call;
let token: string;
let account: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  call = http(sandbox);
  token = await accessToken(sandbox, call);
  [account] = (await linkAccounts(sandbox, call, token)).accounts;
});
afterAll(() => sandbox.close());

const NOT_UUIDS = ['not-a-uuid', '12345', `${UNKNOWN_UUID}0`, 'SANDBOXFINANCE_SFIN0000'];

describe.each(['details', 'balances', 'transactions'])('GET /api/v2/accounts/{id}/%s/', (resource) => {
  it.each(NOT_UUIDS)('answers 400 Invalid Account ID for %s, naming it', async (id) => {
    const path = `/api/v2/accounts/${encodeURIComponent(id)}/${resource}/`;
    const result = await call('GET', path, { token });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ summary: 'Invalid Account ID', detail: expect.stringContaining(id), status_code: 400 });
    expect(spec.validate('GET', path, 400, result.body)).toMatchObject({ declared: true, valid: true });
  });

  it('answers 404 for a UUID that is no account, and 200 for a linked one', async () => {
    expect((await call('GET', `/api/v2/accounts/${UNKNOWN_UUID}/${resource}/`, { token })).status).toBe(404);
    expect((await call('GET', `/api/v2/accounts/${account}/${resource}/`, { token })).status).toBe(200);
  });

  it('authenticates before it looks at the id', async () => {
    expect((await call('GET', `/api/v2/accounts/not-a-uuid/${resource}/`)).status).toBe(401);
  });
});

describe('GET /api/v2/accounts/{id}/ (metadata)', () => {
  it.each(NOT_UUIDS)('answers 404 for %s, as for any unknown account', async (id) => {
    const result = await call('GET', `/api/v2/accounts/${encodeURIComponent(id)}/`, { token });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ status_code: 404 });
  });
});
