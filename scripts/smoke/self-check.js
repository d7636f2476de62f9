// @ts-check
'use strict';
/**
 * Malformed requests the mock must refuse: a mock that accepts everything would
 * prove nothing about the client.
 */
const http = require('http');
const { ACCOUNT_ID, INSTITUTION_ID, REQUISITION_ID, SECRET_ID, SECRET_KEY } = require('../../test/fixtures/operations');
const { JSON_MEDIA } = require('./operations');

/** @typedef {{ what: string, method: string, path: string, body?: unknown, auth?: boolean }} Malformed */

/** @type {Malformed[]} */
const MALFORMED = [
  { what: 'no bearer token on a data call', method: 'GET', path: `/api/v2/accounts/${ACCOUNT_ID}/`, auth: false },
  { what: 'an agreement id that is not a UUID', method: 'GET', path: '/api/v2/agreements/enduser/not-a-uuid/' },
  { what: 'an undeclared query parameter', method: 'GET', path: '/api/v2/requisitions/?page=2' },
  { what: 'a query parameter of the wrong type', method: 'GET', path: '/api/v2/agreements/enduser/?limit=many' },
  { what: 'a body without a required field', method: 'POST', path: '/api/v2/requisitions/', body: { institution_id: INSTITUTION_ID } },
  {
    what: 'a body field of the wrong type',
    method: 'POST',
    path: '/api/v2/agreements/enduser/',
    body: { institution_id: INSTITUTION_ID, max_historical_days: 'ninety' },
  },
  { what: 'a route the spec does not have', method: 'GET', path: '/api/v2/payments/' },
  { what: 'a method the route does not have', method: 'PATCH', path: `/api/v2/requisitions/${REQUISITION_ID}/` },
  { what: 'a request the spec allows but the fixture does not expect', method: 'GET', path: '/api/v2/requisitions/?limit=3' },
];

/**
 * @param {string} baseUrl
 * @param {{ method: string, path: string, body?: unknown, headers?: Record<string, string> }} request
 * @returns {Promise<number | undefined>} the status
 */
function rawRequest(baseUrl, { method, path: target, body, headers }) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const contentHeaders = text ? { 'Content-Type': JSON_MEDIA, 'Content-Length': String(Buffer.byteLength(text)) } : {};
    const req = http.request(`${baseUrl}${target}`, { method, headers: { ...headers, ...contentHeaders } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/**
 * Sends every malformed request with a real token; returns what the mock wrongly accepted.
 * @param {import('./mock').Mock} mock
 * @returns {Promise<string[]>}
 */
async function selfCheck(mock) {
  // A real token from the mock, so only the flaw under test can make a request fail.
  await rawRequest(mock.baseUrl, { method: 'POST', path: '/api/v2/token/new/', body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } });
  const [token] = mock.issued;
  /** @type {string[]} */
  const accepted = [];
  for (const bad of MALFORMED) {
    const before = mock.hits.length;
    const status = await rawRequest(mock.baseUrl, { ...bad, headers: bad.auth === false || !token ? {} : { Authorization: `Bearer ${token}` } });
    const hit = mock.hits[before];
    if (!hit || hit.errors.length === 0 || status !== 400) accepted.push(bad.what);
  }
  mock.hits.length = 0;
  return token ? accepted : ['a token request with the fixture credentials (no token was issued)', ...accepted];
}

module.exports = { MALFORMED, selfCheck };
