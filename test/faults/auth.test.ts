/**
 * 401 handling: refresh once (or a new pair when the refresh token is refused)
 * and replay once; wrong secrets cost one token request; concurrent callers
 * share one token request - at start, after expiry and after a 401.
 */
import { AuthenticationException } from '../../src';
import { TOKEN_NEW, TOKEN_REFRESH, authorized, expiredToken, json, jwt } from './fault-server';
import {
  AGREEMENT_ID,
  GET_INSTITUTION,
  INSTITUTION,
  INSTITUTION_ID,
  POST_AGREEMENT,
  SECRET_ID,
  SECRET_KEY,
  expectNoLeaks,
  failure,
  faultClient,
  record,
  server,
  useFaultServer,
} from './helpers';

useFaultServer();

const routes = () => server.requests.map((r) => `${r.method} ${r.path}`);
const bearer = (i: number) => String(server.requests[i].headers.authorization);

describe('401 on an authenticated call: renew once, replay once', () => {
  test('401 → refresh → replay with the new token', async () => {
    const staleAccess = jwt('access');
    const refresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    const { client, lines } = faultClient(server, { accessToken: staleAccess, refreshToken: refresh });

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(routes()).toEqual([GET_INSTITUTION, TOKEN_REFRESH, GET_INSTITUTION]);
    expect(bearer(0)).toBe(`Bearer ${staleAccess}`);
    expect(JSON.parse(server.requests[1].body)).toEqual({ refresh });
    expect(bearer(2)).toBe(`Bearer ${server.issued.access[0]}`);
    expectNoLeaks(undefined, lines, server, [staleAccess, refresh]);
    record('401 → refresh → replay', { result: 'ok', requests: 3, leaks: 0 });
  });

  test('401 → refresh refused (401) → new pair → replay', async () => {
    const staleAccess = jwt('access');
    const refusedRefresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    server.script(TOKEN_REFRESH, json(401, { detail: 'Token is invalid or expired', code: 'token_not_valid', status_code: 401 }));
    const { client, lines } = faultClient(server, { accessToken: staleAccess, refreshToken: refusedRefresh });

    await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

    expect(routes()).toEqual([GET_INSTITUTION, TOKEN_REFRESH, TOKEN_NEW, GET_INSTITUTION]);
    expect(JSON.parse(server.requests[2].body)).toEqual({ secret_id: SECRET_ID, secret_key: SECRET_KEY });
    expect(bearer(3)).toBe(`Bearer ${server.issued.access[0]}`);
    expectNoLeaks(undefined, lines, server, [staleAccess, refusedRefresh]);
    record('401 → refresh 401 → new pair → replay', { result: 'ok', requests: 4, leaks: 0 });
  });

  test('401 on a POST → refresh → the POST replayed once', async () => {
    const staleAccess = jwt('access');
    const refresh = jwt('refresh', 3_600);
    const agreement = { id: AGREEMENT_ID, institution_id: INSTITUTION_ID };
    server.script(POST_AGREEMENT, authorized(agreement));
    const { client, lines } = faultClient(server, { accessToken: staleAccess, refreshToken: refresh });

    await expect(client.agreements.createEUA({ body: { institution_id: INSTITUTION_ID } })).resolves.toEqual(agreement);

    expect(routes()).toEqual([POST_AGREEMENT, TOKEN_REFRESH, POST_AGREEMENT]);
    expect(server.requests[2].body).toBe(server.requests[0].body);
    expectNoLeaks(undefined, lines, server, [staleAccess, refresh]);
  });

  test('the replay is refused too → AuthenticationException after exactly 3 requests, no loop', async () => {
    const staleAccess = jwt('access');
    const refresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, expiredToken());
    const { client, lines } = faultClient(server, { accessToken: staleAccess, refreshToken: refresh, maxRetries: 3 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).summary).toBe('Invalid token');
    expect(routes()).toEqual([GET_INSTITUTION, TOKEN_REFRESH, GET_INSTITUTION]);
    expect((error as AuthenticationException).body).toContain('Token is invalid or expired: Bearer [redacted]');
    // The 401 body echoes the bearer token it refused; the exception must not.
    const leaked = expectNoLeaks(error, lines, server, [staleAccess, refresh]);
    record('401, refresh, 401 again', { class: error.name, status: 401, requests: 3, leaks: leaked });
  });

  test('an access token alone (nothing to renew with) → AuthenticationException after 1 request', async () => {
    const access = jwt('access');
    server.script(GET_INSTITUTION, expiredToken());
    const { client, lines } = faultClient(server, { secretId: undefined, secretKey: undefined, accessToken: access });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect(routes()).toEqual([GET_INSTITUTION]);
    expectNoLeaks(error, lines, server, [access]);
  });
});

