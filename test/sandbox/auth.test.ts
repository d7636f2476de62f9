/**
 * Tokens and authentication: JWT shape and lifetimes by the sandbox clock, 401s
 * for wrong secrets and missing, foreign, wrong-type or expired tokens, and the
 * client renewing its token when the sandbox clock has run past it.
 */
import { classifyError } from '../../src/error-codes';
import { AuthenticationException, BankAccountDataClient } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { DAY_MS, accessToken, http, startSandbox, testClock, type Call } from './helpers';
import { jwtPayload } from '../fixtures/jwt';

const clock = testClock();
let sandbox: SandboxServer;
let call: Call;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, accessTtlSeconds: 3_600, refreshTtlSeconds: 7_200, secretId: 'my-id', secretKey: 'my-key' });
  call = http(sandbox);
});
afterAll(() => sandbox.close());

const payload = jwtPayload;

const newPair = () => call('POST', '/api/v2/token/new/', { body: { secret_id: 'my-id', secret_key: 'my-key' } });

describe('tokens', () => {
  it('issues JWT-shaped tokens whose exp follows the clock and the configured lifetimes', async () => {
    expect(sandbox.credentials).toEqual({ secretId: 'my-id', secretKey: 'my-key' });
    const { status, body } = await newPair();
    expect(status).toBe(200);
    expect(body).toMatchObject({ access_expires: 3_600, refresh_expires: 7_200 });
    for (const token of [body.access, body.refresh]) expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    const iat = Math.floor(clock.value / 1000);
    expect(payload(body.access)).toMatchObject({ token_type: 'access', iat, exp: iat + 3_600 });
    expect(payload(body.refresh)).toMatchObject({ token_type: 'refresh', iat, exp: iat + 7_200 });
    expect(body.access).not.toBe((await newPair()).body.access); // unique per issue
  });

  it('refreshes an access token; an expired refresh token is 401', async () => {
    const { body } = await newPair();
    clock.advance(3_600_000); // the access token has just expired
    expect((await call('GET', '/api/v2/requisitions/', { token: body.access })).body).toEqual({
      summary: 'Invalid token',
      detail: 'The access token is invalid or has expired.',
      status_code: 401,
    });
    const refreshed = await call('POST', '/api/v2/token/refresh/', { body: { refresh: body.refresh } });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['access', 'access_expires']);
    expect((await call('GET', '/api/v2/requisitions/', { token: refreshed.body.access })).status).toBe(200);
    clock.advance(3_600_000); // now the refresh token has expired too
    expect((await call('POST', '/api/v2/token/refresh/', { body: { refresh: body.refresh } })).status).toBe(401);
  });
});

describe('401s', () => {
  it('wrong secrets', async () => {
    const result = await call('POST', '/api/v2/token/new/', { body: { secret_id: 'my-id', secret_key: 'nope' } });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ summary: 'Authentication failed', status_code: 401 });
    expect(classifyError(result.status, result.body).code).toBe('AuthenticationFailed');
  });

  it('no Authorization header, or one that is not Bearer', async () => {
    for (const headers of [{}, { Authorization: 'Basic abc' }] as Array<Record<string, string>>) {
      const result = await call('GET', '/api/v2/agreements/enduser/', { headers });
      expect(result.status).toBe(401);
      expect(result.body.summary).toBe('Authentication credentials were not provided.');
    }
  });

  it('a refresh token used as access token, a tampered token, a token of another sandbox', async () => {
    const { body } = await newPair();
    const [header, claims] = body.access.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload(body.access), exp: 9_999_999_999 })).toString('base64url');
    const other = await startSandbox({ now: clock.now });
    try {
      const foreign = await accessToken(other);
      for (const token of [body.refresh, `${header}.${forged}.${body.access.split('.')[2]}`, `${header}.${claims}`, foreign]) {
        const result = await call('GET', '/api/v2/agreements/enduser/', { token });
        expect(result.status).toBe(401);
        expect(classifyError(result.status, result.body).code).toBe('InvalidToken');
      }
    } finally {
      await other.close();
    }
    expect((await call('GET', '/api/v2/agreements/enduser/', { token: body.access })).status).toBe(200);
  });

  it('missing secret fields are a per-field 400', async () => {
    const result = await call('POST', '/api/v2/token/new/', { body: { secret_id: 5 } });
    expect(result.status).toBe(400);
    expect(result.body.secret_id.summary).toBe('Not a valid string.');
    expect(result.body.secret_key.summary).toBe('This field is required.');
  });
});

describe('the client against the sandbox clock', () => {
  it('raises AuthenticationException for wrong secrets', async () => {
    const client = new BankAccountDataClient({ secretId: 'my-id', secretKey: 'wrong', baseUrl: sandbox.url, maxRetries: 0 });
    const error = await client.requisitions.retrieveAllRequisitions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationException);
    expect(error).toMatchObject({ status: 401, summary: 'Authentication failed' });
  });

  it('renews its token after a 401 when the sandbox clock passed the token expiry', async () => {
    const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
    await client.requisitions.retrieveAllRequisitions();
    const since = (count: number) => sandbox.requests.slice(count - sandbox.requestCount).map((r) => `${r.path} ${r.status}`);

    // The client's own clock does not move, so it sends the stale token and learns from the 401.
    let before = sandbox.requestCount;
    clock.advance(3_601_000); // the access token expired, the refresh token is still valid
    expect((await client.requisitions.retrieveAllRequisitions()).count).toBe(0);
    expect(since(before)).toEqual(['/api/v2/requisitions/ 401', '/api/v2/token/refresh/ 200', '/api/v2/requisitions/ 200']);

    before = sandbox.requestCount;
    clock.advance(2 * DAY_MS); // both expired: the refresh is refused, the secrets get a new pair
    expect((await client.requisitions.retrieveAllRequisitions()).count).toBe(0);
    expect(since(before)).toEqual(['/api/v2/requisitions/ 401', '/api/v2/token/refresh/ 401', '/api/v2/token/new/ 200', '/api/v2/requisitions/ 200']);
  });
});
