/**
 * `client.token`: the two token operations called by hand - bodies, responses,
 * the API's error bodies mapped to exceptions, client-side checks of the body,
 * and that no credential leaks into an exception however it is printed. The
 * fault server answers over a real connection, with bodies and headers scripted
 * to the byte (secrets echoed back, a proxy's page), which the sandbox never sends.
 */
import { inspect } from 'util';
import {
  ApiException,
  AuthenticationException,
  PermissionDeniedException,
  RateLimitException,
  RequiredError,
  type JWTObtainPairRequest,
  type JWTRefreshRequest,
} from '../src';
import { FaultServer, TOKEN_NEW, TOKEN_REFRESH, exactly, json, type Behaviour } from './faults/fault-server';
import { ACCOUNT_ID, SECRET_ID, SECRET_KEY, jwt, newClient as clientWithSecrets, refreshedAccess, rejectionOf, tokenPair } from './helpers';

const NEW = '/api/v2/token/new/';
const REFRESH = '/api/v2/token/refresh/';

const UNAUTHORIZED = '{"summary":"Authentication failed","detail":"No active account found with the given credentials","status_code":401}';
const IP_DENIED = '{"summary":"IP address access denied","detail":"Your IP 1.2.3.4 isn\'t whitelisted to perform this action","status_code":403}';
const THROTTLED = '{"summary":"Rate limit exceeded","detail":"Request was throttled. Expected available in 30 seconds.","status_code":429}';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

let fault: FaultServer;
beforeAll(async () => {
  fault = await FaultServer.start();
});
beforeEach(() => fault.reset());
afterAll(() => fault.close());

/** A client with the test secrets, aimed at the fault server. */
const newClient: typeof clientWithSecrets = (options = {}) => clientWithSecrets({ baseUrl: fault.baseUrl, ...options });

/** The answer, byte for byte: a string as it is, with only `headers`; any other value as JSON. */
function answer(status: number, body: unknown, headers: Record<string, string> = JSON_HEADERS): Behaviour {
  return typeof body === 'string' ? exactly(status, body, headers) : json(status, body, headers);
}

/** Every way an exception may end up in a log. */
function printed(error: unknown): string {
  const e = error as Error;
  return [String(e), e.message, e.stack ?? '', inspect(e, { depth: 10 }), JSON.stringify(e)].join('\n');
}

describe('obtainNewAccessRefreshTokenPair (POST /api/v2/token/new/)', () => {
  it('sends exactly {secret_id, secret_key} and returns the pair with its lifetimes', async () => {
    const pair = tokenPair({ accessExpires: 86_400, refreshExpires: 2_592_000 });
    fault.script(TOKEN_NEW, answer(200, pair));
    const seen = fault.requests;

    const result = await newClient().token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } });

    expect(result).toStrictEqual(pair);
    expect(result.access_expires).toBe(86_400);
    expect(result.refresh_expires).toBe(2_592_000);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ secret_id: SECRET_ID, secret_key: SECRET_KEY });
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].headers).not.toHaveProperty('authorization');
  });

  it('works on a client that holds no secrets of its own (an access token only)', async () => {
    const pair = tokenPair();
    fault.script(TOKEN_NEW, answer(200, pair));
    const client = newClient({ secretId: undefined, secretKey: undefined, accessToken: jwt('access') });

    await expect(client.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: 'other-id', secret_key: 'other-key-0123456789' } })).resolves.toStrictEqual(
      pair,
    );
    expect(fault.seen(TOKEN_NEW).map((r) => JSON.parse(r.body))).toStrictEqual([{ secret_id: 'other-id', secret_key: 'other-key-0123456789' }]);
  });
});

describe('getANewAccessToken (POST /api/v2/token/refresh/)', () => {
  it('sends exactly {refresh} and returns the new access token with its lifetime', async () => {
    const refresh = jwt('refresh');
    const reply = refreshedAccess(86_400);
    fault.script(TOKEN_REFRESH, answer(200, reply));
    const seen = fault.requests;

    const result = await newClient().token.getANewAccessToken({ body: { refresh } });

    expect(result).toStrictEqual(reply);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0].body)).toStrictEqual({ refresh });
    expect(seen[0].headers).not.toHaveProperty('authorization');
  });
});

