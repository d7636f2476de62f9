/**
 * The shared helpers install nothing when imported: a suite that talks to real
 * loopback servers (the fault server, the sandbox) can use their tokens and ids
 * and still send through Node's own `http`, `https` and `fetch`. A fake API
 * reaches a client only as its `fetchApi` option (test/helpers/scripted-fetch.ts)
 * or its loopback `baseUrl`; a helper client given neither sends nothing.
 */
import http from 'http';
import https from 'https';

it('importing test/helpers leaves http, https and the global fetch untouched', () => {
  const before = { http: http.request, https: https.request, get: http.get, fetch: globalThis.fetch };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const helpers = require('./helpers') as typeof import('./helpers');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scripted = require('./helpers/scripted-fetch') as typeof import('./helpers/scripted-fetch');
  expect(typeof helpers.jwt('access')).toBe('string');
  expect(typeof scripted.scriptedApi().fetchApi).toBe('function');
  expect({ http: http.request, https: https.request, get: http.get, fetch: globalThis.fetch }).toEqual(before);
  expect(http.request).toBe(before.http);
  expect(globalThis.fetch).toBe(before.fetch);
});

it('a helper client given no fake API refuses to send, naming the request, instead of calling the real API', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { newClient, clientWithAccessToken } = require('./helpers') as typeof import('./helpers');
  const withSecrets = newClient({ maxRetries: 0 }).institutions.retrieveInstitution({ id: 'SANDBOXFINANCE_SFIN0000' });
  const withToken = clientWithAccessToken({ maxRetries: 0 }).client.requisitions.retrieveAllRequisitions();

  await expect(withSecrets).rejects.toThrow(/https:\/\/bankaccountdata\.gocardless\.com\/api\/v2\/token\/new\/ to no fake API/);
  await expect(withToken).rejects.toThrow(/\/api\/v2\/requisitions\/ to no fake API/);
});
