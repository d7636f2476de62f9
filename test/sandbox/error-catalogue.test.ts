/**
 * The sandbox plays the API's error catalogue: `injectError` answers every code
 * with the status, body and headers our OpenAPI document gives it, on every
 * operation that documents it; and three failures happen by themselves: an
 * agreement past `access_valid_for_days` (EUAExpiredError), a scope the
 * agreement lacks (AccountEUAScopeError), and 10 institution errors in a row
 * (AccountSuspendedError until reset).
 */
import { ERROR_CATALOGUE, classifyError } from '../../src/error-codes';
import { BankAccountDataClient, type ApiException } from '../../src/index';
import { SUSPEND_AFTER_FAILURES, type SandboxServer } from '../../src/sandbox/index';
import { readSpec } from '../../scripts/lib/spec';
import { documentedErrorExamples } from '../fixtures/error-examples';
import { DAY_MS, SANDBOX_BANK, accessToken, http, linkAccounts, startSandbox, testClock, type Call, type Linked } from './helpers';

const examples = documentedErrorExamples();
const clock = testClock();
let sandbox: SandboxServer;
let call: Call;
let token: string;
let linked: Linked;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now });
  call = http(sandbox);
  token = await accessToken(sandbox, call);
  linked = await linkAccounts(sandbox, call, token);
});
afterAll(() => sandbox.close());

/** The template with real ids of the sandbox's records. */
function pathOf(template: string): string {
  const id = template.startsWith('/api/v2/accounts/')
    ? linked.accounts[0]
    : template.startsWith('/api/v2/agreements/')
      ? linked.agreement.id
      : template.startsWith('/api/v2/requisitions/')
        ? linked.requisition.id
        : SANDBOX_BANK;
  return template.replace('{id}', id);
}

/** The operationId of an operation of our document. */
const operationIds = new Map<string, string>();
for (const [template, item] of Object.entries<any>(readSpec().paths)) {
  for (const [method, op] of Object.entries<any>(item)) operationIds.set(`${method.toUpperCase()} ${template}`, op.operationId);
}

/** One row per (documented code, operation documenting it). */
const rows = [...new Map(examples.map((e) => [`${e.xCode} ${e.operation}`, e])).values()];

describe('injectError answers every documented code on every operation that documents it', () => {
  it('covers every code of the catalogue', () => {
    expect(new Set(rows.map((r) => r.xCode))).toEqual(new Set(ERROR_CATALOGUE.map((e) => e.code)));
  });

  it.each(rows.map((r) => [`${r.xCode} on ${r.operation}`, r] as const))('%s', async (_label, row) => {
    sandbox.injectError(row.xCode!, { operation: operationIds.get(row.operation) });
    const result = await call(row.method, pathOf(row.template), { token, body: row.method === 'POST' || row.method === 'PUT' ? {} : undefined });
    expect(result.status).toBe(row.status);
    expect(classifyError(result.status, result.body).code).toBe(row.xCode);
    if (row.xCode === 'RateLimitExceeded') expect(result.headers.get('HTTP_X_RATELIMIT_REMAINING')).toBe('0');
    if (row.xCode === 'RateLimitError') expect(result.headers.get('HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING')).toBe('0');
    // Used up: the next request is answered normally.
    const again = await call(row.method, pathOf(row.template), { token, body: row.method === 'POST' || row.method === 'PUT' ? {} : undefined });
    expect(JSON.stringify(again.body)).not.toBe(JSON.stringify(result.body));
  });
});

