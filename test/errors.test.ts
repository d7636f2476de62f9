/**
 * Which exception a failed call becomes, and what it carries, for every family
 * of failure: each HTTP status class, bodies that are not the API's JSON, a 2xx
 * that cannot be parsed, and no response at all. The answers come from the
 * fault server over a real connection, through the default transport, because
 * most of them are ones the sandbox never gives (an nginx page, a body cut off,
 * headers chosen byte for byte).
 */
import {
  ApiException,
  AuthenticationException,
  BadRequestException,
  BankAccountDataClient,
  ConflictException,
  ConnectionException,
  InvalidResponseException,
  NotFoundException,
  PermissionDeniedException,
  RateLimitException,
  ServerException,
} from '../src';
import { FaultServer, exactly, refusedBaseUrl, resetBeforeResponse, type Behaviour } from './faults/fault-server';
import { ACCOUNT_ID, AGREEMENT_ID, INSTITUTION_ID, clientWithAccessToken, jwt, rejectionOf } from './helpers';

const BALANCES = `/api/v2/accounts/${ACCOUNT_ID}/balances/`;
const GET_BALANCES = `GET ${BALANCES}`;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

let fault: FaultServer;
beforeAll(async () => {
  fault = await FaultServer.start();
});
beforeEach(() => fault.reset());
afterAll(() => fault.close());

/** The API's answer, byte for byte: JSON error bodies unless told otherwise. */
const answer = (status: number, body: string, headers: Record<string, string> = JSON_HEADERS): Behaviour => exactly(status, body, headers);

/** A client holding a valid access token (no token requests), with retries off. */
function client(): BankAccountDataClient {
  return clientWithAccessToken({ maxRetries: 0, baseUrl: fault.baseUrl }).client;
}

const balances = (c: BankAccountDataClient) => c.accounts.retrieveAccountBalances({ id: ACCOUNT_ID });

/** Answers `status`/`body` to GET balances and returns what the call threw. */
async function failureOf(status: number, body: string, headers: Record<string, string> = JSON_HEADERS): Promise<ApiException> {
  fault.script(GET_BALANCES, answer(status, body, headers));
  const error = await rejectionOf(balances(client()));
  expect(fault.count(GET_BALANCES)).toBe(1);
  expect(error).toBeInstanceOf(ApiException);
  return error as ApiException;
}

describe('400 Bad Request', () => {
  const FIELD_ERRORS =
    '{"institution_id":{"summary":"Unknown Institution ID XYZ","detail":"Get Institution IDs from /institutions/?country={$COUNTRY_CODE}"},"status_code":400}';

  it('with per-field errors → BadRequestException with fieldErrors and a message naming the field', async () => {
    fault.script('POST /api/v2/agreements/enduser/', answer(400, FIELD_ERRORS));
    const error = await rejectionOf(client().agreements.createEUA({ body: { institution_id: 'XYZ' } }));

    expect(fault.count('POST /api/v2/agreements/enduser/')).toBe(1);
    expect(error).toBeInstanceOf(BadRequestException);
    const e = error as BadRequestException;
    expect(e.status).toBe(400);
    expect(e.fieldErrors).toEqual({
      institution_id: { summary: 'Unknown Institution ID XYZ', detail: 'Get Institution IDs from /institutions/?country={$COUNTRY_CODE}' },
    });
    expect(e.summary).toBeUndefined();
    expect(e.message).toBe('400 Invalid request — institution_id: Get Institution IDs from /institutions/?country={$COUNTRY_CODE}');
    expect(e.body).toBe(FIELD_ERRORS);
    expect(e.method).toBe('POST');
    expect(e.path).toBe('/api/v2/agreements/enduser/');
  });

  it('with several fields, some as lists of messages → one fieldErrors entry each, all in the message', async () => {
    const body = JSON.stringify({
      redirect: ['Enter a valid URL.'],
      reference: { summary: 'Client reference must be unique', detail: 'Client reference abc already exists' },
      status_code: 400,
    });
    fault.script('POST /api/v2/requisitions/', answer(400, body));
    const error = await rejectionOf(
      client().requisitions.createRequisition({ body: { redirect: 'not a url', institution_id: INSTITUTION_ID, reference: 'abc' } }),
    );

    expect(error).toBeInstanceOf(BadRequestException);
    const e = error as BadRequestException;
    expect(e.fieldErrors).toEqual({
      redirect: { summary: 'Enter a valid URL.' },
      reference: { summary: 'Client reference must be unique', detail: 'Client reference abc already exists' },
    });
    expect(e.message).toBe('400 Invalid request — redirect: Enter a valid URL.; reference: Client reference abc already exists');
  });

  it('with the usual summary/detail body → summary and detail, no fieldErrors', async () => {
    const e = await failureOf(400, '{"summary":"Invalid date","detail":"date_from must be before date_to","status_code":400}');
    expect(e).toBeInstanceOf(BadRequestException);
    expect(e.summary).toBe('Invalid date');
    expect(e.detail).toBe('date_from must be before date_to');
    expect(e.fieldErrors).toBeUndefined();
    expect(e.message).toBe('400 Invalid date — date_from must be before date_to');
  });
});