describe("the API's error bodies", () => {
  it('401 "Authentication failed" → AuthenticationException with status, summary, detail, headers and raw body', async () => {
    fault.script(TOKEN_NEW, answer(401, UNAUTHORIZED, { ...JSON_HEADERS, 'X-Request-Id': 'req-401' }));
    const error = await rejectionOf(
      newClient().token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: 'wrong-key-000000000000' } }),
    );

    expect(error).toBeInstanceOf(AuthenticationException);
    const e = error as AuthenticationException;
    expect(e.name).toBe('AuthenticationException');
    expect(e.status).toBe(401);
    expect(e.summary).toBe('Authentication failed');
    expect(e.detail).toBe('No active account found with the given credentials');
    expect(e.message).toBe('401 Authentication failed — No active account found with the given credentials');
    expect(e.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req-401' });
    expect(e.body).toBe(UNAUTHORIZED);
    expect(e.method).toBe('POST');
    expect(e.path).toBe(NEW);
    expect(fault.count(TOKEN_NEW)).toBe(1);
  });

  it('401 on a refresh is not replayed: exactly one request', async () => {
    fault.script(TOKEN_REFRESH, answer(401, '{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}'));
    const seen = fault.requests;
    const error = await rejectionOf(newClient().token.getANewAccessToken({ body: { refresh: jwt('refresh') } }));

    expect(error).toBeInstanceOf(AuthenticationException);
    expect((error as ApiException).summary).toBe('Invalid token');
    expect((error as ApiException).detail).toBe('Token is invalid or expired');
    expect(seen).toHaveLength(1);
  });

  it('403 "IP address access denied" → PermissionDeniedException', async () => {
    fault.script(TOKEN_NEW, answer(403, IP_DENIED));
    const error = await rejectionOf(newClient().token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } }));

    expect(error).toBeInstanceOf(PermissionDeniedException);
    const e = error as PermissionDeniedException;
    expect(e.status).toBe(403);
    expect(e.summary).toBe('IP address access denied');
    expect(e.detail).toBe("Your IP 1.2.3.4 isn't whitelisted to perform this action");
    expect(e.message).toBe("403 IP address access denied — Your IP 1.2.3.4 isn't whitelisted to perform this action");
    expect(e.headers['content-type']).toBe('application/json');
    expect(e.body).toBe(IP_DENIED);
  });

  it('429 → RateLimitException with the wait and the rate-limit headers parsed', async () => {
    fault.script(
      TOKEN_NEW,
      answer(429, THROTTLED, {
        ...JSON_HEADERS,
        'Retry-After': '30',
        HTTP_X_RATELIMIT_LIMIT: '10',
        HTTP_X_RATELIMIT_REMAINING: '0',
        HTTP_X_RATELIMIT_RESET: '30',
      }),
    );
    const error = await rejectionOf(
      newClient({ maxRetries: 0 }).token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } }),
    );

    expect(error).toBeInstanceOf(RateLimitException);
    const e = error as RateLimitException;
    expect(e.status).toBe(429);
    expect(e.summary).toBe('Rate limit exceeded');
    expect(e.detail).toBe('Request was throttled. Expected available in 30 seconds.');
    expect(e.retryAfterSeconds).toBe(30);
    expect(e.rateLimit).toEqual({ limit: 10, remaining: 0, resetSeconds: 30 });
    expect(e.headers).toMatchObject({ 'retry-after': '30', http_x_ratelimit_remaining: '0' });
    expect(e.body).toBe(THROTTLED);
  });

  it('429 with a short Retry-After is waited out and the token request sent again (a 429 was surely not processed)', async () => {
    const pair = tokenPair();
    fault.script(TOKEN_NEW, answer(429, THROTTLED, { ...JSON_HEADERS, 'Retry-After': '0' }), answer(200, pair));
    const seen = fault.requests;

    await expect(newClient().token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } })).resolves.toStrictEqual(pair);
    expect(seen).toHaveLength(2);
    expect(seen[1].body).toBe(seen[0].body);
  });

  it('every one of them is an ApiException and an Error', async () => {
    fault.script(TOKEN_NEW, answer(401, UNAUTHORIZED), answer(403, IP_DENIED), answer(429, THROTTLED));
    const client = newClient({ maxRetries: 0 });
    const body = { secret_id: SECRET_ID, secret_key: SECRET_KEY };
    const errors = [
      await rejectionOf(client.token.obtainNewAccessRefreshTokenPair({ body })),
      await rejectionOf(client.token.obtainNewAccessRefreshTokenPair({ body })),
      await rejectionOf(client.token.obtainNewAccessRefreshTokenPair({ body })),
    ];
    expect(errors.map((e) => (e as ApiException).status)).toEqual([401, 403, 429]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(ApiException);
      expect(e).toBeInstanceOf(Error);
    }
  });
});

