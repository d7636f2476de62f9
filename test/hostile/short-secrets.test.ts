/**
 * A server that echoes a credential back in its error body: the secret key and
 * every token are redacted from the exception whatever their length (they used
 * to be registered only from 8 characters on).
 */
import { inspect } from 'util';
import { ApiException, BankAccountDataClient } from '../../src';
import { TOKEN_NEW, json } from '../faults/fault-server';
import { server, useFaultServer } from '../faults/helpers';

useFaultServer();

async function failureOf(call: () => Promise<unknown>): Promise<ApiException> {
  const error = await call().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  return error as ApiException;
}

function renderings(error: ApiException): string[] {
  return [error.message, error.body, JSON.stringify(error), inspect(error, { depth: 6 }), String(error.stack)];
}

it('a 6-character secret key echoed in a 400 of the token request', async () => {
  const secretKey = 'k3y-S7';
  server.script(TOKEN_NEW, json(400, { secret_key: [`${secretKey} is not a valid key`], status_code: 400 }));
  const client = new BankAccountDataClient({ baseUrl: server.baseUrl, secretId: 'id-1', secretKey, maxRetries: 0 });
  const error = await failureOf(() => client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry());
  expect(server.requests[0].url).toBe('/api/v2/token/new/');
  for (const text of renderings(error)) expect(text).not.toContain(secretKey);
  expect(error.body).toContain('[redacted] is not a valid key');
  client.close();
});

it('a 4-character access token echoed in a 401', async () => {
  const accessToken = 'tk9Z';
  server.script('GET /api/v2/institutions/', json(401, { summary: 'Invalid token', detail: `token ${accessToken} is unknown` }));
  const client = new BankAccountDataClient({ baseUrl: server.baseUrl, accessToken, maxRetries: 0 });
  const error = await failureOf(() => client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry());
  expect(error.status).toBe(401); // the scripted echo, not the 404 of a route left unscripted
  for (const text of [...renderings(error), error.detail ?? '']) expect(text).not.toContain(accessToken);
  client.close();
});

it('a 1-character secret is redacted too, eagerly: every occurrence of that character in the error text', async () => {
  server.script(TOKEN_NEW, json(400, { summary: 'Bad', detail: 'key Q rejected' }));
  const client = new BankAccountDataClient({ baseUrl: server.baseUrl, secretId: 'id-1', secretKey: 'Q', maxRetries: 0 });
  const error = await failureOf(() => client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry());
  expect(error.detail).toBe('key [redacted] rejected');
  client.close();
});