describe('status → exception class', () => {
  it('a redirect is reported, not followed: ApiException with the status and Location, one request, no token sent elsewhere', async () => {
    const elsewhere = `${fault.baseUrl}/collect`;
    fault.script(GET_BALANCES, answer(302, '', { Location: elsewhere }));
    fault.script('GET /collect', answer(200, '{}'));
    const e = await rejectionOf(balances(client()));
    expect(e).toBeInstanceOf(ApiException);
    expect((e as ApiException).status).toBe(302);
    expect((e as ApiException).headers.location).toBe(elsewhere);
    expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([GET_BALANCES]);
  });

  it('401 → AuthenticationException', async () => {
    const e = await failureOf(401, '{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}');
    expect(e).toBeInstanceOf(AuthenticationException);
    expect(e.name).toBe('AuthenticationException');
    expect(e.message).toBe('401 Invalid token — Token is invalid or expired');
  });

  it('403 → PermissionDeniedException', async () => {
    const e = await failureOf(403, '{"summary":"Insufficient permissions","detail":"Access to balances is not included in the agreement","status_code":403}');
    expect(e).toBeInstanceOf(PermissionDeniedException);
    expect(e.name).toBe('PermissionDeniedException');
    expect(e.summary).toBe('Insufficient permissions');
  });

  it('404 → NotFoundException with the message "404 Not found. — Not found."', async () => {
    const e = await failureOf(404, '{"summary":"Not found.","detail":"Not found.","status_code":404}');
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.name).toBe('NotFoundException');
    expect(e.message).toBe('404 Not found. — Not found.');
    expect(e.status).toBe(404);
  });

  it('409 → ConflictException', async () => {
    const e = await failureOf(409, '{"summary":"Account suspended","detail":"Account 7e944232 is suspended","type":"AccountSuspended","status_code":409}');
    expect(e).toBeInstanceOf(ConflictException);
    expect(e.type).toBe('AccountSuspended');
    expect(e.message).toBe('409 Account suspended — Account 7e944232 is suspended');
  });

  it.each([500, 502, 503])('%i → ServerException', async (status) => {
    const e = await failureOf(status, JSON.stringify({ summary: 'Service unavailable', detail: 'The institution is unavailable', status_code: status }));
    expect(e).toBeInstanceOf(ServerException);
    expect(e.name).toBe('ServerException');
    expect(e.status).toBe(status);
    expect(e.summary).toBe('Service unavailable');
  });

  it.each([402, 405])('%i → the base ApiException (no subclass)', async (status) => {
    const e = await failureOf(status, JSON.stringify({ summary: 'Not allowed', detail: 'Not enabled for this account', status_code: status }));
    expect(Object.getPrototypeOf(e)).toBe(ApiException.prototype);
    expect(e.name).toBe('ApiException');
    expect(e.status).toBe(status);
    expect(e.message).toBe(`${status} Not allowed — Not enabled for this account`);
  });
});

