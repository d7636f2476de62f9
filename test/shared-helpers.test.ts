/**
 * The shared helpers install nothing when imported: a suite that talks to real
 * loopback servers (the fault server, the sandbox) can use their tokens and ids
 * and still send through Node's own `http`, `https` and `fetch`. A fake API
 * reaches a client only as its `fetchApi` option (test/helpers/scripted-fetch.ts).
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
