/**
 * `BankAccountDataCore`: the client without its API classes. An app builds the
 * API classes it calls over it, and they behave as the client's own (tokens,
 * budgets, exceptions), against the sandbox.
 */
import { AccountsApi, BankAccountDataClient, BankAccountDataCore, InstitutionsApi, NotFoundException, RateLimitException, RequiredError } from '../src/index';
import type { SandboxServer } from '../src/sandbox/index';
import { accessToken, http, linkAccounts, startSandbox } from './sandbox/helpers';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
/** Every core a test made, closed with the sandbox (the default transport keeps idle connections open). */
const made: Array<{ close(): void }> = [];
afterAll(async () => {
  for (const client of made) client.close();
  await sandbox.close();
});

const core = () => {
  const built = new BankAccountDataCore({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
  made.push(built);
  return built;
};

it('is the configuration an API class takes: one token request serves every class built over it', async () => {
  const shared = core();
  const since = sandbox.requests.length;
  const institutions = new InstitutionsApi(shared);
  const banks = await institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });
  expect(banks.map((bank) => bank.id)).toContain('LANTERN_LNTNGB2L');
  await expect(new AccountsApi(shared).retrieveAccountMetadata({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toBeInstanceOf(NotFoundException);
  expect(sandbox.requests.slice(since).filter((request) => request.path === '/api/v2/token/new/')).toHaveLength(1);
});

it('checks options and arguments as the client does, before any request, and refuses a shared store it cannot use', async () => {
  const since = sandbox.requests.length;
  expect(() => new BankAccountDataCore({ secretId: 'id' })).toThrow(/"secretId" and "secretKey" go together/);
  expect(() => new BankAccountDataCore({ ...sandbox.credentials, store: {} } as never)).toThrow(/option "store" needs BankAccountDataClient/);
  await expect(new InstitutionsApi(core()).retrieveInstitution({ id: '' })).rejects.toBeInstanceOf(RequiredError);
  expect(sandbox.requests.length).toBe(since);
});

it("keeps the accounts' budgets: the fifth call of a scope is refused unsent, as the client refuses it", async () => {
  const raw = http(sandbox);
  const { accounts } = await linkAccounts(sandbox, raw, await accessToken(sandbox, raw));
  const id = accounts[0];
  const accountsApi = new AccountsApi(core());
  for (let i = 0; i < 4; i++) await accountsApi.retrieveAccountDetails({ id });
  const since = sandbox.requests.length;
  const refused = await accountsApi.retrieveAccountDetails({ id }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(RateLimitException);
  expect((refused as RateLimitException).code).toBe('RateLimitExceeded');
  expect(sandbox.requests.slice(since).filter((request) => request.path.includes(id))).toHaveLength(0);

  // The client's refusal of the same spent budget, for comparison: the same class and code.
  const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
  made.push(client);
  const { accounts: others } = await linkAccounts(sandbox, raw, await accessToken(sandbox, raw));
  for (let i = 0; i < 4; i++) await client.accounts.retrieveAccountDetails({ id: others[0] });
  const clientRefusal = (await client.accounts.retrieveAccountDetails({ id: others[0] }).catch((error: unknown) => error)) as RateLimitException;
  expect([clientRefusal.name, clientRefusal.code]).toEqual([(refused as RateLimitException).name, (refused as RateLimitException).code]);
});
