/**
 * A redirect is reported, not followed, by every transport: the app's own
 * fetch (`globalThis.fetch` follows by default) gets `redirect: 'manual'`
 * unless the caller asked otherwise, so the bearer token is never re-sent.
 */
import { ApiException, BankAccountDataClient, type ClientOptions } from '../../src';
import { jwt } from '../fixtures/jwt';
import { exactly, json } from '../faults/fault-server';
import { server, useFaultServer } from '../faults/helpers';

const ACCESS_TOKEN = jwt('access');

useFaultServer();
beforeEach(() => {
  server.script('GET /api/v2/institutions/BANK_X/', exactly(302, '', { location: '/collect/' }));
  server.script('GET /collect/', json(200, []));
});

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
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/institutions/BANK_X/']);
    client.close();
  });

  it("a caller who asks to follow (redirect: 'follow') is followed", async () => {
    const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken: ACCESS_TOKEN, ...transport });
    await expect(client.institutions.retrieveInstitution({ id: 'BANK_X' }, { redirect: 'follow' })).resolves.toEqual([]);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/institutions/BANK_X/', '/collect/']);
    client.close();
  });
});
