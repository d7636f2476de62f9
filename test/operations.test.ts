/**
 * Every operation of the API, one test each: the request on the wire (method,
 * path, exact query string, headers, exact JSON body) and the value returned.
 * The table is checked against the operations of openapi/bank-account-data.yaml,
 * so an operation added to the document without a test here fails the suite.
 */
import nock from 'nock';
import { version } from '../package.json';
import { listOperations, readSpec } from '../scripts/lib/spec';
import { callFixture, fixtureGaps, operationFixtures } from './fixtures/operations';
import { BASE_URL, jwt, newClient, tokenPair, type SeenRequest } from './helpers';
import { recordRequests, useNock } from './helpers/nock';

useNock();

const USER_AGENT = `gocardless-bankaccountdata/${version} node/${process.versions.node}`;
const SPEC = 'openapi/bank-account-data.yaml';
const specOperations = listOperations(readSpec());
const OPERATIONS = operationFixtures();
const TOKEN_OPERATIONS = new Set(specOperations.filter((o) => !o.needsBearer).map((o) => o.clientName));

const institution = OPERATIONS.find((o) => o.name === 'institutions.retrieveInstitution')!.reply;

describe('the operation table', () => {
  it('covers exactly the operations of openapi/bank-account-data.yaml, with their methods and paths', () => {
    expect(fixtureGaps(specOperations, OPERATIONS, SPEC)).toEqual([]);
    for (const op of OPERATIONS) {
      const declared = specOperations.find((s) => s.clientName === op.name)!;
      expect({ name: op.name, method: op.method, template: op.template }).toEqual({
        name: declared.clientName,
        method: declared.method,
        template: declared.template,
      });
      // The path actually sent is the template with its {id} filled in.
      const pattern = new RegExp(`^${declared.template.replace(/\{id\}/g, '[^/?]+')}(\\?|$)`);
      expect(op.sent).toMatch(pattern);
    }
  });

  it('marks exactly the two token operations as needing no bearer token, in the document too', () => {
    const open = specOperations
      .filter((s) => Array.isArray(s.operation.security) && s.operation.security.length === 0)
      .map((s) => s.clientName)
      .sort();
    expect(open).toEqual(['token.getANewAccessToken', 'token.obtainNewAccessRefreshTokenPair']);
    expect([...TOKEN_OPERATIONS].sort()).toEqual(open);
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

    const result = await callFixture(newClient(), op);

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
