/**
 * Every operation of the API, one test each: the request it builds (method,
 * path, exact query string, headers, exact JSON body), handed to an in-process
 * `fetchApi`, and the value returned.
 * The table is checked against the operations of openapi/bank-account-data.yaml,
 * so an operation added to the document without a test here fails the suite.
 */
import { version } from '../package.json';
import { listOperations, readSpec } from '../scripts/lib/spec';
import { callFixture, fixtureGaps, operationFixtures } from './fixtures/operations';
import { jwt, newClient, tokenPair, type SeenRequest } from './helpers';
import { scriptedApi } from './helpers/scripted-fetch';

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
    const api = scriptedApi();
    if (authenticated) api.on('POST /api/v2/token/new/', 200, pair);
    api.on(`${op.method} ${op.sent.split('?')[0]}`, op.status, op.reply);
    const seen = api.requests;

    const result = await callFixture(newClient({ fetchApi: api.fetchApi }), op);

    expect(result).toStrictEqual(op.reply);
    expect(api.pending()).toEqual([]);

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
    const api = scriptedApi().on('GET /api/v2/institutions/A%2FB%20C%3F/', 200, institution);
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined, fetchApi: api.fetchApi });
    const seen = api.requests;
    await expect(client.institutions.retrieveInstitution({ id: 'A/B C?' })).resolves.toEqual(institution);
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/institutions/A%2FB%20C%3F/']);
  });

  it('sends no query string at all when no optional parameter is given', async () => {
    const page = { count: 0, next: null, previous: null, results: [] };
    const api = scriptedApi().on('GET /api/v2/requisitions/', 200, page);
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined, fetchApi: api.fetchApi });
    const seen = api.requests;
    await expect(client.requisitions.retrieveAllRequisitions()).resolves.toEqual(page);
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/requisitions/']);
  });

  it('percent-encodes query values', async () => {
    const api = scriptedApi().on('GET /api/v2/institutions/', 200, []);
    const client = newClient({ accessToken: jwt('access'), secretId: undefined, secretKey: undefined, fetchApi: api.fetchApi });
    const seen = api.requests;
    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'G B&x=1' });
    expect(seen.map((r) => r.path)).toEqual(['/api/v2/institutions/?country=G%20B%26x%3D1']);
  });
});
