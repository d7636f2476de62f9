/**
 * The token lifecycle as an app sees it: tokens obtained lazily and once for
 * concurrent callers, refreshed before they expire, replaced when the refresh
 * token is spent, given tokens used as they are, and a 401 answered by one
 * renewal and one replay - never a loop.
 */
import nock from 'nock';
import { AuthenticationException, BankAccountDataClient, InvalidResponseException, type TokenSet } from '../src';
import { ACCOUNT_ID, BASE_URL, SECRET_ID, SECRET_KEY, bearerOf, jwt, newClient, refreshedAccess, rejectionOf, tokenPair } from './helpers';
import { recordRequests, recordUnmatched, useNock } from './helpers/nock';

useNock();

const NEW = '/api/v2/token/new/';
const REFRESH = '/api/v2/token/refresh/';
const METADATA = `/api/v2/accounts/${ACCOUNT_ID}/`;
const account = { id: ACCOUNT_ID, status: 'READY', iban: 'GL3510230000010234', institution_id: 'SANDBOXFINANCE_SFIN0000' };
const UNAUTHORIZED = '{"summary":"Authentication failed","detail":"No active account found with the given credentials","status_code":401}';
const TOKEN_INVALID = '{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** `METHOD path` of each request, in order, with the bearer token when one was sent. */
function trail(seen: ReturnType<typeof recordRequests>): string[] {
  return seen.map((r) => `${r.method} ${r.path}${bearerOf(r) ? ` [${bearerOf(r)}]` : ''}`);
}

const metadata = (client: BankAccountDataClient) => client.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID });

let unmatched: ReturnType<typeof recordUnmatched>;

beforeEach(() => {
  unmatched = recordUnmatched();
});

afterEach(() => {
  unmatched.stop();
});

describe('a token response without a token', () => {
  it.each([
    ['token/new answers 200 with no access token', NEW, { access_expires: 86400 }, {}],
    ['token/new answers 200 with a null body', NEW, null, {}],
    [
      'token/refresh answers 200 with an access token that is not a string',
      REFRESH,
      { access: 42 },
      { refreshToken: jwt('refresh', 3_600), secretId: undefined, secretKey: undefined },
    ],
  ])('%s → InvalidResponseException with the status and the body, no secret in it', async (_name, path, body, options) => {
    nock(BASE_URL).post(path).reply(200, JSON.stringify(body), JSON_HEADERS);
    const client = newClient(options);
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect(error).toMatchObject({ status: 200, method: 'POST', path, body: JSON.stringify(body) });
    expect((error as Error).message).toMatch(/returned no access token/);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(unmatched.unmatched).toEqual([]);
  });
});

