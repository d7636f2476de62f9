/**
 * Client options an app plugs things into: its own fetch, extra headers and
 * User-Agent, rate-limit reporting (callback and `parseRateLimit` on a raw
 * response), and a logger.
 */
import { BankAccountDataClient, TimeoutException, parseRateLimit, type RateLimitContext, type RateLimitInfo } from '../src';
import { A_RESENT_5XX } from './helpers/resent-status';
import { FaultServer, TOKEN_NEW, exactly, hang, json, type Behaviour } from './faults/fault-server';
import {
  ACCOUNT_ID,
  INSTITUTION_ID,
  SECRET_ID,
  SECRET_KEY,
  clientWithAccessToken as clientWithToken,
  newClient as clientWithSecrets,
  rejectionOf,
  tokenPair,
} from './helpers';

const BALANCES = `/api/v2/accounts/${ACCOUNT_ID}/balances/`;
const GET_BALANCES = `GET ${BALANCES}`;
const balancesBody = { balances: [{ balanceAmount: { amount: '10.00', currency: 'EUR' }, balanceType: 'expected' }] };

/** A real loopback server: the options are checked on what actually travels, through the default transport or native fetch. */
let fault: FaultServer;
beforeAll(async () => {
  fault = await FaultServer.start();
});
beforeEach(() => fault.reset());
afterAll(() => fault.close());

const newClient: typeof clientWithSecrets = (options = {}) => clientWithSecrets({ baseUrl: fault.baseUrl, ...options });
const clientWithAccessToken: typeof clientWithToken = (options = {}) => clientWithToken({ baseUrl: fault.baseUrl, ...options });