describe('injectError options', () => {
  afterEach(() => sandbox.reset());

  it('accountId and times: only that account, that many times; the other account and the metadata of others are untouched', async () => {
    const fresh = await relink();
    sandbox.injectError('ServiceError', { accountId: fresh.accounts[0], times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', `/api/v2/accounts/${fresh.accounts[0]}/balances/`, { token })).status);
    expect(statuses).toEqual([503, 503, 200]);
    sandbox.injectError('ServiceError', { accountId: fresh.accounts[0] });
    expect((await call('GET', `/api/v2/accounts/${fresh.accounts[1]}/balances/`, { token })).status).toBe(200);
  });

  it('the operation by client method name or operationId; without one, never a token endpoint', async () => {
    sandbox.injectError('IPAccessDenied', { operation: 'retrieveAllRequisitions' });
    expect((await call('GET', '/api/v2/institutions/?country=GB', { token })).status).toBe(200);
    expect((await call('GET', '/api/v2/requisitions/', { token })).status).toBe(403);
    sandbox.injectError('RateLimitExceeded');
    expect(
      (await call('POST', '/api/v2/token/new/', { body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey } })).status,
    ).toBe(200);
    const limited = await call('GET', '/api/v2/requisitions/', { token });
    expect(limited.status).toBe(429);
    // Worded as the API words its own limit: the sandbox's general window (1000 a minute by default).
    expect(limited.body.detail).toMatch(/^The rate limit for this resource is 1000\/minute\. Please try again in \d+ seconds$/);
    sandbox.injectError('AuthenticationFailed');
    expect((await call('GET', '/api/v2/requisitions/', { token })).status).toBe(200);
    expect(
      (await call('POST', '/api/v2/token/new/', { body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey } })).status,
    ).toBe(401);
  });

  it('Infinity until reset()', async () => {
    sandbox.injectError('PaymentRequired', { operation: 'create requisition', times: Infinity });
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/v2/requisitions/', { token, body: {} })).status).toBe(402);
    sandbox.reset();
    expect((await call('POST', '/api/v2/requisitions/', { token, body: {} })).status).toBe(400);
  });

  it.each([
    ['an unknown code', 'NoSuchError', {}, /unknown code "NoSuchError"/],
    ['an operation that does not exist', 'NotFound', { operation: 'retrieveEverything' }, /"operation"/],
    ['times 0', 'NotFound', { times: 0 }, /"times"/],
    ['times 1.5', 'NotFound', { times: 1.5 }, /"times"/],
    ['an empty accountId', 'NotFound', { accountId: '' }, /"accountId"/],
  ])('%s is a TypeError naming it', (_name, code, options, message) => {
    expect(() => sandbox.injectError(code, options as never)).toThrow(TypeError);
    expect(() => sandbox.injectError(code, options as never)).toThrow(message);
  });
});

describe('the failures that happen by themselves', () => {
  afterEach(() => sandbox.reset());

  it(`${SUSPEND_AFTER_FAILURES} institution errors in a row suspend the account (409 AccountSuspendedError) until reset; a success in between starts the count again`, async () => {
    const fresh = await relink();
    const [id] = fresh.accounts;
    const read = async () => (await call('GET', `/api/v2/accounts/${id}/transactions/`, { token })).status;
    sandbox.injectError('UnknownRequestError', { accountId: id, times: SUSPEND_AFTER_FAILURES - 1 });
    for (let i = 0; i < SUSPEND_AFTER_FAILURES - 1; i++) expect(await read()).toBe(500);
    expect(await read()).toBe(200); // the count starts again
    sandbox.injectError('ConnectionError', { accountId: id, times: SUSPEND_AFTER_FAILURES });
    for (let i = 0; i < SUSPEND_AFTER_FAILURES; i++) expect(await read()).toBe(503);
    const suspended = await call('GET', `/api/v2/accounts/${id}/details/`, { token });
    expect(suspended.status).toBe(409);
    expect(classifyError(suspended.status, suspended.body)).toMatchObject({ code: 'AccountSuspendedError', reconnectRequired: true });
    expect((await call('GET', `/api/v2/accounts/${id}/`, { token })).body.status).toBe('SUSPENDED');
    expect((await call('GET', `/api/v2/accounts/${fresh.accounts[1]}/details/`, { token })).status).toBe(200);
    sandbox.reset();
    token = await accessToken(sandbox, call);
  });

  it('through the client: EUAExpiredError after access_valid_for_days, AccountEUAScopeError for a scope not granted', async () => {
    const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
    const short = await linkAccounts(sandbox, call, token, { access_valid_for_days: 3, access_scope: ['balances'] });
    const [id] = short.accounts;
    await expect(client.accounts.retrieveAccountBalances({ id })).resolves.toBeDefined();
    const scope = await client.accounts.retrieveAccountDetails({ id }).catch((e: ApiException) => e);
    expect(scope).toMatchObject({ status: 403, code: 'AccountEUAScopeError', reconnectRequired: false, retryable: false });

    const start = clock.value;
    clock.advance(3 * DAY_MS);
    try {
      // A client started now (its token valid on the sandbox clock) sees the expiry: not cured by a
      // new token, so after the first token request no other, and no replay to the bank.
      const later = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
      const before = sandbox.requests.length;
      const expired = await later.accounts.retrieveAccountBalances({ id }).catch((e: ApiException) => e);
      expect(expired).toMatchObject({ status: 401, code: 'EUAExpiredError', reconnectRequired: true, retryable: false });
      expect(sandbox.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/token/new/', `/api/v2/accounts/${id}/balances/`]);
    } finally {
      clock.advance(start - clock.value);
      token = await accessToken(sandbox, call);
    }
  });
});

async function relink(): Promise<Linked> {
  token = await accessToken(sandbox, call);
  return linkAccounts(sandbox, call, token);
}
