/**
 * Every operation of the API, one test each: the request on the wire (method,
 * path, exact query string, headers, exact JSON body) and the value returned.
 * The table is checked against the operations of openapi/bank-account-data.yaml,
 * so an operation added to the document without a test here fails the suite.
 */
import fs from 'fs';
import path from 'path';
import nock from 'nock';
import { version } from '../package.json';
import type { BankAccountDataClient } from '../src';
import {
  ACCOUNT_ID,
  AGREEMENT_ID,
  BASE_URL,
  INSTITUTION_ID,
  REQUISITION_ID,
  SECRET_ID,
  SECRET_KEY,
  jwt,
  newClient,
  recordRequests,
  refreshedAccess,
  tokenPair,
  type SeenRequest,
} from './helpers';

// No @types/js-yaml in the project: declare the one function used.
const yaml = require('js-yaml') as { load(text: string): unknown };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Operation {
  /** `<client property>.<method>`, the name an app calls. */
  name: string;
  method: Method;
  /** Path template as in the OpenAPI document. */
  template: string;
  /** Path and query string exactly as they must be sent. */
  sent: string;
  /** The exact JSON body that must be sent; undefined when the request has no body. */
  body?: unknown;
  status: number;
  reply: unknown;
  call: (client: BankAccountDataClient) => Promise<unknown>;
}

const USER_AGENT = `gocardless-bankaccountdata/${version} node/${process.versions.node}`;

const agreement = {
  id: AGREEMENT_ID,
  created: '2024-11-22T10:15:30.123456Z',
  institution_id: INSTITUTION_ID,
  max_historical_days: 180,
  access_valid_for_days: 30,
  access_scope: ['balances', 'details', 'transactions'],
  accepted: null,
  reconfirmation: false,
};

const reconfirmation = {
  reconfirmation_url: `https://ob.gocardless.com/psd2/reconfirm/${AGREEMENT_ID}`,
  created: '2024-11-22T10:15:30.123456Z',
  url_valid_from: '2024-11-22T10:15:30.123456Z',
  url_valid_to: '2024-12-06T10:15:30.123456Z',
  redirect: 'https://app.example.com/reconfirmed',
  last_accessed: null,
  last_submitted: null,
  accounts: {},
};

const requisition = {
  id: REQUISITION_ID,
  created: '2024-11-22T10:20:00.000000Z',
  redirect: 'https://app.example.com/callback',
  status: 'LN',
  institution_id: INSTITUTION_ID,
  agreement: AGREEMENT_ID,
  reference: 'user-1234-attempt-1',
  accounts: [ACCOUNT_ID],
  user_language: 'EN',
  link: `https://ob.gocardless.com/psd2/start/${REQUISITION_ID}/${INSTITUTION_ID}`,
  ssn: null,
  account_selection: false,
  redirect_immediate: false,
};

const institution = {
  id: INSTITUTION_ID,
  name: 'Sandbox Finance',
  bic: 'SFIN0000',
  transaction_total_days: '90',
  max_access_valid_for_days: '180',
  countries: ['XX'],
  logo: 'https://cdn-logos.gocardless.com/ais/SANDBOXFINANCE_SFIN0000.png',
};

const newPair = tokenPair();
const refreshToken = jwt('refresh');
const refreshed = refreshedAccess();

