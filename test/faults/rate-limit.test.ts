/**
 * Server-given waits (Retry-After in seconds or as an HTTP date, the rate-limit
 * reset headers of every family) are honoured; a wait beyond maxRetryWaitMs
 * fails the call at once with the 429 exception carrying retryAfterSeconds and
 * the parsed rateLimit; onRateLimit sees every response.
 */
import { RateLimitException, ServerException, parseRateLimit, type RateLimitInfo } from '../../src';
import type { RateLimitContext } from '../../src/configuration';
import { A_RESENT_5XX, RESENT_5XX } from '../helpers/resent-status';
import { json, raw } from './fault-server';
import {
  ACCOUNT_ID,
  GET_BALANCES,
  GET_INSTITUTION,
  INSTITUTION,
  INSTITUTION_ID,
  POST_AGREEMENT,
  expectNoLeaks,
  failure,
  faultClient,
  record,
  timed,
  server,
  useFaultServer,
} from './helpers';

const BALANCES = { balances: [{ balanceAmount: { amount: '657.49', currency: 'EUR' }, balanceType: 'interimAvailable' }] };
const RATE_LIMITED = { summary: 'Rate limit exceeded', detail: 'Please try again later', status_code: 429 };

const general = (limit: number, remaining: number, reset: number) => ({
  HTTP_X_RATELIMIT_LIMIT: String(limit),
  HTTP_X_RATELIMIT_REMAINING: String(remaining),
  HTTP_X_RATELIMIT_RESET: String(reset),
});
const account = (limit: number, remaining: number, reset: number) => ({
  HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: String(limit),
  HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: String(remaining),
  HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: String(reset),
});
const dashed = (limit: number, remaining: number, reset: number) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(reset),
});

useFaultServer();

/** Milliseconds between the arrival of the first and the second request of a route. */
function gap(route: string): number {
  const [first, second] = server.seen(route);
  return second.at - first.at;
}

function recorder(): { calls: Array<[RateLimitInfo, RateLimitContext]>; onRateLimit: (info: RateLimitInfo, context: RateLimitContext) => void } {
  const calls: Array<[RateLimitInfo, RateLimitContext]> = [];
  return { calls, onRateLimit: (info, context) => calls.push([info, context]) };
}

