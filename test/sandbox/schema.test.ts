/**
 * Every response body the sandbox produces - success and error, for every
 * operation of the document - validates against the schema our OpenAPI document declares for
 * that operation and status. Requests go through the client and through plain
 * fetch; a recording fetch keeps every answer, and all are validated at the end.
 */
import { listOperations, readSpec } from '../../scripts/lib/spec';
import { BankAccountDataClient } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { ROUTES } from '../../src/sandbox/routes';
import {
  DAY_MS,
  SANDBOX_BANK,
  SpecValidator,
  UNKNOWN_UUID,
  accessToken,
  http,
  linkAccounts,
  recordingFetch,
  startSandbox,
  testClock,
  type Call,
  type Exchange,
} from './helpers';

const spec = new SpecValidator();
const exchanges: Exchange[] = [];
const record = recordingFetch(exchanges);
const TOKEN_OPERATIONS = new Set(['Obtain new access/refresh token pair', 'Get a new access token']);

/** A request that reaches each operation; ids need not exist (used where the answer comes before the lookup). */
function sampleRequests(ids: { agreement: string; requisition: string; account: string }) {
  return spec.operations.map((operation) => ({
    operation,
    path: operation.template.replace(
      '{id}',
      operation.template.includes('/accounts/')
        ? ids.account
        : operation.template.includes('/requisitions/')
          ? ids.requisition
          : operation.template.includes('/institutions/')
            ? SANDBOX_BANK
            : ids.agreement,
    ),
    body: operation.method === 'POST' || operation.method === 'PUT' ? {} : undefined,
  }));
}

describe('the OpenAPI document as loaded', () => {
  it('has a sandbox route for every operation, and no route that is not one', () => {
    const documented = listOperations(readSpec()).map((o) => o.key);
    const routed = ROUTES.map((r) => `${r.method} ${r.template}`);
    expect(documented.filter((key) => !routed.includes(key)).map((key) => `${key} has no sandbox route: add one to src/sandbox/routes.ts`)).toEqual([]);
    expect(routed.filter((key) => !documented.includes(key)).map((key) => `${key} is routed by the sandbox but is no operation of the document`)).toEqual([]);
  });

  it('has every operation of the document, and the validator is not vacuous', () => {
    expect(spec.operations.map((o) => `${o.method} ${o.template}`)).toEqual(listOperations(readSpec()).map((o) => o.key));
    const agreement = spec.compile(spec.schema('EndUserAgreement'));
    expect(agreement({ institution_id: 'X', accepted: null })).toBe(true); // nullable honoured
    expect(agreement({ institution_id: 'X', accepted: 'not a date' })).toBe(false); // format honoured
    expect(agreement({ institution_id: 'X', max_historical_days: 0 })).toBe(false);
    const requisition = spec.compile(spec.schema('Requisition'));
    expect(requisition({ institution_id: 'X', redirect: null, status: 'XX' })).toBe(false); // enum through allOf
    expect(requisition({ institution_id: 'X', redirect: null, reference: 'r' })).toBe(true);
    expect(spec.compile(spec.schema('ErrorResponse'))({ summary: 's', detail: 'd' })).toBe(false);
    expect(spec.compile(spec.schema('AccountTransactions'))({ transactions: { booked: [{ transactionAmount: { amount: '1' } }] } })).toBe(false);
    // Closed where the document is closed, open where it says banks send more.
    const transaction = spec.compile(spec.schema('TransactionSchema'));
    const amount = { amount: '-1.00', currency: 'EUR' };
    expect(transaction({ transactionAmount: amount, merchantCategoryCode: '5812', currencyExchange: { sourceCurrency: 'USD' } })).toBe(true);
    expect(transaction({ transactionAmount: amount, currencyExchange: [{ sourceCurrency: 'USD' }] })).toBe(true);
    expect(transaction({ transactionAmount: amount, currencyExchange: 'USD' })).toBe(false);
    expect(spec.compile(spec.schema('AccountDetail'))({ account: { iban: 'X', merchantCategoryCode: '5812' } })).toBe(false);
  });
});

