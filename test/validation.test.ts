/**
 * Invalid input fails before anything is sent: missing or malformed parameters
 * (RequiredError naming the field) and bad client options (TypeError naming the
 * option). Every client here sends through an in-process `fetchApi` that
 * records any request that tried to leave, a token request included.
 */
import {
  BankAccountDataClient,
  RequiredError,
  type AcceptEUARequest,
  type ClientOptions,
  type CreateEUARequest,
  type CreateRequisitionRequest,
  type RetrieveEUAByIdRequest,
} from '../src';
import { AGREEMENT_ID, INSTITUTION_ID, REQUISITION_ID, SECRET_ID, SECRET_KEY, newClient, rejectionOf } from './helpers';
import { ScriptedApi } from './helpers/scripted-fetch';

type Call = (client: BankAccountDataClient) => Promise<unknown>;

/** The API of the running test: nothing scripted unless the test says so, every request recorded. */
let api: ScriptedApi;

/** A client with secrets (so a token request would be the first thing sent), sending through the test's API. */
function client(): BankAccountDataClient {
  return newClient({ fetchApi: api.fetchApi });
}

async function expectRequiredError(call: Call, field: string): Promise<RequiredError> {
  const error = await rejectionOf(call(client()));
  expect(error).toBeInstanceOf(RequiredError);
  expect((error as RequiredError).name).toBe('RequiredError');
  expect((error as RequiredError).field).toBe(field);
  expect(api.requests).toEqual([]);
  return error as RequiredError;
}

beforeEach(() => {
  api = new ScriptedApi();
});

afterEach(() => {
  expect(api.pending()).toEqual([]);
});

describe('missing required parameters → RequiredError before any request', () => {
  const cases: Array<{ label: string; call: Call; field: string }> = [
    { label: 'institutions.retrieveInstitution without id', call: (c) => c.institutions.retrieveInstitution({} as { id: string }), field: 'id' },
    { label: 'agreements.retrieveEUAById without id', call: (c) => c.agreements.retrieveEUAById({} as RetrieveEUAByIdRequest), field: 'id' },
    { label: 'agreements.deleteEUAById with id null', call: (c) => c.agreements.deleteEUAById({ id: null } as unknown as { id: string }), field: 'id' },
    {
      label: 'agreements.acceptEUA without id',
      call: (c) => c.agreements.acceptEUA({ body: { user_agent: 'UA', ip_address: '203.0.113.7' } } as AcceptEUARequest),
      field: 'id',
    },
    { label: 'agreements.acceptEUA without body', call: (c) => c.agreements.acceptEUA({ id: AGREEMENT_ID } as AcceptEUARequest), field: 'body' },
    {
      label: 'agreements.acceptEUA without ip_address',
      call: (c) => c.agreements.acceptEUA({ id: AGREEMENT_ID, body: { user_agent: 'UA' } } as AcceptEUARequest),
      field: 'body.ip_address',
    },
    { label: 'agreements.createEUA without body', call: (c) => c.agreements.createEUA({} as CreateEUARequest), field: 'body' },
    {
      label: 'agreements.createEUA without institution_id',
      call: (c) => c.agreements.createEUA({ body: { max_historical_days: 90 } } as CreateEUARequest),
      field: 'body.institution_id',
    },
    { label: 'requisitions.createRequisition without body', call: (c) => c.requisitions.createRequisition({} as CreateRequisitionRequest), field: 'body' },
    {
      label: 'requisitions.createRequisition without redirect',
      call: (c) => c.requisitions.createRequisition({ body: { institution_id: INSTITUTION_ID } } as CreateRequisitionRequest),
      field: 'body.redirect',
    },
    {
      label: 'requisitions.createRequisition without institution_id',
      call: (c) => c.requisitions.createRequisition({ body: { redirect: 'https://app.example.com/cb' } } as CreateRequisitionRequest),
      field: 'body.institution_id',
    },
    { label: 'requisitions.requisitionById without id', call: (c) => c.requisitions.requisitionById({} as { id: string }), field: 'id' },
    {
      label: 'accounts.retrieveAccountTransactions without id',
      call: (c) => c.accounts.retrieveAccountTransactions({ date_from: '2024-01-01' } as unknown as { id: string }),
      field: 'id',
    },
  ];

  it.each(cases)('$label → field $field', async ({ call, field }) => {
    const error = await expectRequiredError(call, field);
    expect(error.message).toContain(`requestParameters.${field}`);
  });
});

