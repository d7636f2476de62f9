/**
 * Whether a call carries a bearer token comes from its operation's `security` in
 * openapi/bank-account-data.yaml: the generated method passes it to the
 * transport as `auth`, and the transport obtains a token exactly when it is
 * true. No header stands in for that fact.
 */
import { AccountsApi } from '../generated/apis/AccountsApi';
import { AgreementsApi } from '../generated/apis/AgreementsApi';
import { InstitutionsApi } from '../generated/apis/InstitutionsApi';
import { RequisitionsApi } from '../generated/apis/RequisitionsApi';
import { TokenApi } from '../generated/apis/TokenApi';
import { Configuration } from '../src/request/runtime';
import { listOperations, readSpec } from '../scripts/lib/spec';
import { BankAccountDataClient } from '../src';
import { appSender } from '../src/app-fetch';
import type { TokenManager } from '../src/auth/token-manager';
import { resolveOptions } from '../src/configuration';
import type { OperationFacts } from '../src/request/fetch-types';
import { SecretRegistry } from '../src/redact';
import { createTransport } from '../src/transport';
import { callFixture, operationFixtures } from './fixtures/operations';
import { BASE_URL, SECRET_ID, SECRET_KEY, tokenPair } from './helpers';

const doc = readSpec();
/** What the document says, and nothing else: the operation's own `security`, else the document's. */
const securedInDocument = new Map(
  listOperations(doc).map((o) => {
    const security = (o.operation.security ?? doc.security ?? []) as unknown[];
    return [o.clientName, security.length > 0] as const;
  }),
);
const OPERATIONS = operationFixtures();

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

it('the document has operations of both kinds (the token endpoints have `security: []`)', () => {
  const values = [...securedInDocument.values()];
  expect(values).toContain(true);
  expect(values).toContain(false);
  expect(securedInDocument.get('token.obtainNewAccessRefreshTokenPair')).toBe(false);
});

it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s tells the transport what its security in the document says', async (name, op) => {
  const seen: OperationFacts[] = [];
  const configuration = new Configuration({
    basePath: BASE_URL,
    fetchApi: async (_url, _init, operation) => {
      seen.push(operation);
      return jsonResponse(op.status, op.reply);
    },
  });
  const apis = {
    token: new TokenApi(configuration),
    institutions: new InstitutionsApi(configuration),
    agreements: new AgreementsApi(configuration),
    requisitions: new RequisitionsApi(configuration),
    accounts: new AccountsApi(configuration),
  };
  await callFixture(apis, op);
  expect(seen.map((facts) => facts.auth)).toEqual([securedInDocument.get(name)]);
});

describe('through the client: a `security: []` operation never obtains a token, a secured one always carries one', () => {
  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s, called three times', async (name, op) => {
    const pair = tokenPair();
    const sent: Array<{ path: string; authorization: string | null }> = [];
    const client = new BankAccountDataClient({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      baseUrl: BASE_URL,
      fetchApi: async (url, init) => {
        const path = new URL(url).pathname;
        sent.push({ path, authorization: new Headers(init.headers).get('authorization') });
        // The client's own token request is the only one to /token/new/ that is not this operation's call.
        return path === '/api/v2/token/new/' && name !== 'token.obtainNewAccessRefreshTokenPair' ? jsonResponse(200, pair) : jsonResponse(op.status, op.reply);
      },
    });
    for (let i = 0; i < 3; i++) await callFixture(client, op);

    const calls = sent.filter((request) => request.path === op.sent.split('?')[0]);
    expect(calls).toHaveLength(3);
    if (securedInDocument.get(name)) {
      // One token request, then every call with its bearer token.
      expect(sent).toHaveLength(4);
      expect(sent[0]).toEqual({ path: '/api/v2/token/new/', authorization: null });
      for (const call of calls) expect(call.authorization).toBe(`Bearer ${pair.access}`);
    } else {
      expect(sent).toHaveLength(3);
      for (const call of calls) expect(call.authorization).toBeNull();
    }
  });
});

it('an Authorization header among the options reaches neither the token endpoint nor a secured call', async () => {
  const pair = tokenPair();
  const sent: Array<string | null> = [];
  const client = new BankAccountDataClient({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    baseUrl: BASE_URL,
    headers: { authorization: 'Basic c29tZTpvbmU=', 'X-Team': 'payments' },
    fetchApi: async (url, init) => {
      const headers = new Headers(init.headers);
      sent.push(headers.get('authorization'));
      expect(headers.get('x-team')).toBe('payments');
      return new URL(url).pathname === '/api/v2/token/new/' ? jsonResponse(200, pair) : jsonResponse(200, { results: [] });
    },
  });
  await client.agreements.retrieveAllAgreements({});
  expect(sent).toEqual([null, `Bearer ${pair.access}`]);
});

describe('the transport reads `auth`, not the headers', () => {
  function transportWithTokens() {
    let obtained = 0;
    const sent: Array<string | null> = [];
    const tokens = {
      canRenew: false,
      validAccessToken: () => undefined,
      getAccessToken: async () => `token-${++obtained}`,
    } as unknown as TokenManager;
    const send = createTransport({
      sender: appSender(async (_url, init) => {
        sent.push(new Headers(init.headers).get('authorization'));
        return jsonResponse(200, {});
      }, 1024),
      options: resolveOptions({ accessToken: 'unused', baseUrl: BASE_URL }),
      secrets: new SecretRegistry(),
      tokens,
    });
    return { send, sent, obtained: () => obtained };
  }

  it('auth false: no token is obtained, even when a header looks like a placeholder for one', async () => {
    const { send, sent, obtained } = transportWithTokens();
    await send(`${BASE_URL}/api/v2/token/new/`, { method: 'POST', headers: { Authorization: 'Bearer pending-access-token' } }, { auth: false });
    await send(`${BASE_URL}/api/v2/token/new/`, { method: 'POST', headers: {} }, { auth: false });
    expect(obtained()).toBe(0);
    expect(sent).toEqual(['Bearer pending-access-token', null]);
  });

  it('auth true: the token is obtained and sent though no header asks for it', async () => {
    const { send, sent, obtained } = transportWithTokens();
    await send(`${BASE_URL}/api/v2/institutions/`, { method: 'GET', headers: { Accept: 'application/json' } }, { auth: true });
    expect(obtained()).toBe(1);
    expect(sent).toEqual(['Bearer token-1']);
  });

  it("auth true with the call's own Authorization header: that header is sent, no token is obtained", async () => {
    const { send, sent, obtained } = transportWithTokens();
    await send(`${BASE_URL}/api/v2/institutions/`, { method: 'GET', headers: { authorization: 'Bearer app-token' } }, { auth: true });
    expect(obtained()).toBe(0);
    expect(sent).toEqual(['Bearer app-token']);
  });
});
