/**
 * Which failures are retried, how often, and which are not: GET/PUT/DELETE on
 * connection failures, timeouts, 429 and 500/502/503/504 up to `maxRetries`;
 * POST only on connection refused and 429.
 */
import { ConnectionException, RateLimitException, ServerException, TimeoutException } from '../../src';
import { A_RESENT_5XX } from '../helpers/resent-status';
import { TOKEN_NEW, hang, json, raw, refusedBaseUrl, resetBeforeResponse, resetMidBody, slowBody } from './fault-server';
import {
  AGREEMENT_ID,
  DELETE_AGREEMENT,
  GET_INSTITUTION,
  INSTITUTION,
  INSTITUTION_ID,
  POST_AGREEMENT,
  PUT_ACCEPT,
  attemptLines,
  expectNoLeaks,
  failure,
  faultClient,
  record,
  server,
  useFaultServer,
} from './helpers';

const HTML_500 = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Server Error (500)</h1></body></html>';
const AGREEMENT = { id: AGREEMENT_ID, institution_id: INSTITUTION_ID, max_historical_days: 90, access_valid_for_days: 90, access_scope: ['balances'] };

useFaultServer();

describe('GET is retried up to maxRetries, then the last error is thrown', () => {
  test.each([
    [500, 'text/html', HTML_500],
    [502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    [503, 'application/json', JSON.stringify({ summary: 'Service unavailable', detail: 'Try again later', status_code: 503 })],
    [504, 'text/html', '<html><body><h1>504 Gateway Time-out</h1></body></html>'],
  ])('%i answered every time → ServerException after 1 + maxRetries requests', async (status, type, body) => {
    server.script(GET_INSTITUTION, raw(status, body, type));
    const { client, lines } = faultClient(server, { maxRetries: 2 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ServerException);
    expect((error as ServerException).status).toBe(status);
    expect((error as ServerException).body).toBe(body);
    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(attemptLines(lines).map((l) => l.fields?.attempt)).toEqual([1, 1, 2, 3]); // token, then the three GETs
    const leaked = expectNoLeaks(error, lines, server);
    record(`GET ${status} ×∞`, { class: error.name, status, requests: server.count(GET_INSTITUTION), leaks: leaked });
  });

  test('maxRetries: 4 → exactly 5 requests', async () => {
    server.script(GET_INSTITUTION, raw(502, 'bad gateway', 'text/plain'));
    const { client, lines } = faultClient(server, { maxRetries: 4 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ServerException);
    expect(server.count(GET_INSTITUTION)).toBe(5);
    expectNoLeaks(error, lines, server);
  });

  test('maxRetries: 0 → one request', async () => {
    server.script(GET_INSTITUTION, raw(A_RESENT_5XX, 'unavailable', 'text/plain'));
    const { client, lines } = faultClient(server, { maxRetries: 0 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ServerException);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expectNoLeaks(error, lines, server);
  });

  test('500 then 200 → the result, after 2 requests', async () => {
    server.script(GET_INSTITUTION, raw(500, HTML_500, 'text/html'), json(200, INSTITUTION));
    const { client, lines } = faultClient(server);

    const result = await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });

    expect(result).toEqual(INSTITUTION);
    expect(server.count(GET_INSTITUTION)).toBe(2);
    expectNoLeaks(undefined, lines, server);
    record('GET 500 then 200', { result: 'ok', requests: 2, leaks: 0 });
  });

  test('connection reset before any response → ConnectionException after 3 requests', async () => {
    server.script(GET_INSTITUTION, resetBeforeResponse());
    const { client, lines } = faultClient(server, { maxRetries: 2 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect((error as ConnectionException).status).toBe(0);
    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(elapsedMs).toBeLessThan(2_000);
    const leaked = expectNoLeaks(error, lines, server);
    record('GET reset before response ×∞', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('connection reset mid-body → ConnectionException at once (not a timeout) after 3 requests', async () => {
    server.script(GET_INSTITUTION, resetMidBody(JSON.stringify(INSTITUTION)));
    const { client, lines } = faultClient(server, { maxRetries: 2, timeoutMs: 1_000 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(error).toBeInstanceOf(ConnectionException);
    // A closed connection is known at once; waiting out the 1 s timeout per attempt is the bug this guards.
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect(elapsedMs).toBeLessThan(700);
    const leaked = expectNoLeaks(error, lines, server);
    record('GET reset mid-body ×∞', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('connection reset mid-body once, then 200 → the result', async () => {
    server.script(GET_INSTITUTION, resetMidBody(JSON.stringify(INSTITUTION)), json(200, INSTITUTION));
    const { client, lines } = faultClient(server, { timeoutMs: 1_000 });

    const started = Date.now();
    const result = await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });

    expect(result).toEqual(INSTITUTION);
    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(Date.now() - started).toBeLessThan(700);
    expectNoLeaks(undefined, lines, server);
  });

  test('server never answers → TimeoutException after 3 requests of timeoutMs each', async () => {
    server.script(GET_INSTITUTION, hang());
    const { client, lines } = faultClient(server, { maxRetries: 2, timeoutMs: 200 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(3 * 190);
    expect(elapsedMs).toBeLessThan(3 * 200 + 1_000);
    const leaked = expectNoLeaks(error, lines, server);
    record('GET hang ×∞, timeoutMs 200', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('body trickles past timeoutMs → TimeoutException after 3 requests', async () => {
    // Headers at once, then 10 chunks 60 ms apart: the body needs ~600 ms, the attempt has 200.
    server.script(GET_INSTITUTION, slowBody(JSON.stringify(INSTITUTION), 10, 60));
    const { client, lines } = faultClient(server, { maxRetries: 2, timeoutMs: 200 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(elapsedMs).toBeLessThan(3 * 200 + 1_000);
    const leaked = expectNoLeaks(error, lines, server);
    record('GET slow body ×∞, timeoutMs 200', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('a slow body that finishes within timeoutMs is read whole', async () => {
    server.script(GET_INSTITUTION, slowBody(JSON.stringify(INSTITUTION), 4, 20));
    const { client } = faultClient(server, { timeoutMs: 2_000 });

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);
    expect(server.count(GET_INSTITUTION)).toBe(1);
  });
});

describe('PUT and DELETE are retried like GET', () => {
  test(`PUT accept: ${A_RESENT_5XX} twice, then 200 → the result after 3 requests`, async () => {
    const accepted = { ...AGREEMENT, accepted: '2024-01-01T00:00:00Z' };
    server.script(PUT_ACCEPT, raw(A_RESENT_5XX, 'unavailable', 'text/plain'), raw(A_RESENT_5XX, 'unavailable', 'text/plain'), json(200, accepted));
    const { client, lines } = faultClient(server);

    const result = await client.agreements.acceptEUA({ id: AGREEMENT_ID, body: { user_agent: 'jest', ip_address: '127.0.0.1' } });

    expect(result).toEqual(accepted);
    expect(server.count(PUT_ACCEPT)).toBe(3);
    expect(server.seen(PUT_ACCEPT).map((r) => JSON.parse(r.body))).toEqual(Array(3).fill({ user_agent: 'jest', ip_address: '127.0.0.1' }));
    expectNoLeaks(undefined, lines, server);
    record(`PUT ${A_RESENT_5XX} twice, 200`, { result: 'ok', requests: 3, leaks: 0 });
  });

  test('DELETE: reset before response every time → ConnectionException after 3 requests', async () => {
    server.script(DELETE_AGREEMENT, resetBeforeResponse());
    const { client, lines } = faultClient(server);

    const { error } = await failure(() => client.agreements.deleteEUAById({ id: AGREEMENT_ID }));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(server.count(DELETE_AGREEMENT)).toBe(3);
    const leaked = expectNoLeaks(error, lines, server);
    record('DELETE reset ×∞', { class: error.name, requests: 3, leaks: leaked });
  });
});

describe('POST is retried only where the server surely did not process it', () => {
  const createAgreement = (client: ReturnType<typeof faultClient>['client']) => client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } });

  test('500 → ServerException after exactly 1 request', async () => {
    server.script(POST_AGREEMENT, raw(500, HTML_500, 'text/html'));
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(ServerException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST agreement 500', { class: error.name, status: 500, requests: 1, leaks: leaked });
  });

  test('503 with Retry-After → still exactly 1 request', async () => {
    server.script(POST_AGREEMENT, raw(503, 'unavailable', 'text/plain', { 'Retry-After': '0' }));
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(ServerException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    expectNoLeaks(error, lines, server);
  });

  test('server never answers → TimeoutException after exactly 1 request', async () => {
    server.script(POST_AGREEMENT, hang());
    const { client, lines } = faultClient(server, { maxRetries: 3, timeoutMs: 200 });

    const { error, elapsedMs } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(TimeoutException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    expect(elapsedMs).toBeLessThan(200 + 1_000);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST agreement hang', { class: error.name, requests: 1, elapsedMs, leaks: leaked });
  });

  test('connection reset before any response → ConnectionException after exactly 1 request', async () => {
    server.script(POST_AGREEMENT, resetBeforeResponse());
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST agreement reset', { class: error.name, requests: 1, leaks: leaked });
  });

  test('connection reset mid-body → ConnectionException at once after exactly 1 request', async () => {
    server.script(POST_AGREEMENT, resetMidBody(JSON.stringify(AGREEMENT)));
    const { client, lines } = faultClient(server, { maxRetries: 3, timeoutMs: 1_000 });

    const { error, elapsedMs } = await failure(() => createAgreement(client));

    expect(server.count(POST_AGREEMENT)).toBe(1);
    expect(error).toBeInstanceOf(ConnectionException);
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect(elapsedMs).toBeLessThan(700);
    expectNoLeaks(error, lines, server);
  });

  test('token request answered 500 → ServerException after exactly 1 token request, no data request', async () => {
    server.script(TOKEN_NEW, raw(500, HTML_500, 'text/html'));
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ServerException);
    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(server.count()).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST token/new 500', { class: error.name, requests: 1, leaks: leaked });
  });

  test('429 then 201 → the result after 2 requests', async () => {
    server.script(POST_AGREEMENT, json(429, { summary: 'Rate limit exceeded', status_code: 429 }, { 'Retry-After': '0' }), json(201, AGREEMENT));
    const { client, lines } = faultClient(server);

    await expect(createAgreement(client)).resolves.toEqual(AGREEMENT);
    expect(server.count(POST_AGREEMENT)).toBe(2);
    expectNoLeaks(undefined, lines, server);
    record('POST agreement 429 then 201', { result: 'ok', requests: 2, leaks: 0 });
  });

  test('429 every time → RateLimitException after 1 + maxRetries requests', async () => {
    server.script(POST_AGREEMENT, json(429, { summary: 'Rate limit exceeded', status_code: 429 }));
    const { client, lines } = faultClient(server, { maxRetries: 2 });

    const { error } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(RateLimitException);
    expect(server.count(POST_AGREEMENT)).toBe(3);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST agreement 429 ×∞', { class: error.name, requests: 3, leaks: leaked });
  });

  test('connection refused → retried: 1 + maxRetries attempts, then ConnectionException (ECONNREFUSED)', async () => {
    const access = server.newAccess().access; // a token the client holds, so no token request is needed
    const { client, lines } = faultClient(await refusedBaseUrl(), { secretId: undefined, secretKey: undefined, accessToken: access, maxRetries: 2 });

    const { error, elapsedMs } = await failure(() => createAgreement(client));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(error.message).toContain('ECONNREFUSED');
    const attempts = attemptLines(lines);
    expect(attempts.map((l) => [l.fields?.method, l.fields?.path, l.fields?.attempt])).toEqual([
      ['POST', '/api/v2/agreements/enduser/', 1],
      ['POST', '/api/v2/agreements/enduser/', 2],
      ['POST', '/api/v2/agreements/enduser/', 3],
    ]);
    expect(elapsedMs).toBeLessThan(2_000);
    const leaked = expectNoLeaks(error, lines, server, [access]);
    record('POST agreement refused', { class: error.name, attempts: attempts.length, leaks: leaked });
  });

  test('token request refused → retried: 1 + maxRetries attempts, then ConnectionException', async () => {
    const { client, lines } = faultClient(await refusedBaseUrl(), { maxRetries: 2 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(error.message).toContain('ECONNREFUSED');
    expect(attemptLines(lines).map((l) => `${String(l.fields?.method)} ${String(l.fields?.path)} #${String(l.fields?.attempt)}`)).toEqual([
      'POST /api/v2/token/new/ #1',
      'POST /api/v2/token/new/ #2',
      'POST /api/v2/token/new/ #3',
    ]);
    expectNoLeaks(error, lines, server);
  });
});