describe('429 Too Many Requests', () => {
  const THROTTLED = '{"summary":"Rate limit exceeded","detail":"Request was throttled. Expected available in 3600 seconds.","status_code":429}';

  it('→ RateLimitException, retryAfterSeconds from Retry-After', async () => {
    const e = await failureOf(429, THROTTLED, { ...JSON_HEADERS, 'Retry-After': '42' });
    expect(e).toBeInstanceOf(RateLimitException);
    expect(e.name).toBe('RateLimitException');
    expect(e.retryAfterSeconds).toBe(42);
    expect(e.summary).toBe('Rate limit exceeded');
  });

  it('→ retryAfterSeconds from HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET when the account window is spent, and rateLimit parsed', async () => {
    const e = await failureOf(429, THROTTLED, {
      ...JSON_HEADERS,
      HTTP_X_RATELIMIT_LIMIT: '100',
      HTTP_X_RATELIMIT_REMAINING: '97',
      HTTP_X_RATELIMIT_RESET: '60',
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: '4',
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '0',
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '3600',
    });
    expect(e).toBeInstanceOf(RateLimitException);
    expect(e.retryAfterSeconds).toBe(3600);
    expect(e.rateLimit).toEqual({ limit: 100, remaining: 97, resetSeconds: 60, account: { limit: 4, remaining: 0, resetSeconds: 3600 } });
  });

  it('Retry-After wins over the rate-limit reset', async () => {
    const e = await failureOf(429, THROTTLED, {
      ...JSON_HEADERS,
      'Retry-After': '5',
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '0',
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '3600',
    });
    expect(e.retryAfterSeconds).toBe(5);
  });

  it('a wait longer than maxRetryWaitMs fails at once, even with retries on', async () => {
    fault.script(
      GET_BALANCES,
      answer(429, THROTTLED, { ...JSON_HEADERS, HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: '0', HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: '3600' }),
    );
    const seen = fault.requests;
    const { client: retrying } = clientWithAccessToken({ maxRetries: 2, maxRetryWaitMs: 1_000, baseUrl: fault.baseUrl });
    const error = await rejectionOf(balances(retrying));

    expect(error).toBeInstanceOf(RateLimitException);
    expect((error as RateLimitException).retryAfterSeconds).toBe(3600);
    expect(seen).toHaveLength(1);
  });
});

describe('bodies that are not the API error JSON', () => {
  it('an HTML 502 page: body kept raw, summary undefined, message still readable', async () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    const e = await failureOf(502, page, { 'Content-Type': 'text/html' });
    expect(e).toBeInstanceOf(ServerException);
    expect(e.body).toBe(page);
    expect(e.summary).toBeUndefined();
    expect(e.detail).toBeUndefined();
    expect(e.fieldErrors).toBeUndefined();
    expect(e.message).toBe('502 Bad Gateway');
    expect(e.headers['content-type']).toBe('text/html');
  });

  it('an empty body: body "", no summary, message from the status line', async () => {
    const e = await failureOf(503, '', {});
    expect(e).toBeInstanceOf(ServerException);
    expect(e.body).toBe('');
    expect(e.summary).toBeUndefined();
    expect(e.message).toBe('503 Service Unavailable');
  });

  it('JSON that is not an object (an array) yields no fields and keeps the body', async () => {
    const e = await failureOf(404, '["not", "an", "error", "object"]');
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.summary).toBeUndefined();
    expect(e.fieldErrors).toBeUndefined();
    expect(e.body).toBe('["not", "an", "error", "object"]');
    expect(e.message).toBe('404 Not Found');
  });
});

describe('a 2xx whose body is not valid JSON', () => {
  it('→ InvalidResponseException with the raw body, status and a message that does not quote it', async () => {
    const truncated = '{"balances":[{"balanceAmount":{"amount":"657.49","curr';
    fault.script(GET_BALANCES, answer(200, truncated));
    const error = await rejectionOf(balances(client()));

    expect(fault.count(GET_BALANCES)).toBe(1);
    expect(error).toBeInstanceOf(InvalidResponseException);
    const e = error as InvalidResponseException;
    expect(e.name).toBe('InvalidResponseException');
    expect(e.status).toBe(200);
    expect(e.body).toBe(truncated);
    expect(e.message).toBe(`200 response body is not valid JSON (application/json, ${truncated.length} characters)`);
    expect(e.path).toBe(BALANCES);
  });

  it('an empty 200 body is invalid too', async () => {
    fault.script(GET_BALANCES, answer(200, '', {}));
    const error = await rejectionOf(balances(client()));
    expect(error).toBeInstanceOf(InvalidResponseException);
    expect((error as ApiException).body).toBe('');
  });
});

