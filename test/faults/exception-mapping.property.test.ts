/**
 * Property: whatever comes back - any status (100-599, and 0), any headers
 * (rate-limit and Retry-After with garbage values included), any body (text,
 * JSON, HTML, and bodies that embed the client's secrets in every shape) - a
 * failed call yields an ApiException, never anything else, and no secret the
 * client holds shows up in its message, stack, inspect or JSON, nor in a log line.
 *
 * Three levels: `createApiException` with the client's redaction, the
 * transport against a stubbed fetch, and the whole client against a stubbed
 * fetch that answers data calls and token calls differently.
 */
import fc from 'fast-check';
import { AbortedException, ApiException, BankAccountDataClient, InvalidResponseException, ServerException } from '../../src';
import { appSender } from '../../src/app-fetch';
import { resolveOptions } from '../../src/configuration';
import { EXCEPTION_CLASS_BY_STATUS, createApiException } from '../../src/errors';
import { parseRateLimit } from '../../src/rate-limit';
import { SecretRegistry } from '../../src/redact';
import { serverWaitSeconds } from '../../src/retry';
import { createTransport } from '../../src/transport';
import { jwt } from './fault-server';
import { INSTITUTION_ID, SECRET_ID, SECRET_KEY, captureLogger, leaks, secretsOf } from './helpers';

const BASE_URL = 'https://bankaccountdata.gocardless.com';
const PATH = `/api/v2/institutions/${INSTITUTION_ID}/`;
const ACCESS = jwt('access');
const REFRESH = jwt('refresh', 3_600);
const SECRETS = secretsOf(undefined, [ACCESS, REFRESH]);
const RUNS = { numRuns: 300, interruptAfterTimeLimit: 6_000 };

function registry(): SecretRegistry {
  const secrets = new SecretRegistry();
  for (const value of [SECRET_KEY, ACCESS, REFRESH]) secrets.add(value);
  return secrets;
}

// ------------------------------------------------------------------ arbitraries

const secret = fc.constantFrom(SECRET_KEY, ACCESS, REFRESH);
const junk = fc.string({ maxLength: 30 });
const base64url = fc.stringOf(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), { minLength: 4, maxLength: 60 });

/**
 * `value` with its first character written as a JSON \\u escape: the same string
 * once parsed, other text on the wire - so only redaction after parsing catches it.
 */
function jsonEscaped(value: string): string {
  return `\\u${value.charCodeAt(0).toString(16).padStart(4, '0')}${value.slice(1)}`;
}

/** Text that carries a secret, in the shapes credentials take in error pages, echoes and logs. */
const embedded = fc.oneof(
  fc.tuple(junk, secret, junk).map(([a, s, b]) => `${a}${s}${b}`),
  fc.tuple(secret, fc.constantFrom('access', 'refresh', 'secret_key')).map(([s, field]) => `{"${field}": "${s}"}`),
  secret.map((s) => `{"access":"${s}","access_expires":86400,"refresh":"${REFRESH}","refresh_expires":2592000}`),
  fc.tuple(secret, fc.nat()).map(([s, n]) => `{"access":"${s.slice(0, 12 + (n % (s.length - 12)))}`), // cut off mid-token
  fc.tuple(junk, secret).map(([a, s]) => `${a} Authorization: Bearer ${s}`),
  fc.tuple(base64url, base64url, base64url).map(([a, b, c]) => `eyJ${a}.${b}.${c}`), // a JWT nobody registered
  secret.map((s) => JSON.stringify({ summary: 'Invalid token', detail: '@' }).replace('@', jsonEscaped(s))),
  secret.map((s) => `{"secret_key": ["${jsonEscaped(s)} is not valid"], "status_code": 400}`),
  secret.map((s) => `{"${jsonEscaped(s)}": ["field named after a secret"]}`),
  fc.tuple(secret, junk).map(([s, j]) => JSON.stringify({ summary: s, detail: j, status_code: 400, field: { summary: j, detail: [s] } })),
  secret.map((s) => `<html><body><pre>Authorization: Bearer ${s}</pre></body></html>`),
);

const errorJson = fc
  .record(
    {
      summary: fc.oneof(junk, embedded),
      detail: fc.oneof(junk, embedded),
      type: junk,
      status_code: fc.integer({ min: 100, max: 599 }),
      institution_id: fc.oneof(fc.array(fc.oneof(junk, embedded), { maxLength: 2 }), fc.record({ summary: junk, detail: fc.oneof(junk, embedded) })),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));

