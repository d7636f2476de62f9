/**
 * The token lifecycle as an app sees it: tokens obtained lazily and once for
 * concurrent callers, refreshed before they expire, replaced when the refresh
 * token is spent, given tokens used as they are, and a 401 answered by one
 * renewal and one replay - never a loop.
 */
import { AuthenticationException, BankAccountDataClient, InvalidResponseException, type ClientOptions, type TokenSet } from '../src';
import { ACCOUNT_ID, BASE_URL, SECRET_ID, SECRET_KEY, bearerOf, jwt, newClient as clientWithSecrets, refreshedAccess, rejectionOf, tokenPair } from './helpers';
import { ScriptedApi, type SeenRequest } from './helpers/scripted-fetch';

const NEW = '/api/v2/token/new/';
const REFRESH = '/api/v2/token/refresh/';
const METADATA = `/api/v2/accounts/${ACCOUNT_ID}/`;
const POST_NEW = `POST ${NEW}`;
const POST_REFRESH = `POST ${REFRESH}`;
const GET_METADATA = `GET ${METADATA}`;
const account = { id: ACCOUNT_ID, status: 'READY', iban: 'GL3510230000010234', institution_id: 'SANDBOXFINANCE_SFIN0000' };
const UNAUTHORIZED = '{"summary":"Authentication failed","detail":"No active account found with the given credentials","status_code":401}';
const TOKEN_INVALID = '{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}';
const JSON_HEADERS = { headers: { 'Content-Type': 'application/json' } };

/** `METHOD path` of each request, in order, with the bearer token when one was sent. */
function trail(seen: SeenRequest[]): string[] {
  return seen.map((r) => `${r.method} ${r.path}${bearerOf(r) ? ` [${bearerOf(r)}]` : ''}`);
}

const metadata = (client: BankAccountDataClient) => client.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID });

/** The API of the running test: each test scripts its replies, and every request it sends is recorded. */
let api: ScriptedApi;

beforeEach(() => {
  api = new ScriptedApi();
});

/** A client with the test secrets (unless `options` drop them) that sends through the test's scripted API. */
function newClient(options: Partial<ClientOptions> = {}): BankAccountDataClient {
  return clientWithSecrets({ fetchApi: api.fetchApi, ...options });
}

/** A client with exactly `options` (no secrets), sending through the test's scripted API. */
function bareClient(options: ClientOptions): BankAccountDataClient {
  return new BankAccountDataClient({ fetchApi: api.fetchApi, ...options });
}

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
    api.on(`POST ${path}`, 200, JSON.stringify(body), JSON_HEADERS);
    const client = newClient(options);
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(InvalidResponseException);
    expect(error).toMatchObject({ status: 200, method: 'POST', path, body: JSON.stringify(body) });
    expect((error as Error).message).toMatch(/returned no access token/);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(api.unmatched).toEqual([]);
  });
});

