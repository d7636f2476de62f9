/**
 * The retry rules the error catalogue adds (src/retry.ts): a bank's failure on
 * an account endpoint is not retried unless the app opts in; only InvalidToken
 * (or a 401 the catalogue does not know) renews the token. Pure tables first,
 * then the behaviour through the client against a loopback server.
 */
import { ApiException, type ClientOptions } from '../../src';
import { abortedException, attemptTimeoutException, connectionException, deadlineException, invalidResponseException } from '../../src/errors';
import { decideRetry, shouldRenewAndReplay, type AttemptOutcome, type RetryDecision } from '../../src/retry';
import { TOKEN_NEW, TOKEN_REFRESH, json, jwt } from './fault-server';
import { ACCOUNT_ID, GET_BALANCES, GET_INSTITUTION, INSTITUTION_ID, faultClient, failure, server, useFaultServer } from './helpers';

const POLICY = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryWaitMs: 60_000 };
const NOW = 1_000_000;
const ACCOUNT = '/api/v2/accounts/7e944232-bda9-40bc-b784-660c7ab5fe78/balances/';

function ask(outcome: AttemptOutcome, path: string, retryInstitutionErrors?: boolean, method = 'GET'): RetryDecision {
  return decideRetry({ method, path, outcome, attempt: 0, policy: { ...POLICY, retryInstitutionErrors }, now: NOW, deadline: NOW + 120_000, random: () => 0 });
}
const status = (code: number, errorCode?: string): AttemptOutcome => ({ kind: 'status', status: code, code: errorCode });

describe('decideRetry: bank failures on account endpoints', () => {
  const cases: Array<[string, AttemptOutcome, string, boolean | undefined, boolean | string]> = [
    ['UnknownRequestError on an account endpoint', status(500, 'UnknownRequestError'), ACCOUNT, undefined, 'institution error'],
    ['ServiceError on an account endpoint', status(503, 'ServiceError'), ACCOUNT, undefined, 'institution error'],
    ['ConnectionError on an account endpoint', status(503, 'ConnectionError'), ACCOUNT, false, 'institution error'],
    ['…with retryInstitutionErrors: retried like any 5xx', status(503, 'ConnectionError'), ACCOUNT, true, true],
    ["a 503 without a type on an account endpoint (GoCardless's edge): retried", status(503), ACCOUNT, undefined, true],
    ['an unknown type on an account endpoint: retried as its status says', status(503, 'SomethingNew'), ACCOUNT, undefined, true],
    ['ServiceError on another endpoint: retried as its status says', status(503, 'ServiceError'), '/api/v2/institutions/X/', undefined, true],
    ['RateLimitError on an account endpoint: retried (limits follow maxRetryWaitMs)', status(429, 'RateLimitError'), ACCOUNT, undefined, true],
  ];
  it.each(cases)('%s', (_name, outcome, path, optIn, expected) => {
    const decision = ask(outcome, path, optIn);
    expect(decision.retry ? true : decision.reason).toBe(expected);
  });
});

describe('shouldRenewAndReplay: only a refused token is cured by a new one', () => {
  const base = { sentToken: 'eyJ.token', replayed: false, canRenew: true };
  it.each([
    ['InvalidToken', { status: 401, code: 'InvalidToken' }, true],
    ['a 401 the catalogue does not know', { status: 401, code: undefined }, true],
    ['EUAExpiredError', { status: 401, code: 'EUAExpiredError' }, false],
    ['AccessExpiredError', { status: 401, code: 'AccessExpiredError' }, false],
    ['AccountInactiveError', { status: 401, code: 'AccountInactiveError' }, false],
    ['AuthenticationFailed', { status: 401, code: 'AuthenticationFailed' }, false],
    ['an unknown type on a 401', { status: 401, code: 'SomethingNew' }, false],
  ])('%s → %s', (_name, failure, expected) => {
    expect(shouldRenewAndReplay({ ...base, failure })).toBe(expected);
  });
});