describe('wrong secrets', () => {
  test('token request refused → one token request and an AuthenticationException, no loop', async () => {
    // The body echoes the secret key back, as a careless proxy might.
    server.script(
      TOKEN_NEW,
      json(401, {
        summary: 'Authentication failed',
        detail: `No active account found with the given credentials (secret_key=${SECRET_KEY})`,
        status_code: 401,
      }),
    );
    const { client, lines } = faultClient(server, { maxRetries: 3 });

    const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as AuthenticationException).status).toBe(401);
    expect((error as AuthenticationException).summary).toBe('Authentication failed');
    expect(routes()).toEqual([TOKEN_NEW]);
    expect((error as AuthenticationException).detail).toBe('No active account found with the given credentials (secret_key=[redacted])');
    const leaked = expectNoLeaks(error, lines, server);

    // A second call tries once more - and only once.
    const second = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));
    expect(second.error).toBeInstanceOf(AuthenticationException);
    expect(routes()).toEqual([TOKEN_NEW, TOKEN_NEW]);
    expectNoLeaks(second.error, lines, server);
    record('wrong secrets', { class: error.name, status: 401, requests: 1, leaks: leaked });
  });
});

describe('one token request for any number of concurrent callers', () => {
  const CALLERS = 12;
  const many = (client: ReturnType<typeof faultClient>['client']) =>
    Promise.all(Array.from({ length: CALLERS }, () => client.institutions.retrieveInstitution({ id: INSTITUTION_ID })));

  test('at start: one new pair', async () => {
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    const { client, lines } = faultClient(server);

    await expect(many(client)).resolves.toEqual(Array(CALLERS).fill(INSTITUTION));

    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(server.count(TOKEN_REFRESH)).toBe(0);
    expect(server.count(GET_INSTITUTION)).toBe(CALLERS);
    expectNoLeaks(undefined, lines, server);
    record(`${CALLERS} concurrent callers at start`, { result: 'ok', tokenRequests: 1, requests: CALLERS + 1, leaks: 0 });
  });

  test('after expiry of a given access token: one refresh', async () => {
    const expired = jwt('access', -10);
    const refresh = jwt('refresh', 3_600);
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    const { client, lines } = faultClient(server, { accessToken: expired, refreshToken: refresh });

    await expect(many(client)).resolves.toEqual(Array(CALLERS).fill(INSTITUTION));

    expect(server.count(TOKEN_REFRESH)).toBe(1);
    expect(server.count(TOKEN_NEW)).toBe(0);
    expect(server.count(GET_INSTITUTION)).toBe(CALLERS);
    expect(server.seen(GET_INSTITUTION).every((r) => r.headers.authorization === `Bearer ${server.issued.access[0]}`)).toBe(true);
    expectNoLeaks(undefined, lines, server, [expired, refresh]);
  });

  test('after expiry of an issued access token (access_expires elapsed): one refresh', async () => {
    // 61 s of validity minus the client's 60 s safety margin: stale after one second.
    server.accessExpires = 61;
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    const { client, lines } = faultClient(server);
    await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });
    expect(routes()).toEqual([TOKEN_NEW, GET_INSTITUTION]);

    server.accessExpires = 86_400;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(many(client)).resolves.toEqual(Array(CALLERS).fill(INSTITUTION));

    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(server.count(TOKEN_REFRESH)).toBe(1);
    expect(server.count(GET_INSTITUTION)).toBe(1 + CALLERS);
    expectNoLeaks(undefined, lines, server);
    record(`${CALLERS} concurrent callers after expiry`, { result: 'ok', tokenRequests: 1, requests: CALLERS + 1, leaks: 0 });
  });

  test('after a 401 seen by every caller: one refresh, every call replayed once', async () => {
    server.script(GET_INSTITUTION, authorized(INSTITUTION));
    const { client, lines } = faultClient(server);
    await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });
    server.newAccess(); // the server moves on: the client's token is no longer accepted

    await expect(many(client)).resolves.toEqual(Array(CALLERS).fill(INSTITUTION));

    expect(server.count(TOKEN_NEW)).toBe(1);
    expect(server.count(TOKEN_REFRESH)).toBe(1);
    expect(server.count(GET_INSTITUTION)).toBe(1 + 2 * CALLERS);
    expectNoLeaks(undefined, lines, server);
    record(`${CALLERS} concurrent callers after a 401`, { result: 'ok', tokenRequests: 1, requests: 2 * CALLERS + 1, leaks: 0 });
  });
});