describe('obtaining a token', () => {
  it('is lazy: nothing is sent when the client is built, then one POST token/new precedes the first call', async () => {
    const pair = tokenPair();
    api.on(POST_NEW, 200, pair).on(GET_METADATA, 200, account);
    const seen = api.requests;

    const client = newClient();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([]);

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`]);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ secret_id: SECRET_ID, secret_key: SECRET_KEY });
    expect(api.pending()).toEqual([]);
  });

  it('reuses the token for later calls: one token request for several sequential calls', async () => {
    const pair = tokenPair();
    api.on(POST_NEW, 200, pair).on(GET_METADATA, 200, account, { times: 3 });
    const seen = api.requests;
    const client = newClient();

    for (let i = 0; i < 3; i++) await metadata(client);
    expect(trail(seen).filter((t) => t.startsWith('POST'))).toEqual([`POST ${NEW}`]);
    expect(seen.slice(1).every((r) => bearerOf(r) === pair.access)).toBe(true);
  });

  it('is single flight: 100 concurrent first calls share exactly ONE token request', async () => {
    const pair = tokenPair();
    api.on(POST_NEW, 200, pair, { delayMs: 30 }).on(GET_METADATA, 200, account, { times: 100 });
    const seen = api.requests;
    const client = newClient();

    const results = await Promise.all(Array.from({ length: 100 }, () => metadata(client)));

    expect(results).toHaveLength(100);
    expect(results.every((r) => r.id === ACCOUNT_ID)).toBe(true);
    expect(seen.filter((r) => r.path === NEW)).toHaveLength(1);
    expect(seen.filter((r) => r.path === METADATA && bearerOf(r) === pair.access)).toHaveLength(100);
    expect(api.pending()).toEqual([]);
    expect(api.unmatched).toEqual([]);
  });

  it('does not cache a failure: after a failed token request the next call asks again', async () => {
    const pair = tokenPair();
    api
      .on(
        POST_NEW,
        403,
        '{"summary":"IP address access denied","detail":"Your IP 1.2.3.4 isn\'t whitelisted to perform this action","status_code":403}',
        JSON_HEADERS,
      )
      .on(POST_NEW, 200, pair)
      .on(GET_METADATA, 200, account);
    const client = newClient();

    await expect(metadata(client)).rejects.toMatchObject({ status: 403 });
    await expect(metadata(client)).resolves.toEqual(account);
    expect(api.pending()).toEqual([]);
    expect(api.trail()).toEqual([POST_NEW, POST_NEW, GET_METADATA]);
  });
});

describe('renewing before expiry', () => {
  it('refreshes via token/refresh (not token/new) when the access token expires within 60 s', async () => {
    const pair = tokenPair({ accessExpires: 30 });
    const renewed = refreshedAccess(86_400);
    api.on(POST_NEW, 200, pair).on(GET_METADATA, 200, account, { times: 3 }).on(POST_REFRESH, 200, renewed);
    const seen = api.requests;
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
    expect(api.pending()).toEqual([]);
  });

  it('obtains a new pair with the secrets when the refresh token is about to expire too', async () => {
    const first = tokenPair({ accessExpires: 30, refreshExpires: 5 });
    const second = tokenPair();
    api.on(POST_NEW, 200, first).on(POST_NEW, 200, second).on(GET_METADATA, 200, account, { times: 2 });
    const seen = api.requests;
    const client = newClient();

    await metadata(client);
    await metadata(client);

    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${first.access}]`, `POST ${NEW}`, `GET ${METADATA} [${second.access}]`]);
    expect(api.pending()).toEqual([]);
  });

  it('obtains a new pair when the refresh token is refused with 401', async () => {
    const first = tokenPair({ accessExpires: 30 });
    const second = tokenPair();
    api.on(POST_NEW, 200, first).on(POST_REFRESH, 401, TOKEN_INVALID, JSON_HEADERS).on(POST_NEW, 200, second).on(GET_METADATA, 200, account, { times: 2 });
    const seen = api.requests;
    const client = newClient();

    await metadata(client);
    await expect(metadata(client)).resolves.toEqual(account);

    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${first.access}]`, `POST ${REFRESH}`, `POST ${NEW}`, `GET ${METADATA} [${second.access}]`]);
    expect(api.pending()).toEqual([]);
  });
});

describe('onTokens: handing obtained tokens to the app to persist', () => {
  it('reports the new pair, then the refreshed access token with the refresh token still held, with expiry times', async () => {
    const pair = tokenPair({ accessExpires: 30 });
    const renewed = refreshedAccess(86_400);
    api.on(POST_NEW, 200, pair).on(POST_REFRESH, 200, renewed).on(GET_METADATA, 200, account, { times: 2 });
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
    api.on(POST_NEW, 200, pair).on(GET_METADATA, 200, account, { times: 2 });
    const seen = api.requests;
    let saved: TokenSet | undefined;
    await metadata(newClient({ onTokens: (tokens) => (saved = tokens) }));

    await metadata(newClient({ accessToken: saved!.access, refreshToken: saved!.refresh }));
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `GET ${METADATA} [${pair.access}]`]);
  });

  it('a callback that throws does not fail the call', async () => {
    api.on(POST_NEW, 200, tokenPair()).on(GET_METADATA, 200, account);
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
    api.on(GET_METADATA, 200, account, { times: 2 });
    const seen = api.requests;
    const client = newClient({ accessToken: access });

    await metadata(client);
    await metadata(client);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`, `GET ${METADATA} [${access}]`]);
    expect(api.unmatched).toEqual([]);
  });

  it('an opaque (non-JWT) accessToken without secrets is trusted until the API refuses it', async () => {
    const access = 'opaque-access-token-0123456789';
    api.on(GET_METADATA, 200, account);
    const seen = api.requests;
    const client = bareClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
  });

  it('an accessToken whose JWT exp has passed is refreshed with the given refreshToken first', async () => {
    const expired = jwt('access', -60);
    const refresh = jwt('refresh', 86_400);
    const renewed = refreshedAccess();
    api.on(POST_REFRESH, 200, renewed).on(GET_METADATA, 200, account);
    const seen = api.requests;
    const client = bareClient({ accessToken: expired, refreshToken: refresh, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ refresh });
    expect(api.pending()).toEqual([]);
  });

  it('a refreshToken alone is enough: the first call refreshes, later ones reuse the access token', async () => {
    const refresh = jwt('refresh');
    const renewed = refreshedAccess();
    api.on(POST_REFRESH, 200, renewed).on(GET_METADATA, 200, account, { times: 2 });
    const seen = api.requests;
    const client = bareClient({ refreshToken: refresh, baseUrl: BASE_URL });

    await metadata(client);
    await metadata(client);
    expect(trail(seen)).toEqual([`POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`, `GET ${METADATA} [${renewed.access}]`]);
  });

  it('an expired accessToken, no refresh token and no secrets → AuthenticationException without any request', async () => {
    const client = bareClient({ accessToken: jwt('access', -60), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    // No response arrived (no request was sent): status 0, as for every failure without a response.
    expect((error as AuthenticationException).status).toBe(0);
    expect((error as Error).message).toMatch(/secretId and secretKey|refreshToken/);
    expect(api.requests).toEqual([]);
  });

  it('an expired refreshToken and no secrets → AuthenticationException without any request', async () => {
    const client = bareClient({ accessToken: jwt('access', -60), refreshToken: jwt('refresh', -1), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect(api.requests).toEqual([]);
  });

  it('a refused refreshToken and no secrets → the 401 of the refresh, after exactly one request', async () => {
    api.on(POST_REFRESH, 401, TOKEN_INVALID, JSON_HEADERS);
    const seen = api.requests;
    const client = bareClient({ refreshToken: jwt('refresh'), baseUrl: BASE_URL });
    const error = await rejectionOf(metadata(client));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).summary).toBe('Invalid token');
    expect(trail(seen)).toEqual([`POST ${REFRESH}`]);
    expect(api.unmatched).toEqual([]);
  });

  // Documented: "used as is until it expires (its JWT `exp`)". A token with 30 s
  // left is still valid; with nothing to renew it with, the client should send it
  // rather than fail without trying.
  it('an accessToken with 30 s left and no way to renew it is still used until it expires', async () => {
    const access = jwt('access', 30);
    api.on(GET_METADATA, 200, account);
    const seen = api.requests;
    const client = bareClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
  });
});