describe('a short wait is sat out, then the call is retried', () => {
  test('429 with HTTP_X_RATELIMIT_* (remaining 0, reset 1) → retried after ≥ 1 s; onRateLimit per response', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, general(100, 0, 1)), json(200, INSTITUTION, general(100, 99, 60)));
    const { calls, onRateLimit } = recorder();
    const { client, lines } = faultClient(server, { onRateLimit, retryBaseDelayMs: 1, retryMaxDelayMs: 1 });

    const { value } = await timed(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(value).toEqual(INSTITUTION);
    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(gap(GET_INSTITUTION)).toBeGreaterThanOrEqual(950);
    expect(gap(GET_INSTITUTION)).toBeLessThan(1_000 + 700);
    const path = `/api/v2/institutions/${INSTITUTION_ID}/`;
    expect(calls).toEqual([
      [
        { limit: 100, remaining: 0, resetSeconds: 1 },
        { method: 'GET', path, status: 429 },
      ],
      [
        { limit: 100, remaining: 99, resetSeconds: 60 },
        { method: 'GET', path, status: 200 },
      ],
    ]);
    expectNoLeaks(undefined, lines, server);
    record('429 HTTP_X_RATELIMIT_* reset 1', { result: 'ok', requests: 2, waitMs: gap(GET_INSTITUTION), onRateLimitCalls: calls.length, leaks: 0 });
  });

  test('429 with HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_* (remaining 0, reset 1) on an account endpoint → retried after ≥ 1 s', async () => {
    server.script(
      GET_BALANCES,
      json(429, RATE_LIMITED, { ...general(100, 97, 3_600), ...account(4, 0, 1) }),
      json(200, BALANCES, { ...general(100, 96, 3_599), ...account(4, 3, 86_400) }),
    );
    const { calls, onRateLimit } = recorder();
    const { client, lines } = faultClient(server, { onRateLimit });

    const balances = await client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID });

    expect(balances).toEqual(BALANCES);
    expect(server.count(GET_BALANCES)).toBe(2);
    // The account window is the spent one: its 1 s reset is waited, not the general window's hour.
    expect(gap(GET_BALANCES)).toBeGreaterThanOrEqual(950);
    expect(gap(GET_BALANCES)).toBeLessThan(1_000 + 700);
    expect(calls.map(([info]) => info)).toEqual([
      { limit: 100, remaining: 97, resetSeconds: 3_600, account: { limit: 4, remaining: 0, resetSeconds: 1 } },
      { limit: 100, remaining: 96, resetSeconds: 3_599, account: { limit: 4, remaining: 3, resetSeconds: 86_400 } },
    ]);
    expectNoLeaks(undefined, lines, server);
    record('429 ACCOUNT_SUCCESS_* reset 1', { result: 'ok', requests: 2, waitMs: gap(GET_BALANCES), leaks: 0 });
  });

  test('429 with dashed x-ratelimit-* (reset 1) → retried after ≥ 1 s', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, dashed(10, 0, 1)), json(200, INSTITUTION, dashed(10, 9, 60)));
    const { calls, onRateLimit } = recorder();
    const { client, lines } = faultClient(server, { onRateLimit });

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(gap(GET_INSTITUTION)).toBeGreaterThanOrEqual(950);
    expect(calls.map(([info]) => info)).toEqual([
      { limit: 10, remaining: 0, resetSeconds: 1 },
      { limit: 10, remaining: 9, resetSeconds: 60 },
    ]);
    expectNoLeaks(undefined, lines, server);
    record('429 x-ratelimit-* reset 1', { result: 'ok', requests: 2, waitMs: gap(GET_INSTITUTION), leaks: 0 });
  });

  test('429 with Retry-After: 1 (seconds) → retried after ≥ 1 s', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, { 'Retry-After': '1' }), json(200, INSTITUTION));
    const { client, lines } = faultClient(server);

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(gap(GET_INSTITUTION)).toBeGreaterThanOrEqual(950);
    expect(gap(GET_INSTITUTION)).toBeLessThan(1_000 + 700);
    expectNoLeaks(undefined, lines, server);
    record('429 Retry-After: 1', { result: 'ok', requests: 2, waitMs: gap(GET_INSTITUTION), leaks: 0 });
  });

  test('429 with Retry-After as an HTTP date → retried no earlier than that date', async () => {
    let retryAt = 0;
    server.script(
      GET_INSTITUTION,
      (context) => {
        // Whole seconds (HTTP dates have no more): 1-2 s from now.
        retryAt = (Math.floor(Date.now() / 1000) + 2) * 1000;
        json(429, RATE_LIMITED, { 'Retry-After': new Date(retryAt).toUTCString() })(context);
      },
      json(200, INSTITUTION),
    );
    const { client, lines } = faultClient(server);

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(server.count(GET_INSTITUTION)).toBe(2);
    const [, second] = server.seen(GET_INSTITUTION);
    expect(second.at).toBeGreaterThanOrEqual(retryAt - 50);
    expect(second.at).toBeLessThan(retryAt + 700);
    expectNoLeaks(undefined, lines, server);
    record('429 Retry-After: <HTTP date>', { result: 'ok', requests: 2, waitMs: gap(GET_INSTITUTION), earlyMs: Math.max(0, retryAt - second.at), leaks: 0 });
  });

  test.each(RESENT_5XX)('%i with Retry-After: 1 → retried after ≥ 1 s', async (status) => {
    server.script(GET_INSTITUTION, raw(status, '<html><body>maintenance</body></html>', 'text/html', { 'Retry-After': '1' }), json(200, INSTITUTION));
    const { client, lines } = faultClient(server);

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(gap(GET_INSTITUTION)).toBeGreaterThanOrEqual(950);
    expect(gap(GET_INSTITUTION)).toBeLessThan(1_000 + 700);
    expectNoLeaks(undefined, lines, server);
    record(`${status} Retry-After: 1`, { result: 'ok', requests: 2, waitMs: gap(GET_INSTITUTION), leaks: 0 });
  });

  test('POST 429 with Retry-After: 1 → retried after ≥ 1 s', async () => {
    const agreement = { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', institution_id: INSTITUTION_ID };
    server.script(POST_AGREEMENT, json(429, RATE_LIMITED, { 'Retry-After': '1' }), json(201, agreement));
    const { client, lines } = faultClient(server);

    await expect(client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } })).resolves.toEqual(agreement);

    expect(server.count(POST_AGREEMENT)).toBe(2);
    expect(gap(POST_AGREEMENT)).toBeGreaterThanOrEqual(950);
    expectNoLeaks(undefined, lines, server);
    record('POST 429 Retry-After: 1', { result: 'ok', requests: 2, waitMs: gap(POST_AGREEMENT), leaks: 0 });
  });
});