describe('a body with a missing field is rejected before any request', () => {
  const cases: Array<{ label: string; call: (c: ReturnType<typeof newClient>) => Promise<unknown>; field: string; route: string }> = [
    {
      label: 'obtainNewAccessRefreshTokenPair without body',
      call: (c) => c.token.obtainNewAccessRefreshTokenPair({} as { body: JWTObtainPairRequest }),
      field: 'body',
      route: NEW,
    },
    {
      label: 'obtainNewAccessRefreshTokenPair without secret_id',
      call: (c) => c.token.obtainNewAccessRefreshTokenPair({ body: { secret_key: SECRET_KEY } as JWTObtainPairRequest }),
      field: 'body.secret_id',
      route: NEW,
    },
    {
      label: 'obtainNewAccessRefreshTokenPair without secret_key',
      call: (c) => c.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID } as JWTObtainPairRequest }),
      field: 'body.secret_key',
      route: NEW,
    },
    {
      label: 'obtainNewAccessRefreshTokenPair with secret_key null',
      call: (c) => c.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: null } as unknown as JWTObtainPairRequest }),
      field: 'body.secret_key',
      route: NEW,
    },
    { label: 'getANewAccessToken without body', call: (c) => c.token.getANewAccessToken({} as { body: JWTRefreshRequest }), field: 'body', route: REFRESH },
    {
      label: 'getANewAccessToken without refresh',
      call: (c) => c.token.getANewAccessToken({ body: {} as JWTRefreshRequest }),
      field: 'body.refresh',
      route: REFRESH,
    },
  ];

  it.each(cases)('$label → RequiredError naming $field', async ({ call, field, route }) => {
    fault.script(`POST ${route}`, answer(200, {}));
    const error = await rejectionOf(call(newClient()));

    expect(error).toBeInstanceOf(RequiredError);
    expect((error as RequiredError).field).toBe(field);
    expect((error as RequiredError).message).toContain(`requestParameters.${field}`);
    expect(fault.requests).toEqual([]);
  });
});

describe('credentials never appear in an exception', () => {
  it('the secret key echoed back by a failing token request is redacted from message, stack, inspect and JSON', async () => {
    // A body that repeats the secret as a JSON field and inside free text.
    const echo = JSON.stringify({
      summary: 'Authentication failed',
      detail: `No active account found for secret_key ${SECRET_KEY}`,
      secret_id: SECRET_ID,
      secret_key: SECRET_KEY,
      status_code: 401,
    });
    fault.script(TOKEN_NEW, answer(401, echo));
    const error = await rejectionOf(newClient().token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } }));

    expect(error).toBeInstanceOf(AuthenticationException);
    const text = printed(error);
    expect(text).not.toContain(SECRET_KEY);
    expect((error as ApiException).body).not.toContain(SECRET_KEY);
    expect((error as ApiException).detail).toBe('No active account found for secret_key [redacted]');
    // Still useful: what went wrong is kept.
    expect(text).toContain('Authentication failed');
  });

  it('a refresh token echoed back by a failing refresh is redacted, in JSON fields and free text', async () => {
    const refresh = jwt('refresh');
    const echo = JSON.stringify({ summary: 'Invalid token', detail: `Token ${refresh} is invalid or expired`, refresh, status_code: 401 });
    fault.script(TOKEN_REFRESH, answer(401, echo));
    const error = await rejectionOf(newClient().token.getANewAccessToken({ body: { refresh } }));

    const text = printed(error);
    expect(text).not.toContain(refresh);
    // Not even the signature-less part of the JWT survives.
    expect(text).not.toContain(refresh.split('.').slice(0, 2).join('.'));
    expect((error as ApiException).body).not.toContain(refresh);
  });

  it('tokens the client obtained never reach the exception of a later failing call (Authorization is not kept)', async () => {
    const pair = tokenPair();
    // A proxy page that echoes the request's Authorization header and the token pair.
    const page = `<html><body>Forbidden. Authorization: Bearer ${pair.access}; refresh=${pair.refresh}</body></html>`;
    fault.script(TOKEN_NEW, answer(200, pair));
    fault.script(`GET /api/v2/accounts/${ACCOUNT_ID}/`, answer(403, page, { 'Content-Type': 'text/html' }));
    const client = newClient();
    const error = await rejectionOf(client.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID }));

    expect(error).toBeInstanceOf(PermissionDeniedException);
    const text = printed(error);
    for (const secret of [pair.access, pair.refresh, SECRET_KEY]) expect(text).not.toContain(secret);
    // The page is kept, with the credentials cut out of it.
    expect((error as ApiException).body).toBe('<html><body>Forbidden. Authorization: Bearer [redacted]; refresh=[redacted]</body></html>');
  });

  it('the 401 / 403 / 429 exceptions of the token endpoint carry no credential of the request', async () => {
    fault.script(TOKEN_NEW, answer(401, UNAUTHORIZED), answer(403, IP_DENIED), answer(429, THROTTLED));
    const client = newClient({ maxRetries: 0 });
    const body = { secret_id: SECRET_ID, secret_key: SECRET_KEY };
    for (let i = 0; i < 3; i++) {
      const text = printed(await rejectionOf(client.token.obtainNewAccessRefreshTokenPair({ body })));
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(SECRET_ID);
    }
  });
});
