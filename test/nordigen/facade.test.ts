/**
 * What the nordigen-node facade adds over the parity script: its errors (the
 * client's exceptions with an axios-style `response`, nothing secret in it), its
 * tokens, its options, and what it refuses before any request.
 */
import { inspect } from 'node:util';
import { ApiException, NotFoundException, ConnectionException, RateLimitException } from '../../src/index';
import NordigenClient, { NordigenClient as Named, type NordigenApiException } from '../../src/nordigen/index';
import { createSandboxServer, type SandboxServer } from '../../src/sandbox/index';
import { FaultServer, json, refusedBaseUrl, respond } from '../faults/fault-server';
import { jwt } from '../fixtures/jwt';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await createSandboxServer({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** For answers the sandbox would never give (a body echoing credentials). */
let fault: FaultServer;
beforeAll(async () => {
  fault = await FaultServer.start();
});
afterAll(() => fault.close());
beforeEach(() => fault.reset());

const baseUrl = () => `${sandbox.url}/api/v2`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function failure(promise: Promise<unknown>): Promise<NordigenApiException> {
  try {
    await promise;
  } catch (error) {
    return error as NordigenApiException;
  }
  throw new Error('the call did not fail');
}

describe('the entry point', () => {
  it('exports NordigenClient as the default and by name', () => {
    expect(NordigenClient).toBe(Named);
  });
});

describe('errors', () => {
  it('a 404 is a NotFoundException with code and retryable, and an axios-style response', async () => {
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() });
    const error = await failure(client.requisition.getRequisitionById(UNKNOWN_ID));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe('NotFound');
    expect(error.retryable).toBe(false);
    expect(error.response).toEqual({
      status: 404,
      statusText: 'Not Found',
      data: { summary: 'Not found.', detail: expect.stringContaining(UNKNOWN_ID), status_code: 404 },
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    });
    // Serialized as before: the response adds nothing to JSON or inspect output.
    expect(Object.keys(JSON.parse(JSON.stringify(error)))).not.toContain('response');
  });

  it("a 429's response carries the detail apps parse, beside retryAfterSeconds", async () => {
    sandbox.injectError('RateLimitExceeded', { operation: 'retrieveAllAgreements' });
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() }, { maxRetryWaitMs: 0 });
    const error = await failure(client.agreement.getAgreements());
    expect(error).toBeInstanceOf(RateLimitException);
    expect(error.response?.status).toBe(429);
    expect((error.response?.data as { detail: string }).detail).toMatch(/try again in \d+ seconds/);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('no response (connection refused): response is undefined, as with axios', async () => {
    const client = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: `${await refusedBaseUrl()}/api/v2` }, { maxRetries: 0 });
    const error = await failure(client.institution.getInstitutions({ country: 'GB' }));
    expect(error).toBeInstanceOf(ConnectionException);
    expect(error.response).toBeUndefined();
  });

  it('a server that echoes credentials: neither response.data, response.headers nor the serialized error holds them', async () => {
    const access = jwt('access');
    const secretKey = 'super-secret-key-value';
    fault.script(
      'POST /api/v2/agreements/enduser/',
      respond(({ request }) => {
        const authorization = String(request.headers.authorization);
        return json(400, { summary: 'Echo', detail: `${authorization} ${request.body} ${secretKey}`, status_code: 400 }, { 'X-Echo': authorization });
      }),
    );
    const client = new NordigenClient({ secretId: 'id', secretKey, baseUrl: `${fault.baseUrl}/api/v2` });
    client.token = access;
    const error = await failure(client.agreement.createAgreement({ institutionId: 'SANDBOXFINANCE_SFIN0000' }));
    expect(error.response?.status).toBe(400);
    const everything = [JSON.stringify(error.response), JSON.stringify(error), inspect(error, { showHidden: true, depth: 5 }), error.message].join('\n');
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(access);
    expect(everything).not.toContain(secretKey);
  });
});

