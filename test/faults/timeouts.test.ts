/**
 * A hanging server never holds the caller past `timeoutMs` per attempt and
 * `totalTimeoutMs` overall; the caller's AbortSignal ends a call at once with
 * AbortedException and no further request.
 */
import { AbortedException, TimeoutException } from '../../src';
import { A_RESENT_5XX } from '../helpers/resent-status';
import { TOKEN_NEW, TOKEN_REFRESH, expiredToken, hang, json, jwt, raw, type Behaviour } from './fault-server';
import { GET_INSTITUTION, INSTITUTION, INSTITUTION_ID, POST_AGREEMENT, expectNoLeaks, failure, faultClient, record, server, useFaultServer } from './helpers';

useFaultServer();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How late a busy machine may be on top of the time a call should take. Every
 * failure these tests catch ends later still: a timeout or wait of 3 s or more
 * sat out, or a retry the deadline should have stopped.
 */
const LATE_MS = 1_500;

/** Aborts `controller` `ms` after the server saw its `n`-th request of `route` (watching for 5 s at most). */
function abortAfterRequest(controller: AbortController, route: string, ms: number, n = 1): void {
  const until = Date.now() + 5_000;
  const timer = setInterval(() => {
    if (server.count(route) >= n) setTimeout(() => controller.abort(), ms);
    if (server.count(route) >= n || Date.now() > until) clearInterval(timer);
  }, 2);
  timer.unref();
}

/** Answers after `ms`. */
function delayed(ms: number, then: Behaviour): Behaviour {
  return (context) => {
    setTimeout(() => then(context), ms);
  };
}