describe('retryable when no response arrived', () => {
  const call = { method: 'GET', path: ACCOUNT, redact: (t: string) => t };
  it.each([
    ['a failed connection', () => connectionException(call, Object.assign(new Error('reset'), { code: 'ECONNRESET' })), true],
    ['an attempt timeout', () => attemptTimeoutException(call, 10), true],
    ['the deadline', () => deadlineException(call, 10), true],
    ['an abort', () => abortedException(call), false],
    ['a 2xx that is not JSON', () => invalidResponseException(call, { status: 200, headers: {}, body: '<html>' }, 'not JSON'), false],
  ])('%s → retryable %s, no code, reconnectRequired false', (_name, make, retryable) => {
    const error = make();
    expect(error).toBeInstanceOf(ApiException);
    expect({ code: error.code, retryable: error.retryable, reconnectRequired: error.reconnectRequired }).toEqual({
      code: undefined,
      retryable,
      reconnectRequired: false,
    });
    expect(error.toJSON()).toMatchObject({ retryable, reconnectRequired: false });
  });
});

describe('through the client', () => {
  useFaultServer();
  const tokenHeld: Partial<ClientOptions> = { accessToken: jwt('access'), refreshToken: jwt('refresh', 2_592_000) };
  const bank = (type: string, st = 503) => json(st, { summary: "Couldn't update account balances", detail: 'd', type, status_code: st });

  it('ServiceError on an account endpoint: one request, no retry', async () => {
    server.script(GET_BALANCES, bank('ServiceError'));
    const { client } = faultClient(server, tokenHeld);
    const { error } = await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));
    expect(error).toMatchObject({ status: 503, code: 'ServiceError', retryable: true, reconnectRequired: false });
    expect(server.count(GET_BALANCES)).toBe(1);
  });

  it('retryInstitutionErrors: true retries it like any 5xx (1 + maxRetries requests)', async () => {
    server.script(GET_BALANCES, bank('ConnectionError'));
    const { client } = faultClient(server, { ...tokenHeld, retryInstitutionErrors: true, maxRetries: 2 });
    await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));
    expect(server.count(GET_BALANCES)).toBe(3);
  });

  it("a 503 without a type keeps today's policy: retried", async () => {
    server.script(GET_BALANCES, json(503, { summary: 'Service unavailable', detail: 'edge', status_code: 503 }));
    const { client } = faultClient(server, { ...tokenHeld, maxRetries: 2 });
    await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));
    expect(server.count(GET_BALANCES)).toBe(3);
  });

  it('RateLimitError is not waited on past maxRetryWaitMs: one request, retryAfterSeconds from the account reset', async () => {
    server.script(
      GET_BALANCES,
      json(
        429,
        { summary: "Couldn't update account balances", detail: 'd', type: 'RateLimitError', status_code: 429 },
        {
          HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: '4',
          HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '0',
          HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '86400',
        },
      ),
    );
    const { client } = faultClient(server, { ...tokenHeld, maxRetryWaitMs: 60_000 });
    const { error, elapsedMs } = await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));
    expect(error).toMatchObject({ code: 'RateLimitError', retryable: true, retryAfterSeconds: 86_400 });
    expect(server.count(GET_BALANCES)).toBe(1);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('a 401 EUAExpiredError fails at once: no token request, no replay', async () => {
    server.script(
      GET_BALANCES,
      json(401, { summary: 'End User Agreement (EUA) 5d7a3c1e-8b2f-4e6a-9c41-2f0b7d9e6a13 has expired', detail: 'd', status_code: 401 }),
    );
    const { client } = faultClient(server, tokenHeld);
    const { error } = await failure(() => client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));
    expect(error).toMatchObject({ status: 401, code: 'EUAExpiredError', reconnectRequired: true, retryable: false });
    expect([server.count(GET_BALANCES), server.count(TOKEN_NEW) + server.count(TOKEN_REFRESH)]).toEqual([1, 0]);
  });

  it('a 401 InvalidToken renews once and replays once', async () => {
    server.script(
      GET_INSTITUTION,
      json(401, { summary: 'Invalid token', detail: 'Token is invalid or expired', status_code: 401 }),
      json(200, { id: 'X', name: 'X', countries: [], logo: 'x' }),
    );
    const { client } = faultClient(server, tokenHeld);
    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toMatchObject({ id: 'X' });
    expect([server.count(GET_INSTITUTION), server.count(TOKEN_NEW) + server.count(TOKEN_REFRESH)]).toEqual([2, 1]);
  });
});