/** The answer, byte for byte: a string as it is, with only `headers`; any other value as JSON. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return typeof body === 'string' ? exactly(status, body, headers) : json(status, body, headers);
}

describe('fetchApi: Node’s native fetch against a real loopback server', () => {
  it('globalThis.fetch plugs in: token obtained, data call sent with it, JSON parsed', async () => {
    const pair = tokenPair();
    const institutions = [{ id: INSTITUTION_ID, name: 'Sandbox Finance', countries: ['XX'], logo: 'https://cdn.example/logo.png' }];
    fault.script(TOKEN_NEW, json(200, pair));
    fault.script('GET /api/v2/institutions/', json(200, institutions));
    const client = new BankAccountDataClient({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      baseUrl: fault.baseUrl,
      fetchApi: globalThis.fetch,
      userAgent: 'native-fetch-test/1.0',
    });

    await expect(client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' })).resolves.toEqual(institutions);

    const received = fault.requests;
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v2/token/new/', 'GET /api/v2/institutions/?country=GB']);
    expect(JSON.parse(received[0].body)).toStrictEqual({ secret_id: SECRET_ID, secret_key: SECRET_KEY });
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].headers.authorization).toBeUndefined();
    expect(received[1].headers.authorization).toBe(`Bearer ${pair.access}`);
    expect(received[1].headers['user-agent']).toBe('native-fetch-test/1.0');
    expect(received[1].headers.accept).toBe('application/json');
  });

  it('errors and rate-limit headers come through native fetch the same way', async () => {
    fault.script(
      `GET /api/v2/accounts/${ACCOUNT_ID}/`,
      json(404, { summary: 'Not found.', detail: 'Not found.', status_code: 404 }, { HTTP_X_RATELIMIT_REMAINING: '99' }),
    );
    const seen: RateLimitInfo[] = [];
    const { client } = clientWithAccessToken({ fetchApi: globalThis.fetch, onRateLimit: (info) => seen.push(info) });

    const error = await rejectionOf(client.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID }));
    expect(error).toMatchObject({ name: 'NotFoundException', status: 404, message: '404 Not found. — Not found.' });
    expect((error as { headers: Record<string, string> }).headers.http_x_ratelimit_remaining).toBe('99');
    expect(seen).toEqual([{ limit: undefined, remaining: 99, resetSeconds: undefined }]);
  });

  it('the per-attempt timeout aborts a native fetch that hangs', async () => {
    fault.script(GET_BALANCES, hang());
    const { client } = clientWithAccessToken({ fetchApi: globalThis.fetch, timeoutMs: 50, maxRetries: 0 });
    const started = Date.now();
    const error = await rejectionOf(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID }));

    expect(error).toBeInstanceOf(TimeoutException);
    expect((error as TimeoutException).status).toBe(0);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe('headers and userAgent options', () => {
  it('are sent with every request, token requests included, next to the client’s own headers', async () => {
    const pair = tokenPair();
    fault.script(TOKEN_NEW, answer(200, pair));
    fault.script(GET_BALANCES, answer(200, balancesBody));
    const seen = fault.requests;
    const client = newClient({ userAgent: 'my-app/2.0 (+https://app.example.com)', headers: { 'X-Correlation-Id': 'corr-42', 'X-Tenant': 'acme' } });

    await expect(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })).resolves.toEqual(balancesBody);
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.headers['user-agent']).toBe('my-app/2.0 (+https://app.example.com)');
      expect(request.headers['x-correlation-id']).toBe('corr-42');
      expect(request.headers['x-tenant']).toBe('acme');
      expect(request.headers.accept).toBe('application/json');
    }
    expect(seen[1].headers.authorization).toBe(`Bearer ${pair.access}`);
  });

  it('a custom header cannot replace the bearer token of an authenticated call', async () => {
    fault.script(GET_BALANCES, answer(200, balancesBody));
    const seen = fault.requests;
    const { client, access } = clientWithAccessToken({ headers: { Authorization: 'Basic c29tZTpvbmU=' } });

    await client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID });
    expect(seen[0].headers.authorization).toBe(`Bearer ${access}`);
  });
});

describe('onRateLimit', () => {
  type Report = [RateLimitInfo, RateLimitContext];

  it('is called with the HTTP_X_RATELIMIT_* headers parsed, account window included, and the request', async () => {
    fault.script(
      GET_BALANCES,
      answer(200, balancesBody, {
        HTTP_X_RATELIMIT_LIMIT: '100',
        HTTP_X_RATELIMIT_REMAINING: '99',
        HTTP_X_RATELIMIT_RESET: '60',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: '4',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '3',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '86400',
      }),
    );
    const reports: Report[] = [];
    const { client } = clientWithAccessToken({ onRateLimit: (info, context) => reports.push([info, context]) });

    await client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID });
    expect(reports).toEqual([
      [
        { limit: 100, remaining: 99, resetSeconds: 60, account: { limit: 4, remaining: 3, resetSeconds: 86400 } },
        { method: 'GET', path: BALANCES, status: 200 },
      ],
    ]);
  });

  it('accepts the dashed x-ratelimit-* spelling too', async () => {
    fault.script(
      'GET /api/v2/institutions/',
      answer(200, [], {
        'X-RateLimit-Limit': '50',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '12',
        'x-ratelimit-account-success-limit': '10',
        'x-ratelimit-account-success-remaining': '9',
        'x-ratelimit-account-success-reset': '3600',
      }),
    );
    const reports: Report[] = [];
    const { client } = clientWithAccessToken({ onRateLimit: (info, context) => reports.push([info, context]) });

    await client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });
    expect(reports).toEqual([
      [
        { limit: 50, remaining: 0, resetSeconds: 12, account: { limit: 10, remaining: 9, resetSeconds: 3600 } },
        { method: 'GET', path: '/api/v2/institutions/?country=GB', status: 200 },
      ],
    ]);
  });

  it('is called for error responses too, and not at all for responses without rate-limit headers', async () => {
    fault.script(
      GET_BALANCES,
      answer(200, balancesBody),
      answer(429, '{"summary":"Rate limit exceeded","detail":"x","status_code":429}', { HTTP_X_RATELIMIT_REMAINING: '0', HTTP_X_RATELIMIT_RESET: '30' }),
    );
    const reports: Report[] = [];
    const { client } = clientWithAccessToken({ maxRetries: 0, onRateLimit: (info, context) => reports.push([info, context]) });

    await client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID });
    expect(reports).toEqual([]);
    await expect(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });
    expect(reports).toEqual([
      [
        { limit: undefined, remaining: 0, resetSeconds: 30 },
        { method: 'GET', path: BALANCES, status: 429 },
      ],
    ]);
  });

  it('a callback that throws neither fails a good call nor hides the error of a bad one; it becomes a process warning', async () => {
    fault.script(
      GET_BALANCES,
      answer(200, balancesBody, { HTTP_X_RATELIMIT_REMAINING: '5' }),
      answer(404, '{"summary":"Not found.","detail":"Not found.","status_code":404}', { HTTP_X_RATELIMIT_REMAINING: '4' }),
    );
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const { client } = clientWithAccessToken({
        maxRetries: 0,
        onRateLimit: () => {
          throw new Error('metrics backend down');
        },
        logger: {
          debug: () => {
            throw new Error('log sink full');
          },
          info: () => {},
          warn: () => {},
          error: () => {},
        },
      });

      await expect(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })).resolves.toEqual(balancesBody);
      await expect(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })).rejects.toMatchObject({ name: 'NotFoundException', status: 404 });
      const warnings = emitWarning.mock.calls.map(([warning]) => String(warning));
      expect(warnings.filter((w) => w.includes('onRateLimit callback threw: metrics backend down'))).toHaveLength(2);
      expect(warnings.filter((w) => w.includes('logger callback threw: log sink full'))).toHaveLength(2);
    } finally {
      emitWarning.mockRestore();
    }
  });
});

describe('parseRateLimit on the raw response of a *Raw method', () => {
  it('reads the rate-limit headers of res.raw, while res.value() still gives the body', async () => {
    fault.script(
      GET_BALANCES,
      answer(200, balancesBody, {
        HTTP_X_RATELIMIT_LIMIT: '100',
        HTTP_X_RATELIMIT_REMAINING: '42',
        HTTP_X_RATELIMIT_RESET: '7',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: '4',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '1',
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '40000',
      }),
    );
    const { client } = clientWithAccessToken();

    const res = await client.accounts.retrieveAccountBalancesRaw({ id: ACCOUNT_ID });
    expect(res.raw.status).toBe(200);
    expect(parseRateLimit(res.raw.headers)).toEqual({ limit: 100, remaining: 42, resetSeconds: 7, account: { limit: 4, remaining: 1, resetSeconds: 40000 } });
    await expect(res.value()).resolves.toEqual(balancesBody);
  });

  it('returns undefined when the response has no rate-limit headers, and ignores values that are not numbers', async () => {
    fault.script(GET_BALANCES, answer(200, balancesBody), answer(200, balancesBody, { HTTP_X_RATELIMIT_LIMIT: 'lots', HTTP_X_RATELIMIT_REMAINING: '-1' }));
    const { client } = clientWithAccessToken();

    const plain = await client.accounts.retrieveAccountBalancesRaw({ id: ACCOUNT_ID });
    expect(parseRateLimit(plain.raw.headers)).toBeUndefined();
    const junk = await client.accounts.retrieveAccountBalancesRaw({ id: ACCOUNT_ID });
    expect(parseRateLimit(junk.raw.headers)).toBeUndefined();
  });
});

describe('logger', () => {
  it('gets one debug line per attempt and one warn line per retry, with no token or secret in them', async () => {
    const pair = tokenPair();
    fault.script(TOKEN_NEW, answer(200, pair));
    fault.script(GET_BALANCES, answer(A_RESENT_5XX, ''), answer(200, balancesBody));
    const lines: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push([level, message, fields]);
    const client = newClient({ logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } });

    await expect(client.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })).resolves.toEqual(balancesBody);

    expect(lines.map(([level, message, fields]) => `${level} ${message} ${String(fields?.method)} ${String(fields?.path)} ${String(fields?.status)}`)).toEqual([
      'debug gocardless-bankaccountdata request POST /api/v2/token/new/ 200',
      `debug gocardless-bankaccountdata request GET ${BALANCES} ${A_RESENT_5XX}`,
      `warn gocardless-bankaccountdata retry GET ${BALANCES} ${A_RESENT_5XX}`,
      `debug gocardless-bankaccountdata request GET ${BALANCES} 200`,
    ]);
    const text = JSON.stringify(lines);
    for (const secret of [pair.access, pair.refresh, SECRET_KEY]) expect(text).not.toContain(secret);
  });
});