describe('tokens', () => {
  it('token is null before any call; a call obtains one by itself, and token then reads it', async () => {
    const tokens: string[] = [];
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() }, { onTokens: (set) => tokens.push(set.access) });
    expect(client.token).toBeNull();
    await client.institution.getInstitutions({ country: 'GB' });
    expect(tokens).toHaveLength(1);
    expect(client.token).toBe(tokens[0]);
  });

  it("generateToken() returns the API's pair and later calls use its access token; exchangeToken() leaves the token in use", async () => {
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() });
    const pair = await client.generateToken();
    expect(pair).toEqual({ access: expect.any(String), access_expires: 86_400, refresh: expect.any(String), refresh_expires: 2_592_000 });
    expect(client.token).toBe(pair.access);
    const renewed = await client.exchangeToken({ refreshToken: pair.refresh });
    expect(renewed).toEqual({ access: expect.any(String), access_expires: 86_400 });
    expect(client.token).toBe(pair.access);
    const before = sandbox.requestCount;
    await client.agreement.getAgreements();
    expect(sandbox.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/agreements/enduser/']);
  });

  it('a token the app sets is sent as it is, with no token call first; when refused, the secrets get a new one', async () => {
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() });
    client.token = jwt('access'); // well-formed and unexpired, but not issued by this sandbox: refused with 401
    const before = sandbox.requestCount;
    await client.institution.getInstitutions({ country: 'GB' });
    expect(sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v2/institutions/ 401',
      'POST /api/v2/token/new/ 200',
      'GET /api/v2/institutions/ 200',
    ]);
  });

  it('calls work with only a token (no secrets), and the setter refuses a non-string', async () => {
    const issuer = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() });
    const { access } = await issuer.generateToken();
    const client = new NordigenClient({ baseUrl: baseUrl() });
    client.token = access!;
    await expect(client.institution.getInstitutions({ country: 'GB' })).resolves.toEqual(expect.any(Array));
    expect(() => {
      client.token = 42 as never;
    }).toThrow(/"token"/);
  });

  it('without secrets or a token, a call fails naming what is missing, before any request', async () => {
    const client = new NordigenClient({ baseUrl: baseUrl() });
    const before = sandbox.requestCount;
    await expect(client.institution.getInstitutions({ country: 'GB' })).rejects.toThrow(/secretId/);
    expect(sandbox.requestCount).toBe(before);
  });
});

describe('options', () => {
  it('baseUrl is taken as nordigen-node takes it (ending in /api/v2), and anything else is refused naming it', () => {
    expect(new NordigenClient({ secretId: 'a', secretKey: 'b' }).baseUrl).toBe('https://bankaccountdata.gocardless.com/api/v2');
    expect(new NordigenClient({ secretId: 'a', secretKey: 'b', baseUrl: 'http://127.0.0.1:1/api/v2/' }).baseUrl).toBe('http://127.0.0.1:1/api/v2/');
    expect(() => new NordigenClient({ secretId: 'a', secretKey: 'b', baseUrl: 'http://127.0.0.1:1' })).toThrow(/"baseUrl".*\/api\/v2/);
  });

  it("the second argument is the client's options (here: no retries)", async () => {
    sandbox.injectError('UnknownRequestError', { operation: 'retrieveAllSupportedInstitutionsInAGivenCountry' });
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() }, { maxRetries: 0 });
    const error = await failure(client.institution.getInstitutions({ country: 'GB' }));
    expect(error.response?.status).toBe(500);
    expect(error.retryable).toBe(true);
  });

  it('the secrets and the token stay out of JSON.stringify and console.log of the client', async () => {
    const client = new NordigenClient({ ...sandbox.credentials, baseUrl: baseUrl() });
    await client.generateToken();
    const shown = `${JSON.stringify(client)}\n${inspect(client, { depth: 5 })}`;
    expect(shown).not.toContain(sandbox.credentials.secretKey);
    expect(shown).not.toContain(client.token);
    expect(client.secretKey).toBe(sandbox.credentials.secretKey);
    expect(client.headers).toEqual({ accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': expect.any(String) });
  });
});
