// @ts-check
'use strict';
/**
 * Malformed requests the checking proxy must refuse without forwarding them: a
 * checker that lets everything through would prove nothing about the client.
 */
const http = require('http');
const { JSON_MEDIA } = require('./operations');

// Well-formed ids, so only the flaw under test breaks the document.
const ACCOUNT_ID = '7e944232-bda9-40bc-b784-660c7ab5fe78';
const REQUISITION_ID = '8126e9fb-93c9-4228-937c-68f0383c2df7';
const INSTITUTION_ID = 'SANDBOXFINANCE_SFIN0000';

/** @typedef {{ what: string, method: string, path: string, body?: unknown, auth?: boolean, token?: string }} Malformed */

/** @type {Malformed[]} */
const MALFORMED = [
  { what: 'no bearer token on a data call', method: 'GET', path: `/api/v2/accounts/${ACCOUNT_ID}/`, auth: false },
  { what: 'a bearer token the sandbox did not issue', method: 'GET', path: `/api/v2/accounts/${ACCOUNT_ID}/`, token: 'forged.token.value' },
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
 * Sends every malformed request with a real token; returns what the proxy wrongly
 * accepted or passed on to the sandbox.
 * @param {import('./proxy').CheckingProxy} proxy
 * @param {{ credentials: { secretId: string, secretKey: string }, readonly requestCount: number }} sandbox behind it
 * @returns {Promise<string[]>}
 */
async function selfCheck(proxy, sandbox) {
  // A real token from the sandbox, so only the flaw under test can make a request fail.
  const { secretId, secretKey } = sandbox.credentials;
  await rawRequest(proxy.baseUrl, { method: 'POST', path: '/api/v2/token/new/', body: { secret_id: secretId, secret_key: secretKey } });
  const [token] = proxy.issued;
  /** @type {string[]} */
  const accepted = [];
  for (const bad of MALFORMED) {
    const before = proxy.hits.length;
    const reached = sandbox.requestCount;
    const bearer = bad.token || token;
    const status = await rawRequest(proxy.baseUrl, { ...bad, headers: bad.auth === false || !bearer ? {} : { Authorization: `Bearer ${bearer}` } });
    const hit = proxy.hits[before];
    if (!hit || hit.errors.length === 0 || status !== 400) accepted.push(bad.what);
    else if (sandbox.requestCount !== reached) accepted.push(`${bad.what} (refused, but also passed on to the sandbox)`);
  }
  proxy.hits.length = 0;
  return token ? accepted : ['a token request with the sandbox credentials (no token was issued)', ...accepted];
}

module.exports = { MALFORMED, selfCheck };
