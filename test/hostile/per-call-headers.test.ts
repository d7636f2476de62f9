/**
 * Headers given per call (the second argument of every method) are merged over
 * the client's: Authorization, Accept, User-Agent and a POST's Content-Type
 * survive unless the caller names them, in any case. A header that could not be
 * sent is a RequiredError naming it, before any request, without its value.
 */
import { BankAccountDataClient, RequiredError } from '../../src';
import { FaultServer, json } from '../faults/fault-server';
import { jwt } from '../fixtures/jwt';

const ACCESS_TOKEN = jwt('access');
const INSTITUTION = 'SANDBOXFINANCE_SFIN0000';
let server: FaultServer;
let client: BankAccountDataClient;

beforeAll(async () => {
  server = await FaultServer.start();
  client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, userAgent: 'hostile-suite/1', headers: { 'X-Team': 'payments' } });
});
afterAll(async () => {
  client.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.script(`GET /api/v2/institutions/${INSTITUTION}/`, json(200, { id: INSTITUTION }));
  server.script('POST /api/v2/agreements/enduser/', json(201, { id: 'agreement-1', institution_id: INSTITUTION }));
});

function expectClientHeadersKept(headers: Record<string, unknown>): void {
  expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  expect(headers.accept).toBe('application/json');
  expect(headers['user-agent']).toBe('hostile-suite/1');
  expect(headers['x-team']).toBe('payments');
}

it("GET with extra headers: the extra ones are added, the client's kept", async () => {
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: { 'X-Request-Id': 'req-1' } });
  expectClientHeadersKept(server.requests[0].headers);
  expect(server.requests[0].headers['x-request-id']).toBe('req-1');
});

it('POST with extra headers: Content-Type and the JSON body kept', async () => {
  await client.agreements.createEUA({ body: { institution_id: INSTITUTION } }, { headers: { 'Idempotency-Key': 'k-1' } });
  const [seen] = server.requests;
  expectClientHeadersKept(seen.headers);
  expect(seen.headers['content-type']).toBe('application/json');
  expect(seen.headers['idempotency-key']).toBe('k-1');
  expect(JSON.parse(seen.body)).toEqual({ institution_id: INSTITUTION });
});

it('a Headers object and an init function merge the same way', async () => {
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: new Headers({ 'X-Request-Id': 'req-2' }) });
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, async () => ({ headers: { 'X-Request-Id': 'req-3' } }));
  for (const [i, seen] of server.requests.entries()) {
    expectClientHeadersKept(seen.headers);
    expect(seen.headers['x-request-id']).toBe(`req-${i + 2}`);
  }
});

it("a header the caller names replaces the client's, whatever its case", async () => {
  await client.institutions.retrieveInstitution(
    { id: INSTITUTION },
    { headers: { accept: 'application/vnd.test+json', 'USER-AGENT': 'per-call/2', 'x-team': 'risk' } },
  );
  const { headers } = server.requests[0];
  expect(headers.accept).toBe('application/vnd.test+json');
  expect(headers['user-agent']).toBe('per-call/2');
  expect(headers['x-team']).toBe('risk');
  expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  expect(server.requests[0].url).toBe(`/api/v2/institutions/${INSTITUTION}/`);
});

describe('a per-call header that cannot be sent', () => {
  const SECRET = 'Bearer s3cret-value';
  const cases: Array<[string, () => Promise<unknown>, string]> = [
    [
      'a value with CR LF (record)',
      () => client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: { 'X-Note': `${SECRET}\r\nX-Injected: 1` } }),
      'headers.X-Note',
    ],
    [
      'a value with NUL (pairs)',
      () => client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: [['X-Note', `${SECRET}\u0000`]] }),
      'headers.X-Note',
    ],
    [
      'a value with LF (init function)',
      async () => client.institutions.retrieveInstitution({ id: INSTITUTION }, async () => ({ headers: { 'X-Note': `${SECRET}\n` } })),
      'headers.X-Note',
    ],
    ['a name with a space', () => client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: { 'X Note': SECRET } }), 'headers'],
    ['a name with a colon', () => client.agreements.createEUA({ body: { institution_id: INSTITUTION } }, { headers: { 'X-Note:': SECRET } }), 'headers'],
  ];

  it.each(cases)('%s: RequiredError naming it, value left out, nothing sent', async (_case, call, field) => {
    const started = Date.now();
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RequiredError);
    expect((error as RequiredError).field).toBe(field);
    expect((error as RequiredError).message).not.toContain('s3cret');
    expect(server.requests).toHaveLength(0);
    // Not retried as a connection failure: settles at once, without backoff.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
