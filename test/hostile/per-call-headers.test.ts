/**
 * Headers given per call (the second argument of every method) are merged over
 * the client's: Authorization, Accept, User-Agent and a POST's Content-Type
 * survive unless the caller names them, in any case.
 */
import { BankAccountDataClient } from '../../src';
import { ACCESS_TOKEN, startLoopback, type Loopback } from './loopback';

const INSTITUTION = 'SANDBOXFINANCE_SFIN0000';
let server: Loopback;
let client: BankAccountDataClient;

beforeAll(async () => {
  server = await startLoopback();
  client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, userAgent: 'hostile-suite/1', headers: { 'X-Team': 'payments' } });
});
afterAll(async () => {
  client.close();
  await server.close();
});
beforeEach(() => {
  server.seen.length = 0;
});

function expectClientHeadersKept(headers: Record<string, unknown>): void {
  expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  expect(headers.accept).toBe('application/json');
  expect(headers['user-agent']).toBe('hostile-suite/1');
  expect(headers['x-team']).toBe('payments');
}

it("GET with extra headers: the extra ones are added, the client's kept", async () => {
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: { 'X-Request-Id': 'req-1' } });
  expectClientHeadersKept(server.seen[0].headers);
  expect(server.seen[0].headers['x-request-id']).toBe('req-1');
});

it('POST with extra headers: Content-Type and the JSON body kept', async () => {
  await client.agreements.createEUA({ body: { institution_id: INSTITUTION } }, { headers: { 'Idempotency-Key': 'k-1' } });
  const [seen] = server.seen;
  expectClientHeadersKept(seen.headers);
  expect(seen.headers['content-type']).toBe('application/json');
  expect(seen.headers['idempotency-key']).toBe('k-1');
  expect(JSON.parse(seen.body)).toEqual({ institution_id: INSTITUTION });
});

it('a Headers object and an init function merge the same way', async () => {
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, { headers: new Headers({ 'X-Request-Id': 'req-2' }) });
  await client.institutions.retrieveInstitution({ id: INSTITUTION }, async () => ({ headers: { 'X-Request-Id': 'req-3' } }));
  for (const [i, seen] of server.seen.entries()) {
    expectClientHeadersKept(seen.headers);
    expect(seen.headers['x-request-id']).toBe(`req-${i + 2}`);
  }
});

it("a header the caller names replaces the client's, whatever its case", async () => {
  await client.institutions.retrieveInstitution(
    { id: INSTITUTION },
    { headers: { accept: 'application/vnd.test+json', 'USER-AGENT': 'per-call/2', 'x-team': 'risk' } },
  );
  const { headers } = server.seen[0];
  expect(headers.accept).toBe('application/vnd.test+json');
  expect(headers['user-agent']).toBe('per-call/2');
  expect(headers['x-team']).toBe('risk');
  expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  expect(server.seen[0].url).toBe(`/api/v2/institutions/${INSTITUTION}/`);
});