const body = fc.oneof(
  junk,
  fc.fullUnicodeString({ maxLength: 60 }),
  fc.json(),
  errorJson,
  embedded,
  fc.constant(''),
  fc.constant('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'),
  fc.constant('{"detail":"Token is invalid or expired","code":"token_not_valid"}'),
);

const status = fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constant(0), fc.constantFrom(200, 201, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504));

const headerName = fc.constantFrom(
  'HTTP_X_RATELIMIT_LIMIT',
  'HTTP_X_RATELIMIT_REMAINING',
  'HTTP_X_RATELIMIT_RESET',
  'HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT',
  'HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING',
  'HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'Retry-After',
  'Content-Type',
  'WWW-Authenticate',
  'Set-Cookie',
  'X-Debug-Authorization',
);
const headerValue = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e309', '0x10', '1.5', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT', 'application/json', 'text/html'),
  fc.integer({ min: -3_600, max: 3_600 }).map((s) => new Date(Date.now() + s * 1000).toUTCString()),
  junk,
  embedded.filter((text) => !/[^\x20-\x7e]/.test(text)),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });
const reason = fc.oneof(
  fc.constant(''),
  fc.constantFrom('OK', 'Internal Server Error', 'Too Many Requests'),
  junk,
  embedded.filter((text) => !/[^\x20-\x7e]/.test(text)),
);

/** What a fetch can do: answer (status, headers, body, reason), fail to connect, or fail while reading the body. */
const reply = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('response' as const), status, headers, body, reason }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reject' as const),
      code: fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', undefined),
      message: fc.oneof(junk, embedded),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('broken-body' as const), status, headers, message: fc.oneof(junk, embedded) }) },
);
type Reply = typeof reply extends fc.Arbitrary<infer T> ? T : never;

/** Data replies biased towards 401, so the token paths (refresh, new pair) run often. */
const dataReply: fc.Arbitrary<Reply> = fc.oneof(reply, fc.record({ kind: fc.constant('response' as const), status: fc.constant(401), headers, body, reason }));
/** Token replies biased towards 2xx with any JSON, which the token manager must check before use. */
const tokenReply: fc.Arbitrary<Reply> = fc.oneof(
  reply,
  fc.record({ kind: fc.constant('response' as const), status: fc.constantFrom(200, 201), headers, body: fc.json(), reason }),
);

// ------------------------------------------------------------------ helpers

function toHeaders(pairs: Array<[string, string]>): Headers {
  const out = new Headers();
  for (const [name, value] of pairs) out.append(name, value);
  return out;
}

/** A fetch Response as far as the transport reads one; statuses outside 200-599 included, which `new Response` refuses. */
function fakeResponse(r: { status: number; headers: Array<[string, string]>; reason?: string }, text: () => Promise<string>): Response {
  return {
    status: r.status,
    statusText: r.reason ?? '',
    ok: r.status >= 200 && r.status < 300,
    headers: toHeaders(r.headers),
    url: `${BASE_URL}${PATH}`,
    redirected: false,
    type: 'basic',
    body: null,
    bodyUsed: false,
    text,
  } as unknown as Response;
}