describe('a hanging server vs timeoutMs and totalTimeoutMs', () => {
  test('timeoutMs bounds one attempt', async () => {
    server.script(GET_INSTITUTION, hang());
    const { client, lines } = faultClient(server, { timeoutMs: 300, maxRetries: 0 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect((error as TimeoutException).status).toBe(0);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(300 + LATE_MS);
    const leaked = expectNoLeaks(error, lines, server);
    record('hang, timeoutMs 300, maxRetries 0', { class: error.name, requests: 1, elapsedMs, leaks: leaked });
  });

  test('totalTimeoutMs bounds all attempts and waits together', async () => {
    server.script(GET_INSTITUTION, hang());
    const { client, lines } = faultClient(server, { timeoutMs: 250, totalTimeoutMs: 700, maxRetries: 10, retryBaseDelayMs: 0, retryMaxDelayMs: 0 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    // 250 + 250 + the 200 left of the budget: three attempts, however many retries were allowed.
    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(680);
    expect(elapsedMs).toBeLessThan(700 + LATE_MS);
    const leaked = expectNoLeaks(error, lines, server);
    record('hang, timeoutMs 250, totalTimeoutMs 700', { class: error.name, requests: 3, elapsedMs, leaks: leaked });
  });

  test('totalTimeoutMs shorter than timeoutMs wins', async () => {
    server.script(POST_AGREEMENT, hang());
    const { client, lines } = faultClient(server, { timeoutMs: 5_000, totalTimeoutMs: 400 });

    const { error, elapsedMs } = await failure(() => client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect(server.count(POST_AGREEMENT)).toBe(1);
    expect(elapsedMs).toBeLessThan(400 + LATE_MS);
    expectNoLeaks(error, lines, server);
  });

  test('a long server wait that would cross the deadline is not started', async () => {
    server.script(GET_INSTITUTION, raw(A_RESENT_5XX, 'busy', 'text/plain', { 'Retry-After': '5' }));
    const { client, lines } = faultClient(server, { totalTimeoutMs: 1_000 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error.name).toBe('ServerException');
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeLessThan(LATE_MS);
    expectNoLeaks(error, lines, server);
  });

  test('the deadline holds while a token refresh after a 401 hangs', async () => {
    // The data call spends 400 ms on its 401, then the refresh never answers.
    const access = jwt('access');
    const refresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, delayed(400, expiredToken()));
    server.script(TOKEN_REFRESH, hang());
    const { client, lines } = faultClient(server, { accessToken: access, refreshToken: refresh, timeoutMs: 3_000, totalTimeoutMs: 700 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect(elapsedMs).toBeLessThan(700 + LATE_MS);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(server.count(TOKEN_REFRESH)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server, [access, refresh]);
    record('401 then refresh hangs, totalTimeoutMs 700', { class: error.name, requests: 2, elapsedMs, leaks: leaked });
  });
});

describe("the caller's AbortSignal", () => {
  test('mid-request: AbortedException at once, no further request', async () => {
    server.script(GET_INSTITUTION, hang());
    const { client, lines } = faultClient(server, { timeoutMs: 5_000 });
    const controller = new AbortController();
    abortAfterRequest(controller, GET_INSTITUTION, 100);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedException);
    expect((error as AbortedException).status).toBe(0);
    expect(elapsedMs).toBeLessThan(100 + LATE_MS);
    await pause(300);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('abort mid-request', { class: error.name, requests: 1, elapsedMs, leaks: leaked });
  });

  test('mid-body (the body trickles): AbortedException at once', async () => {
    server.script(GET_INSTITUTION, (context) => {
      context.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      context.res.write('{"id":"');
    });
    const { client, lines } = faultClient(server, { timeoutMs: 5_000 });
    const controller = new AbortController();
    abortAfterRequest(controller, GET_INSTITUTION, 100);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedException);
    expect(elapsedMs).toBeLessThan(100 + LATE_MS);
    await pause(200);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expectNoLeaks(error, lines, server);
  });

  test('mid-backoff (waiting out Retry-After: 5): AbortedException at once, no further request', async () => {
    server.script(GET_INSTITUTION, raw(A_RESENT_5XX, 'busy', 'text/plain', { 'Retry-After': '5' }), json(200, INSTITUTION));
    const { client, lines } = faultClient(server);
    const controller = new AbortController();
    abortAfterRequest(controller, GET_INSTITUTION, 150);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedException);
    expect(elapsedMs).toBeLessThan(150 + LATE_MS);
    await pause(300);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('abort mid-backoff', { class: error.name, requests: 1, elapsedMs, leaks: leaked });
  });

  test('already aborted: AbortedException, no request at all', async () => {
    server.script(GET_INSTITUTION, json(200, INSTITUTION));
    const { client, lines } = faultClient(server, { secretId: undefined, secretKey: undefined, accessToken: jwt('access') });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: AbortSignal.abort() }));

    expect(error).toBeInstanceOf(AbortedException);
    expect(server.count()).toBe(0);
    expectNoLeaks(error, lines, server);
  });

  test('while the token refresh after a 401 hangs: AbortedException at once, no replay', async () => {
    const access = jwt('access');
    const refresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, expiredToken());
    server.script(TOKEN_REFRESH, hang());
    const { client, lines } = faultClient(server, { accessToken: access, refreshToken: refresh, timeoutMs: 3_000 });
    const controller = new AbortController();
    abortAfterRequest(controller, TOKEN_REFRESH, 100);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedException);
    expect(elapsedMs).toBeLessThan(100 + LATE_MS);
    await pause(200);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    const leaked = expectNoLeaks(error, lines, server, [access, refresh]);
    record('abort during refresh after 401', { class: error.name, requests: 2, elapsedMs, leaks: leaked });
  });

  test('while the first token request hangs: AbortedException at once', async () => {
    server.script(TOKEN_NEW, hang());
    server.script(GET_INSTITUTION, json(200, INSTITUTION));
    const { client, lines } = faultClient(server, { timeoutMs: 5_000 });
    const controller = new AbortController();
    abortAfterRequest(controller, TOKEN_NEW, 100);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedException);
    expect(elapsedMs).toBeLessThan(100 + LATE_MS);
    expect(server.count(GET_INSTITUTION)).toBe(0);
    expectNoLeaks(error, lines, server);
  });
});
