/**
 * The shared helpers install nothing when imported: a suite that talks to real
 * loopback servers can use their tokens and ids without nock taking over
 * Node's `http` module. nock comes only with an explicit `useNock()`.
 */
import http from 'http';
import https from 'https';

it('importing test/helpers leaves http and https untouched', () => {
  const before = { http: http.request, https: https.request, get: http.get };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const helpers = require('./helpers') as typeof import('./helpers');
  expect(typeof helpers.jwt('access')).toBe('string');
  expect({ http: http.request, https: https.request, get: http.get }).toEqual(before);
  expect(http.request).toBe(before.http);
});