const OPERATIONS: Operation[] = [
  {
    name: 'token.obtainNewAccessRefreshTokenPair',
    method: 'POST',
    template: '/api/v2/token/new/',
    sent: '/api/v2/token/new/',
    body: { secret_id: SECRET_ID, secret_key: SECRET_KEY },
    status: 200,
    reply: newPair,
    call: (c) => c.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } }),
  },
  {
    name: 'token.getANewAccessToken',
    method: 'POST',
    template: '/api/v2/token/refresh/',
    sent: '/api/v2/token/refresh/',
    body: { refresh: refreshToken },
    status: 200,
    reply: refreshed,
    call: (c) => c.token.getANewAccessToken({ body: { refresh: refreshToken } }),
  },
  {
    name: 'institutions.retrieveAllSupportedInstitutionsInAGivenCountry',
    method: 'GET',
    template: '/api/v2/institutions/',
    sent: '/api/v2/institutions/?access_scopes_supported=true&country=GB&pending_transactions_supported=false',
    status: 200,
    reply: [institution],
    call: (c) => c.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ access_scopes_supported: 'true', country: 'GB', pending_transactions_supported: 'false' }),
  },
  {
    name: 'institutions.retrieveInstitution',
    method: 'GET',
    template: '/api/v2/institutions/{id}/',
    sent: `/api/v2/institutions/${INSTITUTION_ID}/`,
    status: 200,
    reply: { ...institution, supported_features: ['account_selection', 'pending_transactions'], identification_codes: [] },
    call: (c) => c.institutions.retrieveInstitution({ id: INSTITUTION_ID }),
  },
  {
    name: 'agreements.createEUA',
    method: 'POST',
    template: '/api/v2/agreements/enduser/',
    sent: '/api/v2/agreements/enduser/',
    body: { institution_id: INSTITUTION_ID, max_historical_days: 180, access_valid_for_days: 30, access_scope: ['balances', 'details', 'transactions'], reconfirmation: false },
    status: 201,
    reply: agreement,
    call: (c) => c.agreements.createEUA({
      body: { institution_id: INSTITUTION_ID, max_historical_days: 180, access_valid_for_days: 30, access_scope: ['balances', 'details', 'transactions'], reconfirmation: false },
    }),
  },
  {
    name: 'agreements.retrieveAllAgreements',
    method: 'GET',
    template: '/api/v2/agreements/enduser/',
    sent: '/api/v2/agreements/enduser/?limit=50&offset=100',
    status: 200,
    reply: {
      count: 151,
      next: `${BASE_URL}/api/v2/agreements/enduser/?limit=50&offset=150`,
      previous: `${BASE_URL}/api/v2/agreements/enduser/?limit=50&offset=50`,
      results: [agreement],
    },
    call: (c) => c.agreements.retrieveAllAgreements({ limit: 50, offset: 100 }),
  },
  {
    name: 'agreements.retrieveEUAById',
    method: 'GET',
    template: '/api/v2/agreements/enduser/{id}/',
    sent: `/api/v2/agreements/enduser/${AGREEMENT_ID}/`,
    status: 200,
    reply: agreement,
    call: (c) => c.agreements.retrieveEUAById({ id: AGREEMENT_ID }),
  },
  {
    name: 'agreements.deleteEUAById',
    method: 'DELETE',
    template: '/api/v2/agreements/enduser/{id}/',
    sent: `/api/v2/agreements/enduser/${AGREEMENT_ID}/`,
    status: 200,
    reply: { summary: 'End User Agreement deleted', detail: `End User Agreement ${AGREEMENT_ID} deleted` },
    call: (c) => c.agreements.deleteEUAById({ id: AGREEMENT_ID }),
  },
  {
    name: 'agreements.acceptEUA',
    method: 'PUT',
    template: '/api/v2/agreements/enduser/{id}/accept/',
    sent: `/api/v2/agreements/enduser/${AGREEMENT_ID}/accept/`,
    body: { user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0', ip_address: '203.0.113.7' },
    status: 200,
    reply: { ...agreement, accepted: '2024-11-22T10:16:00.000000Z' },
    call: (c) => c.agreements.acceptEUA({ id: AGREEMENT_ID, body: { user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0', ip_address: '203.0.113.7' } }),
  },
  {
    name: 'agreements.retrieveEUAReconfirmation',
    method: 'GET',
    template: '/api/v2/agreements/enduser/{id}/reconfirm/',
    sent: `/api/v2/agreements/enduser/${AGREEMENT_ID}/reconfirm/`,
    status: 200,
    reply: reconfirmation,
    call: (c) => c.agreements.retrieveEUAReconfirmation({ id: AGREEMENT_ID }),
  },
  {
    name: 'agreements.createEUAReconfirmation',
    method: 'POST',
    template: '/api/v2/agreements/enduser/{id}/reconfirm/',
    sent: `/api/v2/agreements/enduser/${AGREEMENT_ID}/reconfirm/`,
    body: { redirect: 'https://app.example.com/reconfirmed' },
    status: 201,
    reply: reconfirmation,
    call: (c) => c.agreements.createEUAReconfirmation({ id: AGREEMENT_ID, body: { redirect: 'https://app.example.com/reconfirmed' } }),
  },
  {
    name: 'requisitions.createRequisition',
    method: 'POST',
    template: '/api/v2/requisitions/',
    sent: '/api/v2/requisitions/',
    body: {
      redirect: 'https://app.example.com/callback',
      institution_id: INSTITUTION_ID,
      agreement: AGREEMENT_ID,
      reference: 'user-1234-attempt-1',
      user_language: 'EN',
      account_selection: false,
      redirect_immediate: false,
    },
    status: 201,
    reply: { ...requisition, status: 'CR', accounts: [] },
    call: (c) => c.requisitions.createRequisition({
      body: {
        redirect: 'https://app.example.com/callback',
        institution_id: INSTITUTION_ID,
        agreement: AGREEMENT_ID,
        reference: 'user-1234-attempt-1',
        user_language: 'EN',
        account_selection: false,
        redirect_immediate: false,
      },
    }),
  },
  {
    name: 'requisitions.retrieveAllRequisitions',
    method: 'GET',
    template: '/api/v2/requisitions/',
    sent: '/api/v2/requisitions/?limit=10&offset=0',
    status: 200,
    reply: { count: 1, next: null, previous: null, results: [requisition] },
    call: (c) => c.requisitions.retrieveAllRequisitions({ limit: 10, offset: 0 }),
  },
  {
    name: 'requisitions.requisitionById',
    method: 'GET',
    template: '/api/v2/requisitions/{id}/',
    sent: `/api/v2/requisitions/${REQUISITION_ID}/`,
    status: 200,
    reply: requisition,
    call: (c) => c.requisitions.requisitionById({ id: REQUISITION_ID }),
  },
  {
    name: 'requisitions.deleteRequisitionById',
    method: 'DELETE',
    template: '/api/v2/requisitions/{id}/',
    sent: `/api/v2/requisitions/${REQUISITION_ID}/`,
    status: 200,
    reply: { summary: 'Requisition deleted', detail: `Requisition ${REQUISITION_ID} deleted with all its End User Agreements` },
    call: (c) => c.requisitions.deleteRequisitionById({ id: REQUISITION_ID }),
  },
  {
    name: 'accounts.retrieveAccountMetadata',
    method: 'GET',
    template: '/api/v2/accounts/{id}/',
    sent: `/api/v2/accounts/${ACCOUNT_ID}/`,
    status: 200,
    reply: {
      id: ACCOUNT_ID,
      created: '2024-11-22T10:21:00.000000Z',
      last_accessed: '2024-11-22T11:00:00.000000Z',
      iban: 'GL3510230000010234',
      bban: '10230000010234',
      status: 'READY',
      institution_id: INSTITUTION_ID,
      owner_name: 'Jane Doe',
      name: 'Main account',
    },
    call: (c) => c.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID }),
  },
  {
    name: 'accounts.retrieveAccountBalances',
    method: 'GET',
    template: '/api/v2/accounts/{id}/balances/',
    sent: `/api/v2/accounts/${ACCOUNT_ID}/balances/`,
    status: 200,
    reply: {
      balances: [
        { balanceAmount: { amount: '657.49', currency: 'EUR' }, balanceType: 'closingBooked', referenceDate: '2024-11-22' },
        { balanceAmount: { amount: '185.67', currency: 'EUR' }, balanceType: 'expected', referenceDate: '2024-11-19', creditLimitIncluded: false },
      ],
    },
    call: (c) => c.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }),
  },
  {
    name: 'accounts.retrieveAccountDetails',
    method: 'GET',
    template: '/api/v2/accounts/{id}/details/',
    sent: `/api/v2/accounts/${ACCOUNT_ID}/details/`,
    status: 200,
    reply: {
      account: {
        resourceId: '01F3NS4YV94RA29YCH8R0F6BMF',
        iban: 'GL3510230000010234',
        currency: 'EUR',
        ownerName: 'Jane Doe',
        name: 'Main account',
        product: 'Current Account',
        cashAccountType: 'CACC',
        additionalAccountData: { secondaryIdentification: '123' },
      },
    },
    call: (c) => c.accounts.retrieveAccountDetails({ id: ACCOUNT_ID }),
  },
  {
    name: 'accounts.retrieveAccountTransactions',
    method: 'GET',
    template: '/api/v2/accounts/{id}/transactions/',
    sent: `/api/v2/accounts/${ACCOUNT_ID}/transactions/?date_from=2024-01-01&date_to=2024-01-31`,
    status: 200,
    reply: {
      transactions: {
        booked: [
          {
            transactionId: '2024013100001',
            bookingDate: '2024-01-31',
            valueDate: '2024-01-31',
            transactionAmount: { amount: '-15.00', currency: 'EUR' },
            creditorName: 'Coffee Shop',
            creditorAccount: { iban: 'DE89370400440532013000' },
            remittanceInformationUnstructured: 'Card payment',
            bankTransactionCode: 'PMNT',
          },
        ],
        pending: [{ transactionAmount: { amount: '99.20', currency: 'EUR' }, valueDate: '2024-01-31' }],
      },
      last_updated: '2024-01-31T12:00:00.000000Z',
    },
    call: (c) => c.accounts.retrieveAccountTransactions({ id: ACCOUNT_ID, date_from: '2024-01-01', date_to: '2024-01-31' }),
  },
];

