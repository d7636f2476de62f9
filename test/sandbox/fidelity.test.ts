/**
 * What real clients send and read, answered as the API answers it: paths
 * without their trailing slash, integers as strings, form-encoded bodies,
 * lower-case rate-limit header names, the error texts apps match on,
 * `user_language` as sent, and our OpenAPI document at /api/v2/swagger.json.
 */
import http from 'node:http';
import { classifyError, parseRateLimit } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { readSpec } from '../../scripts/lib/spec';
import { accessToken, DAY_MS, http as plainHttp, linkAccounts, SANDBOX_BANK, startSandbox, testClock, type Call } from './helpers';

let sandbox: SandboxServer;
let call: Call;
let token: string;
const clock = testClock();

beforeEach(async () => {
  sandbox = await startSandbox({ now: clock.now });
  call = plainHttp(sandbox);
  token = await accessToken(sandbox, call);
});
afterEach(() => sandbox.close());

/** A request whose answer keeps its raw header names, as PHP's and Python's clients see them. */
function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; rawNames: string[]; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${sandbox.url}${path}`, { method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, rawNames: res.rawHeaders.filter((_, i) => i % 2 === 0), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('paths without their trailing slash', () => {
  it('redirects GET, HEAD and DELETE to the slashed route with 301, keeping the query', async () => {
    const { accounts, requisition } = await linkAccounts(sandbox, call, token);
    const auth = { Authorization: `Bearer ${token}` };
    for (const [method, path] of [
      ['GET', `/api/v2/accounts/${accounts[0]}/details`],
      ['GET', `/api/v2/accounts/${accounts[0]}/transactions?date_from=2024-03-01&date_to=2024-03-10`],
      ['GET', '/api/v2/institutions?country=LV'],
      ['GET', `/api/v2/accounts/${accounts[0]}`],
      ['HEAD', `/api/v2/agreements/enduser/${requisition.agreement}`],
      ['DELETE', `/api/v2/requisitions/${requisition.id}`],
    ]) {
      const answer = await raw(path, auth, method);
      const [pathname, query] = path.split('?');
      expect([method, path, answer.status, answer.headers.location]).toEqual([method, path, 301, `${pathname}/${query ? `?${query}` : ''}`]);
    }
    // Nothing was done: the DELETE only redirected.
    expect((await call('GET', `/api/v2/requisitions/${requisition.id}/`, { token })).status).toBe(200);
  });

  it('is followed by fetch to the answer of the slashed path', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token);
    const followed = await fetch(`${sandbox.url}/api/v2/accounts/${accounts[0]}/balances`, { headers: { Authorization: `Bearer ${token}` } });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${sandbox.url}/api/v2/accounts/${accounts[0]}/balances/`);
    expect((await followed.json()).balances.length).toBeGreaterThan(0);
  });

  it('answers HEAD as GET without a body', async () => {
    const answer = await raw('/api/v2/institutions/?country=GB', { Authorization: `Bearer ${token}` }, 'HEAD');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(100);
  });

  it('is a 404 where the slashed path is no route', async () => {
    expect((await raw('/api/v2/nothing', {})).status).toBe(404);
    expect((await raw('/api/v2/accounts/x/nothing', {})).status).toBe(404);
  });
});