describe('no response at all', () => {
  it('a refused connection → ConnectionException with status 0', async () => {
    const { client: refused } = clientWithAccessToken({ maxRetries: 0, baseUrl: await refusedBaseUrl() });
    const error = await rejectionOf(balances(refused));

    expect(error).toBeInstanceOf(ConnectionException);
    const e = error as ConnectionException;
    expect(e.name).toBe('ConnectionException');
    expect(e.status).toBe(0);
    expect(e.body).toBe('');
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).toContain(`GET ${BALANCES}`);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('a reset connection → ConnectionException', async () => {
    fault.script(GET_BALANCES, resetBeforeResponse());
    const error = await rejectionOf(balances(client()));
    expect(error).toBeInstanceOf(ConnectionException);
    expect((error as ConnectionException).message).toContain('ECONNRESET');
    expect(fault.count(GET_BALANCES)).toBe(1);
  });

  it('a closed port on 127.0.0.1 → ConnectionException (ECONNREFUSED), retried then given up', async () => {
    const logged: string[] = [];
    const c = new BankAccountDataClient({
      accessToken: jwt('access'),
      baseUrl: await refusedBaseUrl(),
      maxRetries: 2,
      retryBaseDelayMs: 1,
      logger: { debug: () => {}, info: () => {}, warn: (m) => logged.push(m), error: () => {} },
    });
    const error = await rejectionOf(c.agreements.retrieveEUAById({ id: AGREEMENT_ID }));

    expect(error).toBeInstanceOf(ConnectionException);
    expect((error as ConnectionException).status).toBe(0);
    expect((error as ConnectionException).message).toContain('ECONNREFUSED');
    expect(logged).toEqual(['gocardless-bankaccountdata retry', 'gocardless-bankaccountdata retry']);
  });
});

describe('every failure', () => {
  it('is an ApiException and an Error, whatever its kind', async () => {
    const replies: Array<[number, string]> = [
      [400, '{"summary":"Bad","detail":"Bad","status_code":400}'],
      [401, '{"summary":"Invalid token","detail":"x","status_code":401}'],
      [403, '{"summary":"Denied","detail":"x","status_code":403}'],
      [404, '{"summary":"Not found.","detail":"Not found.","status_code":404}'],
      [405, '{"summary":"Method","detail":"x","status_code":405}'],
      [409, '{"summary":"Conflict","detail":"x","status_code":409}'],
      [429, '{"summary":"Throttled","detail":"x","status_code":429}'],
      [500, 'oops'],
      [200, 'not json'],
    ];
    fault.script(GET_BALANCES, ...replies.map(([status, body]) => answer(status, body, {})), resetBeforeResponse());
    const c = client();

    const expected = [
      BadRequestException,
      AuthenticationException,
      PermissionDeniedException,
      NotFoundException,
      ApiException,
      ConflictException,
      RateLimitException,
      ServerException,
      InvalidResponseException,
      ConnectionException,
    ];
    // What a reader of a log line needs first: the status and the API's summary, or the socket error.
    const messages = [
      /^400 Bad\b/,
      /^401 Invalid token\b/,
      /^403 Denied\b/,
      /^404 Not found\./,
      /^405 Method\b/,
      /^409 Conflict\b/,
      /^429 Throttled\b/,
      /^500\b/,
      /^200\b.*JSON/,
      /ECONNRESET/,
    ];
    for (const [i, cls] of expected.entries()) {
      const error = await rejectionOf(balances(c));
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(ApiException);
      expect(error).toBeInstanceOf(Error);
      expect((error as ApiException).message).toMatch(messages[i]);
    }
    expect(fault.count(GET_BALANCES)).toBe(replies.length + 1);
  });
});
