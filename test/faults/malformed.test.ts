/**
 * Malformed success responses: invalid JSON and the wrong content type become
 * an InvalidResponseException keeping the raw body (redacted); a body cut off
 * mid-stream is a connection failure, retried for GET.
 */
import { ConnectionException, InvalidResponseException, TimeoutException } from '../../src';
import { TOKEN_NEW, json, raw, truncated } from './fault-server';
import { GET_INSTITUTION, INSTITUTION, INSTITUTION_ID, POST_AGREEMENT, expectNoLeaks, failure, faultClient, record, server, useFaultServer } from './helpers';

useFaultServer();

const institutionJson = JSON.stringify(INSTITUTION);

describe('a 2xx body that is not the promised JSON → InvalidResponseException with the raw body', () => {
  test('invalid JSON (application/json) → not retried, body kept', async () => {
    const body = '{"id": "SANDBOXFINANCE_SFIN0000", "name": Sandbox Finance}';
    server.script(GET_INSTITUTION, raw(200, body, 'application/json'));
    const { client, lines } = faultClient(server);

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    const e = error as InvalidResponseException;
    expect(e.status).toBe(200);
    expect(e.body).toBe(body);
    expect(e.message).toContain('not valid JSON');
    expect(e.headers['content-type']).toBe('application/json');
    expect(server.count(GET_INSTITUTION)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('200 invalid JSON', { class: e.name, status: 200, requests: 1, leaks: leaked });
  });

  test('text/html 200 (a proxy page) → not retried, body kept', async () => {
    const body = '<!DOCTYPE html><html><body><form action="/login">Sign in to the proxy</form></body></html>';
    server.script(GET_INSTITUTION, raw(200, body, 'text/html; charset=utf-8'));
    const { client, lines } = faultClient(server);

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as InvalidResponseException).body).toBe(body);
    expect(error.message).toContain('text/html');
    expect(server.count(GET_INSTITUTION)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('200 text/html', { class: error.name, status: 200, requests: 1, leaks: leaked });
  });

  test('empty 200 body → InvalidResponseException', async () => {
    server.script(GET_INSTITUTION, raw(200, '', 'application/json'));
    const { client, lines } = faultClient(server);

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as InvalidResponseException).body).toBe('');
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expectNoLeaks(error, lines, server);
  });

  test('invalid JSON on a POST → not retried', async () => {
    server.script(POST_AGREEMENT, raw(201, '{"id": ', 'application/json'));
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as InvalidResponseException).status).toBe(201);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    expectNoLeaks(error, lines, server);
  });

  test('a token response cut short mid-token → the partial token is redacted from the exception', async () => {
    let partial = '';
    server.script(TOKEN_NEW, (context) => {
      const pair = context.server.newPair();
      const whole = JSON.stringify(pair);
      // Complete as HTTP (Content-Length matches), but the JSON stops inside the access token's payload.
      partial = whole.slice(0, whole.indexOf(pair.access) + pair.access.indexOf('.') + 30);
      raw(200, partial, 'application/json')(context);
    });
    const { client, lines } = faultClient(server);

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as InvalidResponseException).body).toBe('{"access":"[redacted]');
    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(server.count(GET_INSTITUTION)).toBe(0);
    const cut = partial.slice('{"access":"'.length);
    const leaked = expectNoLeaks(error, lines, server, [cut, cut.split('.')[1]]);
    record('token body cut mid-token', { class: error.name, requests: 1, leaks: leaked });
  });

  test('the exception carries the rate-limit headers of the malformed response', async () => {
    server.script(
      GET_INSTITUTION,
      raw(200, 'not json', 'text/plain', { HTTP_X_RATELIMIT_LIMIT: '100', HTTP_X_RATELIMIT_REMAINING: '7', HTTP_X_RATELIMIT_RESET: '60' }),
    );
    const { client } = faultClient(server); // no onRateLimit

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as InvalidResponseException).rateLimit).toEqual({ limit: 100, remaining: 7, resetSeconds: 60 });
  });
});

describe('a body cut off mid-stream (Content-Length larger than what arrives, then the connection ends)', () => {
  test('GET → ConnectionException at once, retried: 1 + maxRetries requests', async () => {
    server.script(GET_INSTITUTION, truncated(institutionJson));
    const { client, lines } = faultClient(server, { maxRetries: 2, timeoutMs: 1_000 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(error).toBeInstanceOf(ConnectionException);
    // The connection's end is known at once: waiting out the 1 s timeout per attempt is the bug this guards.
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect(elapsedMs).toBeLessThan(700);
    const leaked = expectNoLeaks(error, lines, server);
    record('GET truncated body ×∞', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('GET, gzip-compressed body cut off → ConnectionException at once, retried', async () => {
    server.script(GET_INSTITUTION, truncated(JSON.stringify({ ...INSTITUTION, padding: 'x'.repeat(2_000) }), { gzip: true }));
    const { client, lines } = faultClient(server, { maxRetries: 2, timeoutMs: 1_000 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(error).toBeInstanceOf(ConnectionException);
    expect(error).not.toBeInstanceOf(TimeoutException);
    expect(elapsedMs).toBeLessThan(700);
    expectNoLeaks(error, lines, server);
  });

  test('GET truncated once, then whole → the result after 2 requests', async () => {
    server.script(GET_INSTITUTION, truncated(institutionJson), json(200, INSTITUTION));
    const { client, lines } = faultClient(server, { timeoutMs: 1_000 });

    const started = Date.now();
    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(Date.now() - started).toBeLessThan(700);
    expectNoLeaks(undefined, lines, server);
  });

  test('POST → ConnectionException after exactly 1 request', async () => {
    server.script(POST_AGREEMENT, truncated(JSON.stringify({ id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', institution_id: INSTITUTION_ID })));
    const { client, lines } = faultClient(server, { maxRetries: 3, timeoutMs: 1_000 });

    const { error } = await failure(() => client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } }));

    expect(error).toBeInstanceOf(ConnectionException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('POST truncated body', { class: error.name, requests: 1, leaks: leaked });
  });
});