describe('malformed UUID ids of agreements and requisitions → RequiredError on "id" before any request', () => {
  const BAD_IDS = ['not-a-uuid', '../../token/new', `${AGREEMENT_ID}x`, '', AGREEMENT_ID.replace(/-/g, '')];
  const operations: Array<{ label: string; call: (c: BankAccountDataClient, id: string) => Promise<unknown> }> = [
    { label: 'agreements.retrieveEUAById', call: (c, id) => c.agreements.retrieveEUAById({ id }) },
    { label: 'agreements.deleteEUAById', call: (c, id) => c.agreements.deleteEUAById({ id }) },
    { label: 'agreements.acceptEUA', call: (c, id) => c.agreements.acceptEUA({ id, body: { user_agent: 'UA', ip_address: '203.0.113.7' } }) },
    { label: 'agreements.retrieveEUAReconfirmation', call: (c, id) => c.agreements.retrieveEUAReconfirmation({ id }) },
    { label: 'agreements.createEUAReconfirmation', call: (c, id) => c.agreements.createEUAReconfirmation({ id }) },
    { label: 'requisitions.requisitionById', call: (c, id) => c.requisitions.requisitionById({ id }) },
    { label: 'requisitions.deleteRequisitionById', call: (c, id) => c.requisitions.deleteRequisitionById({ id }) },
  ];

  it.each(operations)('$label rejects each malformed id, naming the parameter and the value', async ({ label, call }) => {
    const method = label.split('.')[1];
    for (const id of BAD_IDS) {
      const error = await expectRequiredError((c) => call(c, id), 'id');
      expect(error.message).toBe(`Parameter requestParameters.id must be a UUID when calling ${method}, got ${JSON.stringify(id)}.`);
    }
  });

  it('accepts an upper-case UUID (the check is on shape, not case)', async () => {
    api.on(`GET /api/v2/requisitions/${REQUISITION_ID.toUpperCase()}/`, 200, { id: REQUISITION_ID });
    const c = newClient({ accessToken: 'opaque-access-token-0123456789', secretId: undefined, secretKey: undefined, fetchApi: api.fetchApi });
    await expect(c.requisitions.requisitionById({ id: REQUISITION_ID.toUpperCase() })).resolves.toEqual({ id: REQUISITION_ID });
    expect(api.trail()).toEqual([`GET /api/v2/requisitions/${REQUISITION_ID.toUpperCase()}/`]);
  });

  it('account ids are not UUID-checked (the API documents them as plain strings)', async () => {
    api.on('GET /api/v2/accounts/acc-123/', 200, { id: 'acc-123' });
    const c = newClient({ accessToken: 'opaque-access-token-0123456789', secretId: undefined, secretKey: undefined, fetchApi: api.fetchApi });
    await expect(c.accounts.retrieveAccountMetadata({ id: 'acc-123' })).resolves.toEqual({ id: 'acc-123' });
    expect(api.trail()).toEqual(['GET /api/v2/accounts/acc-123/']);
  });
});

