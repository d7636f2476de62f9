/**
 * A redirect is reported, not followed, by every transport: the app's own
 * fetch (`globalThis.fetch` follows by default) gets `redirect: 'manual'`
 * unless the caller asked otherwise, so the bearer token is never re-sent.
 */
import { ApiException, BankAccountDataClient, type ClientOptions } from '../../src';
import { ACCESS_TOKEN, startLoopback, type Loopback } from './loopback';

let server: Loopback;
beforeEach(async () => {
  server = await startLoopback((req, res) => {
    if (req.url?.startsWith('/api/v2/institutions/')) {
      res.writeHead(302, { location: '/collect/' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
});
afterEach(() => server.close());

describe.each([
  ['the default transport', {}],
  ["the app's own fetch (globalThis.fetch)", { fetchApi: globalThis.fetch }],
] as Array<[string, Partial<ClientOptions>]>)('%s', (_name, transport) => {
  it('a same-origin 302 → ApiException with the status and Location, one request, the token sent once', async () => {
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, ...transport });
    const error = await client.institutions.retrieveInstitution({ id: 'BANK_X' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiException);
    expect(error).toMatchObject({ status: 302, headers: expect.objectContaining({ location: expect.stringMatching(/\/collect\/$/) }) });
    expect(server.seen.map((r) => r.url)).toEqual(['/api/v2/institutions/BANK_X/']);
    client.close();
  });

  it("a caller who asks to follow (redirect: 'follow') is followed", async () => {
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, ...transport });
    await expect(client.institutions.retrieveInstitution({ id: 'BANK_X' }, { redirect: 'follow' })).resolves.toEqual([]);
    expect(server.seen.map((r) => r.url)).toEqual(['/api/v2/institutions/BANK_X/', '/collect/']);
    client.close();
  });
});