function answer(r: Reply): Promise<Response> {
  if (r.kind === 'reject') return Promise.reject(Object.assign(new Error(r.message), r.code ? { code: r.code } : {}));
  if (r.kind === 'broken-body') {
    return Promise.resolve(
      fakeResponse(r, () => Promise.reject(Object.assign(new Error(`Premature close: ${r.message}`), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))),
    );
  }
  return Promise.resolve(fakeResponse(r, () => Promise.resolve(r.body)));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The package's own status → class table, and the ranges around it (5xx, 2xx, the rest). */
function expectedClass(code: number): typeof ApiException {
  if (EXCEPTION_CLASS_BY_STATUS[code]) return EXCEPTION_CLASS_BY_STATUS[code];
  if (code >= 500) return ServerException;
  if (code >= 200 && code < 300) return InvalidResponseException;
  return ApiException;
}

// ------------------------------------------------------------------ properties

test('createApiException: every status, header and body → the right ApiException, body kept redacted, no secret anywhere', () => {
  const secrets = registry();
  fc.assert(
    fc.property(status, headers, body, reason, (code, pairs, text, phrase) => {
      const responseHeaders = toHeaders(pairs);
      const rateLimit = parseRateLimit(responseHeaders);
      const wait = serverWaitSeconds(responseHeaders, rateLimit);
      if (wait !== undefined) expect(Number.isFinite(wait) && wait >= 0).toBe(true);
      for (const window of [rateLimit, rateLimit?.account]) {
        for (const value of [window?.limit, window?.remaining, window?.resetSeconds]) {
          if (value !== undefined) expect(Number.isFinite(value) && value >= 0).toBe(true);
        }
      }
      const plain: Record<string, string> = {};
      responseHeaders.forEach((value, name) => (plain[name] = value));

      const error = createApiException({
        status: code,
        reason: phrase,
        headers: plain,
        body: text,
        method: 'GET',
        path: PATH,
        rateLimit,
        retryAfterSeconds: wait,
        redact: (t) => secrets.redact(t),
      });

      expect(error).toBeInstanceOf(expectedClass(code));
      expect(error.status).toBe(code);
      expect(error.body).toBe(secrets.redact(text));
      expect(error.rateLimit).toEqual(rateLimit);
      expect(leaks(error, [], SECRETS)).toEqual([]);
    }),
    RUNS,
  );
});

test('transport: any reply → a response (2xx with JSON only) or an ApiException, no secret in it or in the logs', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 3 }), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), async (replies, method) => {
      const { lines, logger } = captureLogger();
      let calls = 0;
      const send = createTransport({
        sender: appSender(() => answer(replies[Math.min(calls++, replies.length - 1)]), 1024 * 1024),
        options: resolveOptions({
          accessToken: ACCESS,
          baseUrl: BASE_URL,
          maxRetries: 2,
          retryBaseDelayMs: 0,
          retryMaxDelayMs: 0,
          maxRetryWaitMs: 5,
          timeoutMs: 1_000,
          totalTimeoutMs: 2_000,
        }),
        secrets: registry(),
        logger,
      });

      const lastReply = () => replies[Math.min(calls, replies.length) - 1];
      let outcome: unknown;
      try {
        const response = await send(`${BASE_URL}${PATH}`, { method, headers: { Authorization: `Bearer ${ACCESS}` } }, { auth: true });
        outcome = response;
        const last = lastReply();
        expect(last.kind).toBe('response');
        if (last.kind === 'response') {
          expect(last.status >= 200 && last.status < 300 && isJson(last.body)).toBe(true);
          expect(await response.text()).toBe(last.body);
        }
      } catch (error) {
        outcome = error;
        expect(error).toBeInstanceOf(ApiException);
        expect(error).not.toBeInstanceOf(AbortedException);
        // `cause` is the fetch's own error, as thrown; the renderings below are what gets logged.
        expect(leaks(error, lines, SECRETS, { raw: lastReply().kind === 'response' })).toEqual([]);
      }
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(calls).toBeLessThanOrEqual(3);
      expect(leaks(undefined, lines, SECRETS)).toEqual([]);
      return outcome !== undefined;
    }),
    RUNS,
  );
});

test('client: any data reply and any token reply → a value or an ApiException, no secret in it or in the logs', async () => {
  await fc.assert(
    fc.asyncProperty(dataReply, tokenReply, async (dataReply, tokenReply) => {
      const { lines, logger } = captureLogger();
      const requests: string[] = [];
      const client = new BankAccountDataClient({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        accessToken: ACCESS,
        refreshToken: REFRESH,
        baseUrl: BASE_URL,
        maxRetries: 1,
        retryBaseDelayMs: 0,
        retryMaxDelayMs: 0,
        maxRetryWaitMs: 5,
        timeoutMs: 1_000,
        totalTimeoutMs: 2_000,
        logger,
        fetchApi: (input) => {
          const url = String(input);
          requests.push(url);
          return answer(url.includes('/token/') ? tokenReply : dataReply);
        },
      });

      try {
        const value = await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });
        expect(dataReply.kind === 'response' && isJson(dataReply.body)).toBe(true);
        expect(value).toEqual(JSON.parse((dataReply as { body: string }).body));
      } catch (error) {
        expect(error).toBeInstanceOf(ApiException);
        expect(leaks(error, lines, SECRETS, { raw: dataReply.kind === 'response' && tokenReply.kind === 'response' })).toEqual([]);
      }
      // Bounded: two data attempts, a replay after a 401, and at most two token requests (refresh, then a new pair).
      expect(requests.length).toBeLessThanOrEqual(2 + 2 + 4);
      expect(leaks(undefined, lines, SECRETS)).toEqual([]);
    }),
    { numRuns: 200, interruptAfterTimeLimit: 6_000 },
  );
});