const TOKEN_OPERATIONS = new Set(['token.obtainNewAccessRefreshTokenPair', 'token.getANewAccessToken']);

/** The generator's camelCase of an operationId: words split on anything not a letter or digit. */
function camelCase(operationId: string): string {
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
}

interface SpecOperation {
  name: string;
  method: string;
  template: string;
  security?: unknown[];
}

function specOperations(): SpecOperation[] {
  const doc = yaml.load(fs.readFileSync(path.join(__dirname, '..', 'openapi', 'bank-account-data.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; tags: string[]; security?: unknown[] }>>;
  };
  const out: SpecOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      out.push({ name: `${op.tags[0]}.${camelCase(op.operationId)}`, method: method.toUpperCase(), template, security: op.security });
    }
  }
  return out;
}

describe('the operation table', () => {
  it('covers exactly the operations of openapi/bank-account-data.yaml, with their methods and paths', () => {
    const spec = specOperations();
    expect(spec).toHaveLength(19);
    expect(OPERATIONS.map((o) => o.name).sort()).toEqual(spec.map((o) => o.name).sort());
    for (const op of OPERATIONS) {
      const declared = spec.find((s) => s.name === op.name)!;
      expect({ name: op.name, method: op.method, template: op.template }).toEqual({ name: declared.name, method: declared.method, template: declared.template });
      // The path actually sent is the template with its {id} filled in.
      const pattern = new RegExp(`^${declared.template.replace(/\{id\}/g, '[^/?]+')}(\\?|$)`);
      expect(op.sent).toMatch(pattern);
    }
  });

  it('marks exactly the two token operations as needing no bearer token, in the document too', () => {
    const open = specOperations().filter((s) => Array.isArray(s.security) && s.security.length === 0).map((s) => s.name).sort();
    expect(open).toEqual([...TOKEN_OPERATIONS].sort());
  });

  it('names methods that exist on the client', () => {
    const client = newClient();
    for (const op of OPERATIONS) {
      const [api, method] = op.name.split('.');
      expect(typeof (client as unknown as Record<string, Record<string, unknown>>)[api][method]).toBe('function');
    }
  });
});

describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  it(`sends ${op.method} ${op.sent} as specified and returns the parsed body`, async () => {
    const authenticated = !TOKEN_OPERATIONS.has(op.name);
    const pair = tokenPair();
    const scope = nock(BASE_URL);
    if (authenticated) scope.post('/api/v2/token/new/').reply(200, pair);
    scope.intercept(op.sent.split('?')[0], op.method).query(true).reply(op.status, JSON.stringify(op.reply), { 'Content-Type': 'application/json' });
    const seen = recordRequests(scope);

    const result = await op.call(newClient());

    expect(result).toStrictEqual(op.reply);
    expect(scope.isDone()).toBe(true);

    // Authenticated calls obtain a token first (lazily); the token operations never do.
    expect(seen.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      ...(authenticated ? ['POST /api/v2/token/new/'] : []),
      `${op.method} ${op.sent.split('?')[0]}`,
    ]);
    const request: SeenRequest = seen[seen.length - 1];
    expect(request.method).toBe(op.method);
    expect(request.path).toBe(op.sent);

    if (authenticated) expect(request.headers.authorization).toBe(`Bearer ${pair.access}`);
    else expect(request.headers).not.toHaveProperty('authorization');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['user-agent']).toBe(USER_AGENT);

    if (op.body === undefined) {
      expect(request.body).toBe('');
      expect(request.headers).not.toHaveProperty('content-type');
    } else {
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.body)).toStrictEqual(op.body);
    }
  });
});

describe('request building details', () => {
  it('percent-encodes a path parameter, so an id cannot reach another route', async () => {
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined });
    const scope = nock(BASE_URL).get('/api/v2/institutions/A%2FB%20C%3F/').reply(200, institution);
    const seen = recordRequests(scope);
    await expect(client.institutions.retrieveInstitution({ id: 'A/B C?' })).resolves.toEqual(institution);
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/institutions/A%2FB%20C%3F/']);
  });

  it('sends no query string at all when no optional parameter is given', async () => {
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined });
    const page = { count: 0, next: null, previous: null, results: [] };
    const scope = nock(BASE_URL).get('/api/v2/requisitions/').reply(200, page);
    const seen = recordRequests(scope);
    await expect(client.requisitions.retrieveAllRequisitions()).resolves.toEqual(page);
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/requisitions/']);
  });

  it('percent-encodes query values', async () => {
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined });
    const scope = nock(BASE_URL).get('/api/v2/institutions/').query(true).reply(200, []);
    const seen = recordRequests(scope);
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'G B&x=1' });
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/institutions/?country=G%20B%26x%3D1']);
  });
});