describe('every response validates against the document', () => {
  const clock = testClock();
  let sandbox: SandboxServer;
  let call: Call;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, seed: 'schema' });
    call = http(sandbox, record);
    token = await accessToken(sandbox, call);
  });
  afterAll(() => sandbox.close());

  it('drives the happy path through the client', async () => {
    const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, fetchApi: record, maxRetries: 0 });
    const pair = await client.token.obtainNewAccessRefreshTokenPair({
      body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey },
    });
    await client.token.getANewAccessToken({ body: { refresh: pair.refresh! } });
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({});
    await client.institutions.retrieveInstitution({ id: SANDBOX_BANK });
    const agreement = await client.agreements.createEUA({ body: { institution_id: SANDBOX_BANK, access_valid_for_days: 180, reconfirmation: true } });
    await client.agreements.retrieveAllAgreements({ limit: 1 });
    await client.agreements.retrieveEUAById({ id: agreement.id! });
    await client.agreements.acceptEUA({ id: agreement.id!, body: { user_agent: 'jest', ip_address: '192.0.2.1' } });
    const requisition = await client.requisitions.createRequisition({
      body: { redirect: 'https://app.example/cb', institution_id: SANDBOX_BANK, agreement: agreement.id, reference: 'schema-1' },
    });
    await client.requisitions.retrieveAllRequisitions({});
    await client.requisitions.requisitionById({ id: requisition.id! });
    await sandbox.completeRequisition(requisition.id!);
    await client.agreements.createEUAReconfirmation({ id: agreement.id!, body: { redirect: 'https://app.example/reconfirmed' } }); // needs linked accounts
    await client.agreements.retrieveEUAReconfirmation({ id: agreement.id! });
    const { accounts = [] } = await client.requisitions.requisitionById({ id: requisition.id! });
    for (const id of accounts) {
      await client.accounts.retrieveAccountMetadata({ id });
      await client.accounts.retrieveAccountDetails({ id });
      await client.accounts.retrieveAccountBalances({ id });
      await client.accounts.retrieveAccountTransactions({ id, date_from: '2024-02-01', date_to: '2024-03-15' });
    }
    await client.requisitions.deleteRequisitionById({ id: requisition.id! });
    // The banks that send what real banks do (a card account, merchant data, currencyExchange as an object).
    for (const bank of ['LANTERN_LNTNGB2L', 'MERIDIAN_MRDNDEFF']) {
      const linked = await linkAccounts(sandbox, call, token, {}, bank);
      for (const id of linked.accounts) {
        await client.accounts.retrieveAccountDetails({ id });
        await client.accounts.retrieveAccountBalances({ id });
        await client.accounts.retrieveAccountTransactions({ id });
      }
    }
    const other = await client.agreements.createEUA({ body: { institution_id: 'MONZO_MONZGB2L', access_scope: ['balances'] } });
    await client.agreements.deleteEUAById({ id: other.id! });
  });

  it('produces each operation-specific error', async () => {
    const t = { token };
    // token
    await call('POST', '/api/v2/token/new/', { body: { secret_id: 'x', secret_key: 'wrong' } }); // 401
    await call('POST', '/api/v2/token/new/', { body: {} }); // 400
    await call('POST', '/api/v2/token/refresh/', { body: { refresh: 'not-a-token' } }); // 401
    await call('POST', '/api/v2/token/refresh/', { rawBody: '{oops' }); // 400
    // institutions
    await call('GET', '/api/v2/institutions/?country=ZZ&card_accounts_supported=maybe', t); // 400
    await call('GET', '/api/v2/institutions/?pending_transactions_supported=false', t);
    await call('GET', '/api/v2/institutions/NOPE_NOPE/', t); // 404
    // agreements
    await call('POST', '/api/v2/agreements/enduser/', { ...t, body: { institution_id: 'NOPE', max_historical_days: '90', access_scope: ['everything'] } });
    await call('POST', '/api/v2/agreements/enduser/', {
      ...t,
      body: { institution_id: SANDBOX_BANK, max_historical_days: 91, access_valid_for_days: 0, reconfirmation: 'yes' },
    });
    await call('POST', '/api/v2/agreements/enduser/', { ...t, body: [] });
    await call('POST', '/api/v2/agreements/enduser/', { ...t, rawBody: 'not json' });
    await call('GET', '/api/v2/agreements/enduser/?limit=abc&offset=-1', t);
    for (const suffix of ['', 'accept/', 'reconfirm/']) {
      await call('GET', `/api/v2/agreements/enduser/not-a-uuid/${suffix}`, t);
      await call('GET', `/api/v2/agreements/enduser/${UNKNOWN_UUID}/${suffix}`, t);
    }
    await call('DELETE', '/api/v2/agreements/enduser/not-a-uuid/', t);
    await call('DELETE', `/api/v2/agreements/enduser/${UNKNOWN_UUID}/`, t);
    await call('PUT', `/api/v2/agreements/enduser/${UNKNOWN_UUID}/accept/`, { ...t, body: { user_agent: 'a', ip_address: '127.0.0.1' } });
    await call('PUT', '/api/v2/agreements/enduser/not-a-uuid/accept/', { ...t, body: {} });
    await call('POST', `/api/v2/agreements/enduser/${UNKNOWN_UUID}/reconfirm/`, { ...t, body: {} });
    await call('POST', '/api/v2/agreements/enduser/not-a-uuid/reconfirm/', { ...t, body: {} });
    const plain = await call('POST', '/api/v2/agreements/enduser/', { ...t, body: { institution_id: SANDBOX_BANK } });
    await call('PUT', `/api/v2/agreements/enduser/${plain.body.id}/accept/`, { ...t, body: { user_agent: '', ip_address: 'not-an-ip' } }); // 400 fields
    await call('GET', `/api/v2/agreements/enduser/${plain.body.id}/reconfirm/`, t); // 404: none yet
    await call('POST', `/api/v2/agreements/enduser/${plain.body.id}/reconfirm/`, { ...t, body: { redirect: 'not a url' } }); // 400 field
    await call('POST', `/api/v2/agreements/enduser/${plain.body.id}/reconfirm/`, { ...t, body: {} }); // 400: not enabled
    const withReconfirmation = await call('POST', '/api/v2/agreements/enduser/', {
      ...t,
      body: { institution_id: SANDBOX_BANK, access_valid_for_days: 180, reconfirmation: true },
    });
    await call('POST', `/api/v2/agreements/enduser/${withReconfirmation.body.id}/reconfirm/`, { ...t }); // 400: not accepted (no body at all)
    await call('PUT', `/api/v2/agreements/enduser/${plain.body.id}/accept/`, { ...t, body: { user_agent: 'jest', ip_address: '::1' } }); // 200
    await call('PUT', `/api/v2/agreements/enduser/${plain.body.id}/accept/`, { ...t, body: { user_agent: 'jest', ip_address: '::1' } }); // 405: twice
    // requisitions
    await call('POST', '/api/v2/requisitions/', { ...t, body: {} });
    await call('POST', '/api/v2/requisitions/', {
      ...t,
      body: { redirect: 'nope', institution_id: 'NOPE', agreement: 'x', user_language: 'toolong', account_selection: 1 },
    });
    await call('POST', '/api/v2/requisitions/', { ...t, body: { redirect: null, institution_id: 'MONZO_MONZGB2L', agreement: plain.body.id, ssn: '123' } }); // mismatch + ssn
    await call('POST', '/api/v2/requisitions/', { ...t, body: { redirect: 'https://app.example', institution_id: SANDBOX_BANK, reference: 'dup' } });
    await call('POST', '/api/v2/requisitions/', { ...t, body: { redirect: 'https://app.example', institution_id: SANDBOX_BANK, reference: 'dup' } }); // 400 dup
    await call('GET', '/api/v2/requisitions/?limit=1&offset=1', t);
    for (const method of ['GET', 'DELETE']) {
      await call(method, '/api/v2/requisitions/not-a-uuid/', t);
      await call(method, `/api/v2/requisitions/${UNKNOWN_UUID}/`, t);
    }
    // accounts: 404, 400, 403, 409 (injected), 429
    for (const suffix of ['', 'details/', 'balances/', 'transactions/']) await call('GET', `/api/v2/accounts/${UNKNOWN_UUID}/${suffix}`, t);
    const limited = await linkAccounts(sandbox, call, token, { access_scope: ['transactions'] });
    const account = limited.accounts[0];
    await call('GET', `/api/v2/accounts/${account}/transactions/?date_from=2024-13-01`, t);
    await call('GET', `/api/v2/accounts/${account}/transactions/?date_from=2024-03-10&date_to=2024-03-01`, t);
    await call('GET', `/api/v2/accounts/${account}/details/`, t); // 403
    await call('GET', `/api/v2/accounts/${account}/balances/`, t); // 403
    for (let i = 0; i < 5; i++) await call('GET', `/api/v2/accounts/${account}/transactions/`, t); // 4 × 200, then 429
    const balancesOnly = await linkAccounts(sandbox, call, token, { access_scope: ['balances'] });
    await call('GET', `/api/v2/accounts/${balancesOnly.accounts[0]}/transactions/`, t); // 403
    const full = await linkAccounts(sandbox, call, token);
    for (let i = 0; i < 5; i++) await call('GET', `/api/v2/accounts/${full.accounts[0]}/details/`, t);
    for (let i = 0; i < 5; i++) await call('GET', `/api/v2/accounts/${full.accounts[0]}/balances/`, t);
    await call('DELETE', `/api/v2/agreements/enduser/${full.agreement.id}/`, t); // access ends
    for (const suffix of ['', 'details/', 'balances/', 'transactions/']) await call('GET', `/api/v2/accounts/${full.accounts[1]}/${suffix}`, t); // 403 AccountValidEUAError (metadata 200 EXPIRED)
    sandbox.injectError('AccountSuspendedError', { accountId: full.accounts[1], operation: 'retrieveAccountTransactions' });
    await call('GET', `/api/v2/accounts/${full.accounts[1]}/transactions/`, t); // 409
    // routes that are no operation
    await call('GET', '/api/v2/nothing-here/', t);
    await call('PATCH', '/api/v2/requisitions/', t);
    await call('POST', '/api/v2/requisitions', t); // no trailing slash: 404 (only GET, HEAD and DELETE are redirected)
  });

  it('answers 401 to every operation without valid credentials', async () => {
    for (const [index, { operation, path, body }] of sampleRequests({ agreement: UNKNOWN_UUID, requisition: UNKNOWN_UUID, account: UNKNOWN_UUID }).entries()) {
      // Alternately no Authorization header and a token that is no token of this sandbox.
      const result = TOKEN_OPERATIONS.has(operation.operationId)
        ? await call(operation.method, path, { body: operation.template.endsWith('new/') ? { secret_id: 'a', secret_key: 'b' } : { refresh: 'x.y.z' } })
        : await call(operation.method, path, { body, token: index % 2 ? 'garbage' : undefined });
      expect([operation.operationId, result.status]).toEqual([operation.operationId, 401]);
    }
  });

  it('answers an injected 500/503 to every non-token operation', async () => {
    sandbox.setFaults({ failureRate: 1 });
    try {
      for (const { operation, path, body } of sampleRequests({ agreement: UNKNOWN_UUID, requisition: UNKNOWN_UUID, account: UNKNOWN_UUID })) {
        if (TOKEN_OPERATIONS.has(operation.operationId)) continue;
        // Until both kinds were answered (bounded; the choice follows the seeded stream).
        const statuses = new Set<number>();
        for (let i = 0; i < 30 && statuses.size < 2; i++) statuses.add((await call(operation.method, path, { body, token })).status);
        expect([operation.operationId, [...statuses].sort()]).toEqual([operation.operationId, [500, 503]]);
      }
    } finally {
      sandbox.setFaults({ failureRate: 0 });
    }
  });

  it('answers 429 to every operation once the general limit is spent', async () => {
    const tiny = await startSandbox({ now: clock.now, rateLimit: 1 });
    try {
      const tinyCall = http(tiny, record);
      await tinyCall('GET', '/api/v2/institutions/'); // spends the window (401, still counted)
      for (const { operation, path, body } of sampleRequests({ agreement: UNKNOWN_UUID, requisition: UNKNOWN_UUID, account: UNKNOWN_UUID })) {
        const result = await tinyCall(operation.method, path, { body, token: 'x' });
        expect([operation.operationId, result.status]).toEqual([operation.operationId, 429]);
        expect(result.headers.get('http_x_ratelimit_remaining')).toBe('0');
      }
    } finally {
      await tiny.close();
    }
  });

  it('answers 403 to accept when acceptance through the API is disabled', async () => {
    const closed = await startSandbox({ now: clock.now, acceptanceEnabled: false });
    try {
      const closedCall = http(closed, record);
      const t = { token: await accessToken(closed, closedCall) };
      const agreement = await closedCall('POST', '/api/v2/agreements/enduser/', { ...t, body: { institution_id: SANDBOX_BANK } });
      const result = await closedCall('PUT', `/api/v2/agreements/enduser/${agreement.body.id}/accept/`, {
        ...t,
        body: { user_agent: 'a', ip_address: '127.0.0.1' },
      });
      expect(result.status).toBe(403);
    } finally {
      await closed.close();
    }
  });

  it('answers 401 to an expired access token and refresh token', async () => {
    const pair = await call('POST', '/api/v2/token/new/', { body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey } });
    clock.advance(31 * DAY_MS);
    expect((await call('GET', '/api/v2/requisitions/', { token: pair.body.access })).status).toBe(401);
    expect((await call('POST', '/api/v2/token/refresh/', { body: { refresh: pair.body.refresh } })).status).toBe(401);
  });

  it('validated every recorded API response, covering every operation of the document', () => {
    const failures: string[] = [];
    const undeclared = new Set<string>();
    const seen = new Map<string, Set<number>>();
    let checked = 0;
    const apiExchanges = exchanges.filter((exchange) => exchange.pathname.startsWith('/api/'));
    for (const exchange of apiExchanges) {
      let body: unknown;
      try {
        body = JSON.parse(exchange.text);
      } catch {
        failures.push(`${exchange.method} ${exchange.pathname} ${exchange.status}: body is not JSON`);
        continue;
      }
      const result = spec.validate(exchange.method, exchange.pathname, exchange.status, body);
      checked++;
      const name = result.operation?.operationId ?? '(no operation)';
      if (!seen.has(name)) seen.set(name, new Set());
      seen.get(name)!.add(exchange.status);
      if (!result.declared) undeclared.add(`${name} ${exchange.status}`);
      if (!result.valid)
        failures.push(`${exchange.method} ${exchange.pathname} ${exchange.status} (${name}): ${result.errors}\n${exchange.text.slice(0, 300)}`);
    }
    if (process.env.SHOW_COVERAGE) console.log([...seen].map(([k, v]) => `${k}: ${[...v].sort((a, b) => a - b).join(' ')}`).join('\n'), [...undeclared]);
    expect(failures).toEqual([]);
    expect(checked).toBe(apiExchanges.length);

    // All operations of the document were exercised, each with a success and several errors.
    const operationIds = spec.operations.map((operation) => operation.operationId);
    const unexercised = operationIds.filter((id) => !seen.has(id));
    expect(unexercised.map((id) => `${id} was never called: exercise it in test/sandbox/schema.test.ts`)).toEqual([]);
    for (const id of operationIds) {
      const statuses = [...(seen.get(id) ?? [])];
      expect([id, statuses.some((status) => status < 300)]).toEqual([id, true]);
      expect([id, statuses.includes(401), statuses.includes(429)]).toEqual([id, true, true]);
    }
    expect([...seen.get('retrieve account transactions')!].sort((a, b) => a - b)).toEqual([200, 400, 401, 403, 404, 409, 429, 500, 503]);
    expect([...seen.get('accept EUA')!].sort((a, b) => a - b)).toEqual([200, 400, 401, 403, 404, 405, 429, 500, 503]);

    // The only statuses the document does not declare for an operation (checked above against
    // ErrorResponse): 400 on the token endpoints, injected 5xx outside the account data
    // endpoints, and 404/405 of paths that are no operation.
    const allowed = (entry: string) =>
      /^(Obtain new access\/refresh token pair|Get a new access token) 400$/.test(entry) || / 50[03]$/.test(entry) || /^\(no operation\) 40[45]$/.test(entry);
    expect([...undeclared].filter((entry) => !allowed(entry))).toEqual([]);
  });
});
