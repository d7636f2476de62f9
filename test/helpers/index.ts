/**
 * Shared fixtures of the suites that talk to a fake API: JWT-shaped tokens,
 * token replies and a client factory with fast retries. Importing this file
 * installs nothing: a suite picks its fake (the in-process `fetchApi` of
 * './scripted-fetch', the fault server, the sandbox) and hands it to the client.
 */
import { BankAccountDataClient, type ClientOptions } from '../../src';
import { jwt } from '../fixtures/jwt';

export { jwt } from '../fixtures/jwt';
export { ACCOUNT_ID, AGREEMENT_ID, BASE_URL, INSTITUTION_ID, REQUISITION_ID, SECRET_ID, SECRET_KEY } from '../fixtures/operations';
export type { SeenRequest } from './scripted-fetch';
import { BASE_URL, SECRET_ID, SECRET_KEY } from '../fixtures/operations';

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

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Tests never reach the network: a client given no `fetchApi` and aimed
 * anywhere but loopback (the real API's address, by default) gets one that
 * refuses every request, naming it, so a test that forgot its fake fails
 * instead of calling out.
 */
function offline(options: ClientOptions): ClientOptions {
  if (options.fetchApi || LOOPBACK_HOSTS.has(new URL(options.baseUrl ?? BASE_URL).hostname)) return options;
  return {
    ...options,
    fetchApi: (url: string) => Promise.reject(new Error(`a test client sent ${url} to no fake API: give it a fetchApi, or a loopback baseUrl`)),
  };
}

/** A client against `BASE_URL` holding the test secrets, with 1 ms backoff steps so retries cost nothing. */
export function newClient(options: Partial<ClientOptions> = {}): BankAccountDataClient {
  return new BankAccountDataClient(
    offline({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      baseUrl: BASE_URL,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...options,
    }),
  );
}

/** A client that holds only a long-lived access token: no token request is ever needed. */
export function clientWithAccessToken(options: Partial<ClientOptions> = {}): { client: BankAccountDataClient; access: string } {
  const access = jwt('access');
  const client = new BankAccountDataClient(offline({ accessToken: access, baseUrl: BASE_URL, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...options }));
  return { client, access };
}

/** `<tokenType> <value>` of an Authorization header, or undefined. */
export function bearerOf(request: { headers: Record<string, string> }): string | undefined {
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