describe('obtaining a token', () => {
  it('is lazy: nothing is sent when the client is built, then one POST token/new precedes the first call', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL).post(NEW).reply(200, pair).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);

    const client = newClient();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([]);

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`]);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ secret_id: SECRET_ID, secret_key: SECRET_KEY });
    expect(scope.isDone()).toBe(true);
  });

  it('reuses the token for later calls: one token request for several sequential calls', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL).post(NEW).reply(200, pair).get(METADATA).times(3).reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient();

    for (let i = 0; i < 3; i++) await metadata(client);
    expect(trail(seen).filter((t) => t.startsWith('POST'))).toEqual([`POST ${NEW}`]);
    expect(seen.slice(1).every((r) => bearerOf(r) === pair.access)).toBe(true);
  });

  it('is single flight: 100 concurrent first calls share exactly ONE token request', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL).post(NEW).delay(30).reply(200, pair).get(METADATA).times(100).reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient();

    const results = await Promise.all(Array.from({ length: 100 }, () => metadata(client)));

    expect(results).toHaveLength(100);
    expect(results.every((r) => r.id === ACCOUNT_ID)).toBe(true);
    expect(seen.filter((r) => r.path === NEW)).toHaveLength(1);
    expect(seen.filter((r) => r.path === METADATA && bearerOf(r) === pair.access)).toHaveLength(100);
    expect(scope.isDone()).toBe(true);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('does not cache a failure: after a failed token request the next call asks again', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL)
      .post(NEW)
      .reply(403, '{"summary":"IP address access denied","detail":"Your IP 1.2.3.4 isn\'t whitelisted to perform this action","status_code":403}', JSON_HEADERS)
      .post(NEW)
      .reply(200, pair)
      .get(METADATA)
      .reply(200, account);
    const client = newClient();

    await expect(metadata(client)).rejects.toMatchObject({ status: 403 });
    await expect(metadata(client)).resolves.toEqual(account);
    expect(scope.isDone()).toBe(true);
  });
});

describe('renewing before expiry', () => {
  it('refreshes via token/refresh (not token/new) when the access token expires within 60 s', async () => {
    const pair = tokenPair({ accessExpires: 30 });
    const renewed = refreshedAccess(86_400);
    const scope = nock(BASE_URL).post(NEW).reply(200, pair).get(METADATA).times(3).reply(200, account).post(REFRESH).reply(200, renewed);
    const seen = recordRequests(scope);
    const client = newClient();

    await metadata(client); // first call: a new pair, used at once
    await metadata(client); // its access token has 30 s left: refresh first
    await metadata(client); // the renewed token is good for a day: no token request

    expect(trail(seen)).toEqual([
      `POST ${NEW}`,
      `GET ${METADATA} [${pair.access}]`,
      `POST ${REFRESH}`,
      `GET ${METADATA} [${renewed.access}]`,
      `GET ${METADATA} [${renewed.access}]`,
    ]);
    expect(JSON.parse(seen[2].body)).toStrictEqual({ refresh: pair.refresh });
    expect(seen[2].headers).not.toHaveProperty('authorization');
    expect(scope.isDone()).toBe(true);
  });

  it('obtains a new pair with the secrets when the refresh token is about to expire too', async () => {
    const first = tokenPair({ accessExpires: 30, refreshExpires: 5 });
    const second = tokenPair();
    const scope = nock(BASE_URL).post(NEW).reply(200, first).post(NEW).reply(200, second).get(METADATA).times(2).reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient();

    await metadata(client);
    await metadata(client);

    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${first.access}]`, `POST ${NEW}`, `GET ${METADATA} [${second.access}]`]);
    expect(scope.isDone()).toBe(true);
  });

  it('obtains a new pair when the refresh token is refused with 401', async () => {
    const first = tokenPair({ accessExpires: 30 });
    const second = tokenPair();
    const scope = nock(BASE_URL)
      .post(NEW)
      .reply(200, first)
      .post(REFRESH)
      .reply(401, TOKEN_INVALID, JSON_HEADERS)
      .post(NEW)
      .reply(200, second)
      .get(METADATA)
      .times(2)
      .reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient();

    await metadata(client);
    await expect(metadata(client)).resolves.toEqual(account);

    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${first.access}]`, `POST ${REFRESH}`, `POST ${NEW}`, `GET ${METADATA} [${second.access}]`]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('onTokens: handing obtained tokens to the app to persist', () => {
  it('reports the new pair, then the refreshed access token with the refresh token still held, with expiry times', async () => {
    const pair = tokenPair({ accessExpires: 30 });
    const renewed = refreshedAccess(86_400);
    nock(BASE_URL).post(NEW).reply(200, pair).post(REFRESH).reply(200, renewed).get(METADATA).times(2).reply(200, account);
    const reported: TokenSet[] = [];
    const client = newClient({ onTokens: (tokens) => reported.push(tokens) });

    const before = Date.now();
    await metadata(client);
    await metadata(client);

    expect(reported.map(({ access, refresh }) => ({ access, refresh }))).toEqual([
      { access: pair.access, refresh: pair.refresh },
      { access: renewed.access, refresh: pair.refresh },
    ]);
    expect(reported[0].accessExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(reported[0].accessExpiresAt.getTime()).toBeLessThan(before + 40_000);
    expect(reported[1].accessExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(reported[0].refreshExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + pair.refresh_expires * 1000);
  });

  it('tokens persisted by one client start the next one without a token request', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL).post(NEW).reply(200, pair).get(METADATA).times(2).reply(200, account);
    const seen = recordRequests(scope);
    let saved: TokenSet | undefined;
    await metadata(newClient({ onTokens: (tokens) => (saved = tokens) }));

    await metadata(newClient({ accessToken: saved!.access, refreshToken: saved!.refresh }));
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `GET ${METADATA} [${pair.access}]`]);
  });

  it('a callback that throws does not fail the call', async () => {
    nock(BASE_URL).post(NEW).reply(200, tokenPair()).get(METADATA).reply(200, account);
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const client = newClient({
        onTokens: () => {
          throw new Error('vault unreachable');
        },
      });
      await expect(metadata(client)).resolves.toEqual(account);
      expect(String(emitWarning.mock.calls[0]?.[0])).toContain('onTokens callback threw: vault unreachable');
    } finally {
      emitWarning.mockRestore();
    }
  });
});

describe('tokens given by the app', () => {
  it('an accessToken is used as is: no token request, even when secrets are given too', async () => {
    const access = jwt('access', 3_600);
    const scope = nock(BASE_URL).get(METADATA).times(2).reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient({ accessToken: access });

    await metadata(client);
    await metadata(client);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`, `GET ${METADATA} [${access}]`]);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('an opaque (non-JWT) accessToken without secrets is trusted until the API refuses it', async () => {
    const access = 'opaque-access-token-0123456789';
    const scope = nock(BASE_URL).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
  });

  it('an accessToken whose JWT exp has passed is refreshed with the given refreshToken first', async () => {
    const expired = jwt('access', -60);
    const refresh = jwt('refresh', 86_400);
    const renewed = refreshedAccess();
    const scope = nock(BASE_URL).post(REFRESH).reply(200, renewed).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ accessToken: expired, refreshToken: refresh, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ refresh });
    expect(scope.isDone()).toBe(true);
  });

  it('a refreshToken alone is enough: the first call refreshes, later ones reuse the access token', async () => {
    const refresh = jwt('refresh');
    const renewed = refreshedAccess();
    const scope = nock(BASE_URL).post(REFRESH).reply(200, renewed).get(METADATA).times(2).reply(200, account);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ refreshToken: refresh, baseUrl: BASE_URL });

    await metadata(client);
    await metadata(client);
    expect(trail(seen)).toEqual([`POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`, `GET ${METADATA} [${renewed.access}]`]);
  });

  it('an expired accessToken, no refresh token and no secrets → AuthenticationException without any request', async () => {
    const client = new BankAccountDataClient({ accessToken: jwt('access', -60), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    // No response arrived (no request was sent): status 0, as for every failure without a response.
    expect((error as AuthenticationException).status).toBe(0);
    expect((error as Error).message).toMatch(/secretId and secretKey|refreshToken/);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('an expired refreshToken and no secrets → AuthenticationException without any request', async () => {
    const client = new BankAccountDataClient({ accessToken: jwt('access', -60), refreshToken: jwt('refresh', -1), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('a refused refreshToken and no secrets → the 401 of the refresh, after exactly one request', async () => {
    const scope = nock(BASE_URL).post(REFRESH).reply(401, TOKEN_INVALID, JSON_HEADERS);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ refreshToken: jwt('refresh'), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).summary).toBe('Invalid token');
    expect(trail(seen)).toEqual([`POST ${REFRESH}`]);
    expect(unmatched.unmatched).toEqual([]);
  });

  // Documented: "used as is until it expires (its JWT `exp`)". A token with 30 s
  // left is still valid; with nothing to renew it with, the client should send it
  // rather than fail without trying. (Fails today: see the report, token-manager.ts.)
  it('an accessToken with 30 s left and no way to renew it is still used until it expires', async () => {
    const access = jwt('access', 30);
    const scope = nock(BASE_URL).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
  });
});

describe('a 401 on a data call', () => {
  it('is answered by one refresh and one replay with the new token', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    const scope = nock(BASE_URL)
      .post(NEW)
      .reply(200, pair)
      .get(METADATA)
      .reply(401, TOKEN_INVALID, JSON_HEADERS)
      .post(REFRESH)
      .reply(200, renewed)
      .get(METADATA)
      .reply(200, account);
    const seen = recordRequests(scope);

    await expect(metadata(newClient())).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(JSON.parse(seen[2].body)).toStrictEqual({ refresh: pair.refresh });
    expect(scope.isDone()).toBe(true);
  });

  it('is replayed once only: a second 401 reaches the caller as AuthenticationException', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    const scope = nock(BASE_URL).post(NEW).reply(200, pair).get(METADATA).times(2).reply(401, TOKEN_INVALID, JSON_HEADERS).post(REFRESH).reply(200, renewed);
    const seen = recordRequests(scope);

    const error = await rejectionOf(metadata(newClient()));
    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).path).toBe(METADATA);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('with a given opaque token and secrets: a new pair is obtained and the call replayed', async () => {
    const pair = tokenPair();
    const scope = nock(BASE_URL).get(METADATA).reply(401, TOKEN_INVALID, JSON_HEADERS).post(NEW).reply(200, pair).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);

    await expect(metadata(newClient({ accessToken: 'opaque-access-token-0123456789' }))).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [opaque-access-token-0123456789]`, `POST ${NEW}`, `GET ${METADATA} [${pair.access}]`]);
  });

  it('with nothing to renew the token with, is not replayed', async () => {
    const access = jwt('access');
    const scope = nock(BASE_URL).get(METADATA).reply(401, TOKEN_INVALID, JSON_HEADERS);
    const seen = recordRequests(scope);
    const client = new BankAccountDataClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).rejects.toBeInstanceOf(AuthenticationException);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
    expect(unmatched.unmatched).toEqual([]);
  });

  it('on 10 concurrent calls triggers exactly one refresh, and all 10 are replayed with the new token', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    const scope = nock(BASE_URL)
      .post(NEW)
      .reply(200, pair)
      .get(METADATA)
      .times(10)
      .reply(401, TOKEN_INVALID, JSON_HEADERS)
      .post(REFRESH)
      .delay(20)
      .reply(200, renewed)
      .get(METADATA)
      .times(10)
      .reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient();

    const results = await Promise.all(Array.from({ length: 10 }, () => metadata(client)));
    expect(results.every((r) => r.id === ACCOUNT_ID)).toBe(true);
    expect(seen.filter((r) => r.path === REFRESH)).toHaveLength(1);
    expect(seen.filter((r) => r.path === NEW)).toHaveLength(1);
    expect(seen.filter((r) => bearerOf(r) === renewed.access)).toHaveLength(10);
    expect(scope.isDone()).toBe(true);
  });
});

describe('wrong secrets', () => {
  it('give exactly one token request and a 401 AuthenticationException - no loop, no data request', async () => {
    const scope = nock(BASE_URL).post(NEW).reply(401, UNAUTHORIZED, JSON_HEADERS).get(METADATA).reply(200, account);
    const seen = recordRequests(scope);
    const client = newClient({ secretKey: 'wrong-secret-key-000000000000' });

    const error = await rejectionOf(metadata(client));
    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).summary).toBe('Authentication failed');
    expect((error as AuthenticationException).path).toBe(NEW);
    expect(trail(seen)).toEqual([`POST ${NEW}`]);
    expect(unmatched.unmatched).toEqual([]);
  });
});