describe('a 401 on a data call', () => {
  it('is answered by one refresh and one replay with the new token', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    api.on(POST_NEW, 200, pair).on(GET_METADATA, 401, TOKEN_INVALID, JSON_HEADERS).on(POST_REFRESH, 200, renewed).on(GET_METADATA, 200, account);
    const seen = api.requests;

    await expect(metadata(newClient())).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(JSON.parse(seen[2].body)).toStrictEqual({ refresh: pair.refresh });
    expect(api.pending()).toEqual([]);
  });

  it('is replayed once only: a second 401 reaches the caller as AuthenticationException', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    api
      .on(POST_NEW, 200, pair)
      .on(GET_METADATA, 401, TOKEN_INVALID, { ...JSON_HEADERS, times: 2 })
      .on(POST_REFRESH, 200, renewed);
    const seen = api.requests;

    const error = await rejectionOf(metadata(newClient()));
    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).path).toBe(METADATA);
    expect(trail(seen)).toEqual([`POST ${NEW}`, `GET ${METADATA} [${pair.access}]`, `POST ${REFRESH}`, `GET ${METADATA} [${renewed.access}]`]);
    expect(api.unmatched).toEqual([]);
  });

  it('with a given opaque token and secrets: a new pair is obtained and the call replayed', async () => {
    const pair = tokenPair();
    api.on(GET_METADATA, 401, TOKEN_INVALID, JSON_HEADERS).on(POST_NEW, 200, pair).on(GET_METADATA, 200, account);
    const seen = api.requests;

    await expect(metadata(newClient({ accessToken: 'opaque-access-token-0123456789' }))).resolves.toEqual(account);
    expect(trail(seen)).toEqual([`GET ${METADATA} [opaque-access-token-0123456789]`, `POST ${NEW}`, `GET ${METADATA} [${pair.access}]`]);
  });

  it('with nothing to renew the token with, is not replayed', async () => {
    const access = jwt('access');
    api.on(GET_METADATA, 401, TOKEN_INVALID, JSON_HEADERS);
    const seen = api.requests;
    const client = bareClient({ accessToken: access, baseUrl: BASE_URL });

    await expect(metadata(client)).rejects.toBeInstanceOf(AuthenticationException);
    expect(trail(seen)).toEqual([`GET ${METADATA} [${access}]`]);
    expect(api.unmatched).toEqual([]);
  });

  it('on 10 concurrent calls triggers exactly one refresh, and all 10 are replayed with the new token', async () => {
    const pair = tokenPair();
    const renewed = refreshedAccess();
    api
      .on(POST_NEW, 200, pair)
      .on(GET_METADATA, 401, TOKEN_INVALID, { ...JSON_HEADERS, times: 10 })
      .on(POST_REFRESH, 200, renewed, { delayMs: 20 })
      .on(GET_METADATA, 200, account, { times: 10 });
    const seen = api.requests;
    const client = newClient();

    const results = await Promise.all(Array.from({ length: 10 }, () => metadata(client)));
    expect(results.every((r) => r.id === ACCOUNT_ID)).toBe(true);
    expect(seen.filter((r) => r.path === REFRESH)).toHaveLength(1);
    expect(seen.filter((r) => r.path === NEW)).toHaveLength(1);
    expect(seen.filter((r) => bearerOf(r) === renewed.access)).toHaveLength(10);
    expect(api.pending()).toEqual([]);
  });
});

describe('wrong secrets', () => {
  it('give exactly one token request and a 401 AuthenticationException - no loop, no data request', async () => {
    api.on(POST_NEW, 401, UNAUTHORIZED, JSON_HEADERS).on(GET_METADATA, 200, account);
    const seen = api.requests;
    const client = newClient({ secretKey: 'wrong-secret-key-000000000000' });

    const error = await rejectionOf(metadata(client));
    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).summary).toBe('Authentication failed');
    expect((error as AuthenticationException).path).toBe(NEW);
    expect(trail(seen)).toEqual([`POST ${NEW}`]);
    expect(api.unmatched).toEqual([]);
  });
});