describe('bodies as clients send them', () => {
  it('accepts integers written as strings, and refuses other strings naming the field', async () => {
    const created = await call('POST', '/api/v2/agreements/enduser/', {
      token,
      body: { institution_id: SANDBOX_BANK, max_historical_days: '30', access_valid_for_days: ' 60 ' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ max_historical_days: 30, access_valid_for_days: 60 });
    const refused = await call('POST', '/api/v2/agreements/enduser/', { token, body: { institution_id: SANDBOX_BANK, max_historical_days: '30 days' } });
    expect(refused.status).toBe(400);
    expect(refused.body.max_historical_days.summary).toBe('A valid integer is required.');
  });

  it('accepts form-encoded bodies wherever JSON is, a repeated key making a list', async () => {
    const post = (path: string, form: URLSearchParams, auth = true) =>
      fetch(`${sandbox.url}${path}`, { method: 'POST', body: form, headers: auth ? { Authorization: `Bearer ${token}` } : {} }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    const pair = await post(
      '/api/v2/token/new/',
      new URLSearchParams({ secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey }),
      false,
    );
    expect(pair.status).toBe(200);
    expect(typeof pair.body.access).toBe('string');

    const form = new URLSearchParams([
      ['institution_id', SANDBOX_BANK],
      ['max_historical_days', '90'],
      ['access_scope', 'balances'],
      ['access_scope', 'details'],
    ]);
    const agreement = await post('/api/v2/agreements/enduser/', form);
    expect(agreement.status).toBe(201);
    expect(agreement.body).toMatchObject({ max_historical_days: 90, access_scope: ['balances', 'details'] });

    const single = await post('/api/v2/agreements/enduser/', new URLSearchParams({ institution_id: SANDBOX_BANK, access_scope: 'transactions' }));
    expect(single.body.access_scope).toEqual(['transactions']);

    const requisition = await post(
      '/api/v2/requisitions/',
      new URLSearchParams({ redirect: 'https://app.example/cb', institution_id: SANDBOX_BANK, agreement: agreement.body.id, account_selection: 'false' }),
    );
    expect(requisition.status).toBe(201);
    expect(requisition.body).toMatchObject({ agreement: agreement.body.id, account_selection: false });
  });

  it('echoes user_language as sent', async () => {
    const created = await call('POST', '/api/v2/requisitions/', {
      token,
      body: { redirect: 'https://app.example/cb', institution_id: SANDBOX_BANK, user_language: 'lv' },
    });
    expect(created.body.user_language).toBe('lv');
    expect((await call('GET', `/api/v2/requisitions/${created.body.id}/`, { token })).body.user_language).toBe('lv');
  });
});

describe('what apps read', () => {
  it('sends the rate-limit headers with lower-case names, which the client still parses', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token);
    const answer = await raw(`/api/v2/accounts/${accounts[0]}/details/`, { Authorization: `Bearer ${token}` });
    const names = answer.rawNames.filter((name) => /ratelimit/i.test(name));
    expect(names.sort()).toEqual(
      [
        'http_x_ratelimit_account_success_limit',
        'http_x_ratelimit_account_success_remaining',
        'http_x_ratelimit_account_success_reset',
        'http_x_ratelimit_limit',
        'http_x_ratelimit_remaining',
        'http_x_ratelimit_reset',
      ].sort(),
    );
    const response = await fetch(`${sandbox.url}/api/v2/accounts/${accounts[0]}/details/`, { headers: { Authorization: `Bearer ${token}` } });
    expect(parseRateLimit(response.headers)).toMatchObject({ limit: 1000, account: { limit: 4, remaining: 2 } });
  });

  it('words an expired agreement, an invalid token and a 429 as the published examples do, and the client classifies them', async () => {
    const { accounts } = await linkAccounts(sandbox, call, token);
    clock.advance(91 * DAY_MS);
    const freshToken = await accessToken(sandbox, call);
    const expired = await call('GET', `/api/v2/accounts/${accounts[0]}/details/`, { token: freshToken });
    expect(expired.status).toBe(401);
    const expiredOn = new Date(clock.value - DAY_MS).toISOString().slice(0, 10);
    expect(expired.body.detail).toMatch(new RegExp(`^EUA was valid for 90 days and it expired at ${expiredOn}\\.`));
    expect(classifyError(401, expired.body).code).toBe('EUAExpiredError');

    const invalid = await call('GET', '/api/v2/requisitions/', { token: 'not-a-token' });
    expect(invalid.body.summary).toBe('Invalid token');
    expect(classifyError(401, invalid.body).code).toBe('InvalidToken');

    const { accounts: fresh } = await linkAccounts(sandbox, call, freshToken);
    for (let i = 0; i < 4; i++) await call('GET', `/api/v2/accounts/${fresh[0]}/details/`, { token: freshToken });
    const limited = await call('GET', `/api/v2/accounts/${fresh[0]}/details/`, { token: freshToken });
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/^The rate limit for this resource is 4\/day\. Please try again in \d+ seconds$/);
    expect(classifyError(429, limited.body).code).toBe('RateLimitExceeded');
  });

  it('serves our OpenAPI document as JSON at /api/v2/swagger.json, without a token', async () => {
    const response = await fetch(`${sandbox.url}/api/v2/swagger.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(readSpec());
  });
});
