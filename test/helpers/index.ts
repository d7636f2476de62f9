/**
 * Shared fixtures of the test suite: JWT-shaped tokens, a client factory with
 * fast retries, and a recorder of the requests nock intercepted.
 */
import { randomBytes } from 'crypto';
import nock from 'nock';

// Every file that uses these helpers: no real connections except those a test
// allows, no interceptor left over between tests. nock patches Node's shared
// `http` module when it is loaded and jest runs several files in one worker, so
// the patch is undone after each file, or later files (the fault-injection
// suite's real server) would talk to nock instead.
beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
import { BankAccountDataClient, type ClientOptions } from '../../src';

export const BASE_URL = 'https://bankaccountdata.gocardless.com';
export const SECRET_ID = '3d9f1c2e-secret-id-for-tests';
/** Not JWT-shaped on purpose: only the client's secret registry can redact it. */
export const SECRET_KEY = 'sk_test_9c41b7e2f05a4d6c8e13a7b9d2f4c6e8a0b1c3d5';

export const AGREEMENT_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const REQUISITION_ID = '8126e9fb-93c9-4228-937c-68f0383c2df7';
export const ACCOUNT_ID = '7e944232-bda9-40bc-b784-660c7ab5fe78';
export const INSTITUTION_ID = 'SANDBOXFINANCE_SFIN0000';

let serial = 0;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A token shaped like the API's (HS256 JWT with `token_type`, `exp`, `jti`).
 * `expiresInSeconds` may be negative for a token that already expired. Every
 * call returns a different token.
 */
export function jwt(type: 'access' | 'refresh', expiresInSeconds = 86_400): string {
  serial += 1;
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url({ token_type: type, exp: now + expiresInSeconds, jti: `${serial}-${randomBytes(6).toString('hex')}`, id: 4242 });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

export interface TokenPair {
  access: string;
  access_expires: number;
  refresh: string;
  refresh_expires: number;
}

/** A `POST /api/v2/token/new/` response body; the JWTs' `exp` agrees with the `*_expires` seconds. */
export function tokenPair(options: { accessExpires?: number; refreshExpires?: number } = {}): TokenPair {
  const accessExpires = options.accessExpires ?? 86_400;
  const refreshExpires = options.refreshExpires ?? 2_592_000;
  return {
    access: jwt('access', accessExpires),
    access_expires: accessExpires,
    refresh: jwt('refresh', refreshExpires),
    refresh_expires: refreshExpires,
  };
}

/** A `POST /api/v2/token/refresh/` response body. */
export function refreshedAccess(accessExpires = 86_400): { access: string; access_expires: number } {
  return { access: jwt('access', accessExpires), access_expires: accessExpires };
}

/** A client against `BASE_URL` holding the test secrets, with 1 ms backoff steps so retries cost nothing. */
export function newClient(options: Partial<ClientOptions> = {}): BankAccountDataClient {
  return new BankAccountDataClient({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    baseUrl: BASE_URL,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    ...options,
  });
}

/** A client that holds only a long-lived access token: no token request is ever needed. */
export function clientWithAccessToken(options: Partial<ClientOptions> = {}): { client: BankAccountDataClient; access: string } {
  const access = jwt('access');
  const client = new BankAccountDataClient({ accessToken: access, baseUrl: BASE_URL, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...options });
  return { client, access };
}

/** One request as it reached nock. Header names are lower-case. */
export interface SeenRequest {
  method: string;
  /** Path and query string, exactly as sent. */
  path: string;
  headers: Record<string, string>;
  /** The raw request body ('' when none). */
  body: string;
}

/** Records, in order, every request that any interceptor of `scope` answers. */
export function recordRequests(scope: nock.Scope): SeenRequest[] {
  const seen: SeenRequest[] = [];
  scope.on('request', (req: { method: string; path: string; headers: Record<string, unknown> }, _interceptor: unknown, body: string) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    seen.push({ method: req.method, path: req.path, headers, body: body ?? '' });
  });
  return seen;
}

/**
 * Records requests that found no interceptor (with `nock.disableNetConnect()`
 * they never leave the process). Returns the list and a function that stops recording.
 */
export function recordUnmatched(): { unmatched: string[]; stop: () => void } {
  const unmatched: string[] = [];
  const listener = (req: { method?: string; path?: string; href?: string }) => {
    unmatched.push(`${req.method ?? '?'} ${req.path ?? req.href ?? '?'}`);
  };
  nock.emitter.on('no match', listener);
  return { unmatched, stop: () => nock.emitter.removeListener('no match', listener) };
}

/** `<tokenType> <value>` of an Authorization header, or undefined. */
export function bearerOf(request: SeenRequest): string | undefined {
  const value = request.headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
}

/** Awaits `promise` and returns what it rejected with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