describe('client options are checked in the constructor → TypeError naming the option', () => {
  const base: ClientOptions = { secretId: SECRET_ID, secretKey: SECRET_KEY };
  const cases: Array<{ label: string; options: unknown; names: RegExp }> = [
    {
      label: 'a baseUrl that is not a URL',
      options: { ...base, baseUrl: 'bankaccountdata.gocardless.com' },
      names: /"baseUrl".*absolute http\(s\) URL.*"bankaccountdata\.gocardless\.com"/,
    },
    { label: 'a baseUrl that is not http(s)', options: { ...base, baseUrl: 'ftp://bankaccountdata.gocardless.com' }, names: /"baseUrl"/ },
    { label: 'a negative timeoutMs', options: { ...base, timeoutMs: -1 }, names: /"timeoutMs".*-1/ },
    { label: 'timeoutMs 0', options: { ...base, timeoutMs: 0 }, names: /"timeoutMs"/ },
    { label: 'timeoutMs NaN', options: { ...base, timeoutMs: Number.NaN }, names: /"timeoutMs"/ },
    { label: 'a string timeoutMs', options: { ...base, timeoutMs: '1000' }, names: /"timeoutMs"/ },
    { label: 'maxRetries 1.5', options: { ...base, maxRetries: 1.5 }, names: /"maxRetries".*integer.*1\.5/ },
    { label: 'maxRetries -1', options: { ...base, maxRetries: -1 }, names: /"maxRetries"/ },
    { label: 'a negative retryBaseDelayMs', options: { ...base, retryBaseDelayMs: -5 }, names: /"retryBaseDelayMs"/ },
    { label: 'secretId without secretKey', options: { secretId: SECRET_ID }, names: /"secretId" and "secretKey".*only secretId/ },
    { label: 'secretKey without secretId', options: { secretKey: SECRET_KEY }, names: /"secretId" and "secretKey".*only secretKey/ },
    { label: 'no credentials at all', options: {}, names: /"secretId" and "secretKey", or an "accessToken" \/ "refreshToken"/ },
    { label: 'an empty secretId', options: { secretId: '', secretKey: SECRET_KEY }, names: /"secretId"/ },
    { label: 'a fetchApi that is not a function', options: { ...base, fetchApi: 'fetch' }, names: /"fetchApi".*a function/ },
    { label: 'an onRateLimit that is not a function', options: { ...base, onRateLimit: {} }, names: /"onRateLimit"/ },
    { label: 'a header value that is not a string', options: { ...base, headers: { 'X-Retry': 3 } }, names: /"headers\.X-Retry"/ },
    { label: 'options that are not an object', options: null, names: /"options"/ },
  ];

  /** The options, sending through the test's API where they are an object that names no fetchApi of its own. */
  const recorded = (options: unknown): unknown =>
    options !== null && typeof options === 'object' && !('fetchApi' in options) ? { ...options, fetchApi: api.fetchApi } : options;

  it.each(cases)('$label', async ({ options, names }) => {
    let error: unknown;
    try {
      new BankAccountDataClient(recorded(options) as ClientOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(/^gocardless-bankaccountdata: /);
    expect((error as TypeError).message).toMatch(names);
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.requests).toEqual([]);
  });

  it('never shows the secret key in the message of a bad secret option', () => {
    expect(() => new BankAccountDataClient({ secretId: SECRET_ID, secretKey: 42 as unknown as string })).toThrow(
      /"secretKey" must be a non-empty string, got "number"/,
    );
    let message = '';
    try {
      new BankAccountDataClient({ secretKey: SECRET_KEY });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain(SECRET_KEY);
  });

  it('accepts valid edge values: maxRetries 0, a trailing slash on baseUrl, an http baseUrl', async () => {
    api.on('GET /api/v2/requisitions/', 200, { count: 0, next: null, previous: null, results: [] });
    const c = new BankAccountDataClient({
      accessToken: 'opaque-access-token-0123456789',
      baseUrl: 'http://localhost:8080/',
      maxRetries: 0,
      fetchApi: api.fetchApi,
    });
    await expect(c.requisitions.retrieveAllRequisitions()).resolves.toMatchObject({ count: 0 });
    expect(api.requests.map((r) => r.url)).toEqual(['http://localhost:8080/api/v2/requisitions/']);
  });
});