describe('a wait beyond maxRetryWaitMs fails the call at once', () => {
  test('account limit spent for a day (reset 86400) → RateLimitException at once, 1 request', async () => {
    server.script(GET_BALANCES, json(429, RATE_LIMITED, { ...general(100, 98, 60), ...account(4, 0, 86_400) }));
    const { calls, onRateLimit } = recorder();
    const { client, lines } = faultClient(server, { onRateLimit });

    const { error, elapsedMs } = await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));

    expect(error).toBeInstanceOf(RateLimitException);
    const e = error as RateLimitException;
    expect(e.status).toBe(429);
    expect(e.retryAfterSeconds).toBe(86_400);
    expect(e.rateLimit).toEqual({ limit: 100, remaining: 98, resetSeconds: 60, account: { limit: 4, remaining: 0, resetSeconds: 86_400 } });
    expect(e.summary).toBe('Rate limit exceeded');
    expect(server.count(GET_BALANCES)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    expect(calls).toHaveLength(1);
    const leaked = expectNoLeaks(error, lines, server);
    record('429 ACCOUNT_SUCCESS reset 86400', { class: e.name, requests: 1, elapsedMs, retryAfterSeconds: e.retryAfterSeconds, leaks: leaked });
  });

  test('general limit spent for a day (HTTP_X_RATELIMIT_RESET 86400) → RateLimitException at once', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, general(100, 0, 86_400)));
    const { client, lines } = faultClient(server);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(RateLimitException);
    expect((error as RateLimitException).retryAfterSeconds).toBe(86_400);
    expect((error as RateLimitException).rateLimit).toEqual({ limit: 100, remaining: 0, resetSeconds: 86_400 });
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    const leaked = expectNoLeaks(error, lines, server);
    record('429 HTTP_X_RATELIMIT reset 86400', { class: error.name, requests: 1, elapsedMs, leaks: leaked });
  });

  test('dashed x-ratelimit-reset 86400 on POST → RateLimitException at once', async () => {
    server.script(POST_AGREEMENT, json(429, RATE_LIMITED, dashed(10, 0, 86_400)));
    const { client, lines } = faultClient(server);

    const { error, elapsedMs } = await failure(() => client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } }));

    expect(error).toBeInstanceOf(RateLimitException);
    expect((error as RateLimitException).retryAfterSeconds).toBe(86_400);
    expect((error as RateLimitException).rateLimit).toEqual({ limit: 10, remaining: 0, resetSeconds: 86_400 });
    expect(server.count(POST_AGREEMENT)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    expectNoLeaks(error, lines, server);
  });

  test('Retry-After: 86400 → RateLimitException at once', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, { 'Retry-After': '86400' }));
    const { client, lines } = faultClient(server);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(RateLimitException);
    expect((error as RateLimitException).retryAfterSeconds).toBe(86_400);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    expectNoLeaks(error, lines, server);
  });

  test('Retry-After: 2 with maxRetryWaitMs 1000 → RateLimitException at once', async () => {
    server.script(GET_INSTITUTION, json(429, RATE_LIMITED, { 'Retry-After': '2' }));
    const { client, lines } = faultClient(server, { maxRetryWaitMs: 1_000 });

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(RateLimitException);
    expect((error as RateLimitException).retryAfterSeconds).toBe(2);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    expectNoLeaks(error, lines, server);
  });

  test(`${A_RESENT_5XX} with Retry-After: 3600 → ServerException at once`, async () => {
    server.script(GET_INSTITUTION, raw(A_RESENT_5XX, 'down for maintenance', 'text/plain', { 'Retry-After': '3600' }));
    const { client, lines } = faultClient(server);

    const { error, elapsedMs } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(ServerException);
    expect((error as ServerException).retryAfterSeconds).toBe(3_600);
    expect(server.count(GET_INSTITUTION)).toBe(1);
    expect(elapsedMs).toBeLessThan(500);
    expectNoLeaks(error, lines, server);
  });
});

describe('rate-limit headers are readable everywhere', () => {
  test('onRateLimit is called after every response, errors included, with its context', async () => {
    server.script(
      GET_INSTITUTION,
      raw(500, 'oops', 'text/plain', general(100, 42, 30)),
      json(429, RATE_LIMITED, { ...dashed(100, 0, 0) }),
      json(200, INSTITUTION, general(100, 40, 28)),
    );
    const { calls, onRateLimit } = recorder();
    const { client } = faultClient(server, { onRateLimit, maxRetries: 3 });

    await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });

    expect(server.count(GET_INSTITUTION)).toBe(3);
    expect(calls.map(([info, context]) => [info, context.status])).toEqual([
      [{ limit: 100, remaining: 42, resetSeconds: 30 }, 500],
      [{ limit: 100, remaining: 0, resetSeconds: 0 }, 429],
      [{ limit: 100, remaining: 40, resetSeconds: 28 }, 200],
    ]);
    record('onRateLimit per response', { requests: 3, onRateLimitCalls: calls.length, leaks: 0 });
  });

  test('parseRateLimit reads the headers of a raw response', async () => {
    server.script(GET_BALANCES, json(200, BALANCES, { ...general(100, 12, 34), ...account(4, 1, 5_000) }));
    const { client } = faultClient(server);

    const response = await client.accounts.retrieveAccountBalancesRaw({ id: ACCOUNT_ID });

    expect(parseRateLimit(response.raw.headers)).toEqual({
      limit: 100,
      remaining: 12,
      resetSeconds: 34,
      account: { limit: 4, remaining: 1, resetSeconds: 5_000 },
    });
    await expect(response.value()).resolves.toEqual(BALANCES);
  });

  test('garbage rate-limit values are ignored, not fatal', async () => {
    server.script(
      GET_INSTITUTION,
      json(429, RATE_LIMITED, { HTTP_X_RATELIMIT_LIMIT: 'lots', HTTP_X_RATELIMIT_REMAINING: '-3', HTTP_X_RATELIMIT_RESET: 'soon', 'Retry-After': 'whenever' }),
      json(200, INSTITUTION),
    );
    const { calls, onRateLimit } = recorder();
    const { client } = faultClient(server, { onRateLimit });

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);
    expect(server.count(GET_INSTITUTION)).toBe(2);
    expect(calls).toEqual([]);
  });
});
