#!/usr/bin/env node
'use strict';
// Runs the BUILT package against a mock API that checks every request against the vendor's
// PUBLISHED OpenAPI document, read at run time from the path given:
//
//   npm run build && node scripts/smoke-dist.js <published OpenAPI 3 file, JSON or YAML>
//
// The package is loaded as an app would load it: `require('../dist/index.js')` (CommonJS), or
// the file named by SMOKE_DIST. The mock listens on 127.0.0.1 (a free port) and checks, for
// every request: the route (method + path template) exists; path parameters match their schema
// (uuid where declared); every query parameter is declared and valid; a JSON body matches the
// operation's requestBody schema (ajv 8 + ajv-formats, `#/components/schemas/...` resolved),
// with required fields present and types right; and a bearer token (one this mock issued)
// unless the operation is a token operation. It answers each operation with a small reply
// that is itself checked against the published response schema.
//
// First a self-check sends a few malformed requests and expects the mock to refuse each one
// (a validator that accepts everything would prove nothing). Then all 19 operations of the
// client run, one line each; the last line is `19/19 operations ok`.
// Exit 0: all ok; 1: a failed operation or a request that breaks the spec; 2: bad usage or input.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { isDeepStrictEqual } = require('util');
const AjvModule = require('ajv');
const formatsModule = require('ajv-formats');
const yaml = require('js-yaml');

const Ajv = AjvModule.default || AjvModule;
const addFormats = formatsModule.default || formatsModule;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const JSON_MEDIA = 'application/json';
const SECRET_ID = 'smoke-secret-id';
const SECRET_KEY = 'smoke-secret-key-0123456789abcdef';

const AGREEMENT_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const REQUISITION_ID = '8126e9fb-93c9-4228-937c-68f0383c2df7';
const ACCOUNT_ID = '7e944232-bda9-40bc-b784-660c7ab5fe78';
const INSTITUTION_ID = 'SANDBOXFINANCE_SFIN0000';

class UsageError extends Error {}

// ---------------------------------------------------------------- the published spec

function loadSpec(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err.message}`);
  }
  let doc;
  try {
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : yaml.load(text);
  } catch (err) {
    throw new UsageError(`cannot parse ${file}: ${String(err.message).split('\n')[0]}`);
  }
  if (!doc || !/^3\./.test(String(doc.openapi)) || typeof doc.paths !== 'object') throw new UsageError(`${file} is not an OpenAPI 3 document`);
  return doc;
}

function deref(doc, obj) {
  for (let hops = 0; obj && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/') && hops < 20; hops++) {
    obj = obj.$ref.slice(2).split('/').reduce((o, k) => o && o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return obj;
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every operation of the document, with compiled validators for its parameters, body and first 2xx reply. */
function compileOperations(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compiled next to the document's components, so `#/components/schemas/...` refs resolve.
  const compile = (schema) => ajv.compile({ components: doc.components || {}, allOf: [schema || {}] });
  const operations = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item && item[method];
      if (!op) continue;
      const params = { path: {}, query: {} };
      for (const raw of [...(item.parameters || []), ...(op.parameters || [])]) {
        const p = deref(doc, raw);
        if (!p || !params[p.in]) continue; // header and cookie parameters are not checked
        params[p.in][p.name] = { required: Boolean(p.required) || p.in === 'path', schema: p.schema || {}, validate: compile(p.schema || {}) };
      }
      const names = [];
      const pattern = template.split(/(\{[^}]+\})/).map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return escapeRegExp(part);
        names.push(m[1]);
        return '([^/]+)';
      }).join('');
      const body = deref(doc, op.requestBody);
      const jsonBody = body && body.content && body.content[JSON_MEDIA];
      const success = Object.keys(op.responses || {}).filter((c) => /^2\d\d$/.test(c)).sort()[0];
      const reply = success && deref(doc, op.responses[success]);
      const replySchema = reply && reply.content && reply.content[JSON_MEDIA] && reply.content[JSON_MEDIA].schema;
      const security = op.security !== undefined ? op.security : doc.security || [];
      const tokenOp = (op.tags || []).includes('token') || template.startsWith('/api/v2/token/');
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        regex: new RegExp(`^${pattern}$`),
        names,
        params,
        body: body ? { required: Boolean(body.required), media: Object.keys(body.content || {}), validate: jsonBody ? compile(jsonBody.schema) : undefined } : undefined,
        status: success ? Number(success) : 200,
        validateReply: replySchema ? compile(replySchema) : undefined,
        // The published document puts the token endpoints under the global bearer requirement
        // too; they are how a bearer token is obtained, so none is expected there.
        needsBearer: security.length > 0 && !tokenOp,
      });
    }
  }
  return operations;
}

const ajvErrors = (where, validate) => (validate.errors || []).map((e) => `${where}${e.instancePath || ''} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);

/** Turns a query string value into what its schema declares (query values arrive as text). */
function coerce(value, schema) {
  const type = schema && schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

// ---------------------------------------------------------------- the mock API

function jwtLike(type, seconds, serial) {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ token_type: type, exp: Math.floor(Date.now() / 1000) + seconds, jti: `smoke-${serial}` })}.${Buffer.from(`signature-${type}-${serial}`).toString('base64url')}`;
}

const agreement = (id) => ({
  id,
  created: '2025-01-02T10:15:30.123456Z',
  institution_id: INSTITUTION_ID,
  max_historical_days: 90,
  access_valid_for_days: 90,
  access_scope: ['balances', 'details', 'transactions'],
  accepted: null,
  reconfirmation: false,
});
const reconfirmation = (id) => ({
  reconfirmation_url: `https://ob.gocardless.com/psd2/reconfirm/${id}`,
  created: '2025-01-02T10:15:30Z',
  url_valid_from: '2025-01-02T10:15:30Z',
  url_valid_to: '2025-01-16T10:15:30Z',
  redirect: 'https://app.example.com/reconfirmed',
  last_accessed: null,
  last_submitted: null,
  accounts: {},
});
const requisition = (id, status) => ({
  id,
  created: '2025-01-02T10:20:00Z',
  redirect: 'https://app.example.com/callback',
  status,
  institution_id: INSTITUTION_ID,
  agreement: AGREEMENT_ID,
  reference: 'smoke-ref-1',
  accounts: status === 'LN' ? [ACCOUNT_ID] : [],
  user_language: 'EN',
  link: `https://ob.gocardless.com/psd2/start/${id}/${INSTITUTION_ID}`,
  account_selection: false,
  redirect_immediate: false,
});
const institution = {
  id: INSTITUTION_ID,
  name: 'Sandbox Finance',
  bic: 'SFIN0000',
  transaction_total_days: '90',
  max_access_valid_for_days: '180',
  countries: ['XX'],
  logo: 'https://cdn-logos.gocardless.com/ais/SANDBOXFINANCE_SFIN0000.png',
};

/** The mock's answer to each operation, by `METHOD template`: [status or undefined for the spec's 2xx, body]. */
function replies(state) {
  const issue = () => {
    state.serial += 1;
    const access = jwtLike('access', 86_400, state.serial);
    state.access.add(access);
    return access;
  };
  return {
    'POST /api/v2/token/new/': ({ body }) => {
      if (body.secret_id !== SECRET_ID || body.secret_key !== SECRET_KEY) {
        return [401, { summary: 'Authentication failed', detail: 'No active account found with the given credentials', status_code: 401 }];
      }
      const access = issue();
      const refresh = jwtLike('refresh', 2_592_000, state.serial);
      state.refresh.add(refresh);
      return [undefined, { access, access_expires: 86_400, refresh, refresh_expires: 2_592_000 }];
    },
    'POST /api/v2/token/refresh/': ({ body }) => (state.refresh.has(body.refresh)
      ? [undefined, { access: issue(), access_expires: 86_400 }]
      : [401, { summary: 'Invalid token', detail: 'Token is invalid or expired', status_code: 401 }]),
    'GET /api/v2/institutions/': () => [undefined, [institution]],
    'GET /api/v2/institutions/{id}/': ({ params }) => [undefined, { ...institution, id: params.id, supported_features: ['account_selection'], identification_codes: [] }],
    'POST /api/v2/agreements/enduser/': ({ body }) => [undefined, { ...agreement(AGREEMENT_ID), institution_id: body.institution_id }],
    'GET /api/v2/agreements/enduser/': () => [undefined, { count: 1, next: null, previous: null, results: [agreement(AGREEMENT_ID)] }],
    'GET /api/v2/agreements/enduser/{id}/': ({ params }) => [undefined, agreement(params.id)],
    'DELETE /api/v2/agreements/enduser/{id}/': ({ params }) => [undefined, { summary: 'End User Agreement deleted', detail: `End User Agreement ${params.id} deleted` }],
    'PUT /api/v2/agreements/enduser/{id}/accept/': ({ params }) => [undefined, { ...agreement(params.id), accepted: '2025-01-02T10:16:00Z' }],
    'GET /api/v2/agreements/enduser/{id}/reconfirm/': ({ params }) => [undefined, reconfirmation(params.id)],
    'POST /api/v2/agreements/enduser/{id}/reconfirm/': ({ params }) => [undefined, reconfirmation(params.id)],
    'POST /api/v2/requisitions/': () => [undefined, requisition(REQUISITION_ID, 'CR')],
    'GET /api/v2/requisitions/': () => [undefined, { count: 1, next: null, previous: null, results: [requisition(REQUISITION_ID, 'LN')] }],
    'GET /api/v2/requisitions/{id}/': ({ params }) => [undefined, requisition(params.id, 'LN')],
    'DELETE /api/v2/requisitions/{id}/': ({ params }) => [undefined, { summary: 'Requisition deleted', detail: `Requisition ${params.id} deleted with all its End User Agreements` }],
    'GET /api/v2/accounts/{id}/': ({ params }) => [undefined, { id: params.id, created: '2025-01-02T10:21:00Z', last_accessed: '2025-01-02T11:00:00Z', iban: 'GL3510230000010234', status: 'READY', institution_id: INSTITUTION_ID, owner_name: 'Jane Doe', name: 'Main' }],
    'GET /api/v2/accounts/{id}/balances/': () => [undefined, { balances: [{ balanceAmount: { amount: '657.49', currency: 'EUR' }, balanceType: 'closingBooked', referenceDate: '2025-01-02' }] }],
    'GET /api/v2/accounts/{id}/details/': () => [undefined, { account: { resourceId: 'r-1', iban: 'GL3510230000010234', currency: 'EUR', ownerName: 'Jane Doe', cashAccountType: 'CACC' } }],
    'GET /api/v2/accounts/{id}/transactions/': () => [undefined, {
      transactions: {
        booked: [{ transactionId: 't-1', bookingDate: '2025-01-02', valueDate: '2025-01-02', transactionAmount: { amount: '-15.00', currency: 'EUR' }, remittanceInformationUnstructured: 'Coffee' }],
        pending: [{ transactionAmount: { amount: '99.20', currency: 'EUR' }, valueDate: '2025-01-03' }],
      },
      last_updated: '2025-01-02T12:00:00Z',
    }],
  };
}

/** Everything wrong with one request, as readable lines (empty when it follows the spec). */
function checkRequest(operations, state, req, rawBody) {
  const url = new URL(req.url, 'http://mock.invalid');
  const candidates = operations.filter((o) => o.regex.test(url.pathname));
  const op = candidates.find((o) => o.method === req.method);
  if (!op) {
    const reason = candidates.length ? `method ${req.method} not declared for ${candidates[0].template}` : `no route ${url.pathname} in the published spec`;
    return { errors: [reason] };
  }
  const errors = [];
  const params = {};
  const values = op.regex.exec(url.pathname).slice(1);
  op.names.forEach((name, i) => {
    let value;
    try {
      value = decodeURIComponent(values[i]);
    } catch {
      errors.push(`path parameter ${name}: bad percent-encoding`);
      return;
    }
    params[name] = value;
    const declared = op.params.path[name];
    if (!declared) errors.push(`path parameter ${name} is not declared`);
    else if (!declared.validate(coerce(value, declared.schema))) errors.push(...ajvErrors(`path parameter ${name}=${JSON.stringify(value)}`, declared.validate));
  });

  const query = {};
  for (const name of new Set(url.searchParams.keys())) {
    const declared = op.params.query[name];
    const all = url.searchParams.getAll(name);
    if (!declared) {
      errors.push(`query parameter ${name} is not declared for ${op.key}`);
      continue;
    }
    const isArray = declared.schema.type === 'array';
    if (all.length > 1 && !isArray) errors.push(`query parameter ${name} repeated`);
    const value = isArray ? all.map((v) => coerce(v, declared.schema.items)) : coerce(all[0], declared.schema);
    query[name] = value;
    if (!declared.validate(value)) errors.push(...ajvErrors(`query parameter ${name}=${JSON.stringify(all.join(','))}`, declared.validate));
  }
  for (const [name, declared] of Object.entries(op.params.query)) {
    if (declared.required && !url.searchParams.has(name)) errors.push(`required query parameter ${name} missing`);
  }

  let body;
  if (rawBody.length > 0) {
    const media = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    if (!op.body) errors.push(`${op.key} takes no request body`);
    else if (!op.body.media.includes(media)) errors.push(`content type ${JSON.stringify(media)} not one of ${op.body.media.join(', ')}`);
    else if (media === JSON_MEDIA) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        errors.push('request body is not valid JSON');
      }
      if (body !== undefined && op.body.validate && !op.body.validate(body)) errors.push(...ajvErrors('body', op.body.validate));
    }
  } else if (op.body && op.body.required) {
    errors.push(`${op.key} requires a request body`);
  }

  if (op.needsBearer) {
    const auth = req.headers.authorization || '';
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match) errors.push(auth ? 'Authorization is not "Bearer <token>"' : 'Authorization header missing');
    else if (!state.access.has(match[1])) errors.push('bearer token was not issued by this mock');
  }
  return { op, errors, params, query, body: body || {} };
}

function startMock(operations) {
  const state = { serial: 0, access: new Set(), refresh: new Set(), hits: [] };
  const answer = replies(state);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const send = (status, value) => {
        const text = JSON.stringify(value);
        res.writeHead(status, { 'Content-Type': JSON_MEDIA, 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      };
      const checked = checkRequest(operations, state, req, rawBody);
      const hit = { method: req.method, url: req.url, key: checked.op && checked.op.key, errors: checked.errors };
      state.hits.push(hit);
      if (checked.errors.length) {
        return send(400, { summary: 'Request does not follow the published spec', detail: checked.errors.join('; '), status_code: 400 });
      }
      const handler = answer[checked.op.key];
      if (!handler) {
        hit.errors.push(`the mock has no reply for ${checked.op.key}`);
        return send(501, { summary: 'Not implemented by the mock', detail: checked.op.key, status_code: 501 });
      }
      const [status = checked.op.status, value] = handler(checked);
      if (status === checked.op.status && checked.op.validateReply && !checked.op.validateReply(value)) {
        hit.errors.push(...ajvErrors('mock reply', checked.op.validateReply).map((e) => `${e} (the mock's reply breaks the published spec)`));
      }
      hit.reply = value;
      send(status, value);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, state, baseUrl: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---------------------------------------------------------------- self-check of the validator

/** Requests that break the published spec; the mock must refuse every one. */
const MALFORMED = [
  { what: 'no bearer token on a data call', method: 'GET', path: `/api/v2/accounts/${ACCOUNT_ID}/`, auth: false },
  { what: 'an agreement id that is not a UUID', method: 'GET', path: '/api/v2/agreements/enduser/not-a-uuid/' },
  { what: 'an undeclared query parameter', method: 'GET', path: '/api/v2/requisitions/?page=2' },
  { what: 'a query parameter of the wrong type', method: 'GET', path: '/api/v2/agreements/enduser/?limit=many' },
  { what: 'a body without a required field', method: 'POST', path: '/api/v2/requisitions/', body: { institution_id: INSTITUTION_ID } },
  { what: 'a body field of the wrong type', method: 'POST', path: '/api/v2/agreements/enduser/', body: { institution_id: INSTITUTION_ID, max_historical_days: 'ninety' } },
  { what: 'a route the spec does not have', method: 'GET', path: '/api/v2/payments/' },
  { what: 'a method the route does not have', method: 'PATCH', path: `/api/v2/requisitions/${REQUISITION_ID}/` },
];

function rawRequest(baseUrl, { method, path: target, body, headers }) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const req = http.request(`${baseUrl}${target}`, { method, headers: { ...headers, ...(text ? { 'Content-Type': JSON_MEDIA, 'Content-Length': Buffer.byteLength(text) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function selfCheck(mock) {
  // A real token from the mock, so only the flaw under test can make a request fail.
  await rawRequest(mock.baseUrl, { method: 'POST', path: '/api/v2/token/new/', body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } });
  const [token] = mock.state.access;
  const failures = [];
  for (const bad of MALFORMED) {
    const before = mock.state.hits.length;
    await rawRequest(mock.baseUrl, { ...bad, headers: bad.auth === false ? {} : { Authorization: `Bearer ${token}` } });
    const hit = mock.state.hits[before];
    if (!hit || hit.errors.length === 0) failures.push(bad.what);
  }
  mock.state.hits.length = 0;
  return failures;
}

// ---------------------------------------------------------------- the 19 operations

/** Each operation of the client, with the route it must reach. `ctx` carries values between steps. */
const CALLS = [
  ['token', 'obtainNewAccessRefreshTokenPair', 'POST /api/v2/token/new/', async (c, ctx) => {
    const pair = await c.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: SECRET_ID, secret_key: SECRET_KEY } });
    ctx.refresh = pair.refresh;
    return pair;
  }],
  ['token', 'getANewAccessToken', 'POST /api/v2/token/refresh/', (c, ctx) => c.token.getANewAccessToken({ body: { refresh: ctx.refresh } })],
  ['institutions', 'retrieveAllSupportedInstitutionsInAGivenCountry', 'GET /api/v2/institutions/', (c) => c.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB', account_selection_supported: 'true' })],
  ['institutions', 'retrieveInstitution', 'GET /api/v2/institutions/{id}/', (c) => c.institutions.retrieveInstitution({ id: INSTITUTION_ID })],
  ['agreements', 'createEUA', 'POST /api/v2/agreements/enduser/', (c) => c.agreements.createEUA({ body: { institution_id: INSTITUTION_ID, max_historical_days: 90, access_valid_for_days: 30, access_scope: ['balances', 'details', 'transactions'] } })],
  ['agreements', 'retrieveAllAgreements', 'GET /api/v2/agreements/enduser/', (c) => c.agreements.retrieveAllAgreements({ limit: 10, offset: 0 })],
  ['agreements', 'retrieveEUAById', 'GET /api/v2/agreements/enduser/{id}/', (c) => c.agreements.retrieveEUAById({ id: AGREEMENT_ID })],
  ['agreements', 'acceptEUA', 'PUT /api/v2/agreements/enduser/{id}/accept/', (c) => c.agreements.acceptEUA({ id: AGREEMENT_ID, body: { user_agent: 'Mozilla/5.0 (smoke)', ip_address: '203.0.113.7' } })],
  ['agreements', 'createEUAReconfirmation', 'POST /api/v2/agreements/enduser/{id}/reconfirm/', (c) => c.agreements.createEUAReconfirmation({ id: AGREEMENT_ID, body: { redirect: 'https://app.example.com/reconfirmed' } })],
  ['agreements', 'retrieveEUAReconfirmation', 'GET /api/v2/agreements/enduser/{id}/reconfirm/', (c) => c.agreements.retrieveEUAReconfirmation({ id: AGREEMENT_ID })],
  ['requisitions', 'createRequisition', 'POST /api/v2/requisitions/', (c) => c.requisitions.createRequisition({ body: { redirect: 'https://app.example.com/callback', institution_id: INSTITUTION_ID, agreement: AGREEMENT_ID, reference: 'smoke-ref-1', user_language: 'EN' } })],
  ['requisitions', 'retrieveAllRequisitions', 'GET /api/v2/requisitions/', (c) => c.requisitions.retrieveAllRequisitions({ limit: 100, offset: 0 })],
  ['requisitions', 'requisitionById', 'GET /api/v2/requisitions/{id}/', (c) => c.requisitions.requisitionById({ id: REQUISITION_ID })],
  ['accounts', 'retrieveAccountMetadata', 'GET /api/v2/accounts/{id}/', (c) => c.accounts.retrieveAccountMetadata({ id: ACCOUNT_ID })],
  ['accounts', 'retrieveAccountBalances', 'GET /api/v2/accounts/{id}/balances/', (c) => c.accounts.retrieveAccountBalances({ id: ACCOUNT_ID })],
  ['accounts', 'retrieveAccountDetails', 'GET /api/v2/accounts/{id}/details/', (c) => c.accounts.retrieveAccountDetails({ id: ACCOUNT_ID })],
  ['accounts', 'retrieveAccountTransactions', 'GET /api/v2/accounts/{id}/transactions/', (c) => c.accounts.retrieveAccountTransactions({ id: ACCOUNT_ID, date_from: '2025-01-01', date_to: '2025-01-31' })],
  ['requisitions', 'deleteRequisitionById', 'DELETE /api/v2/requisitions/{id}/', (c) => c.requisitions.deleteRequisitionById({ id: REQUISITION_ID })],
  ['agreements', 'deleteEUAById', 'DELETE /api/v2/agreements/enduser/{id}/', (c) => c.agreements.deleteEUAById({ id: AGREEMENT_ID })],
];

async function run(specFile, distFile) {
  const doc = loadSpec(specFile);
  if (!fs.existsSync(distFile)) throw new UsageError(`no build at ${distFile}: run \`npm run build\` first (or set SMOKE_DIST)`);
  const pkg = require(distFile);
  if (typeof pkg.BankAccountDataClient !== 'function') throw new UsageError(`${distFile} does not export BankAccountDataClient`);

  const operations = compileOperations(doc);
  const mock = await startMock(operations);
  let failed = 0;
  try {
    const missed = await selfCheck(mock);
    if (missed.length) {
      for (const what of missed) console.log(`FAIL self-check: the mock accepted ${what}`);
      return 1;
    }
    console.log(`self-check: the mock refused all ${MALFORMED.length} malformed requests`);

    const client = new pkg.BankAccountDataClient({ secretId: SECRET_ID, secretKey: SECRET_KEY, baseUrl: mock.baseUrl, maxRetries: 0, timeoutMs: 10_000 });
    const ctx = {};
    for (const [api, name, route, call] of CALLS) {
      const before = mock.state.hits.length;
      const problems = [];
      let result;
      try {
        result = await call(client, ctx);
      } catch (err) {
        problems.push(`${err && err.name}: ${err && err.message}`);
      }
      const hits = mock.state.hits.slice(before);
      for (const hit of hits) for (const e of hit.errors) problems.push(`${hit.method} ${hit.url}: ${e}`);
      const own = hits[hits.length - 1];
      if (!own) problems.push('no request reached the mock');
      else if (own.key && own.key !== route) problems.push(`reached ${own.key}, expected ${route}`);
      else if (problems.length === 0 && !isDeepStrictEqual(result, own.reply)) problems.push('the value returned differs from the reply');
      if (typeof (client[api] && client[api][name]) !== 'function') problems.push(`client.${api}.${name} is not a function`);

      if (problems.length) {
        failed += 1;
        console.log(`FAIL ${route} ${name}`);
        for (const p of problems) console.log(`       ${p}`);
      } else {
        console.log(`ok  ${route} ${name}`);
      }
    }

    const exercised = new Set(CALLS.map(([, , route]) => route));
    const unexercised = operations.filter((o) => !exercised.has(o.key)).map((o) => o.key);
    if (unexercised.length) console.log(`note: ${unexercised.length} operation(s) of the published spec not exercised by the client: ${unexercised.join(', ')}`);
    console.log(`${CALLS.length - failed}/${CALLS.length} operations ok`);
    return failed ? 1 : 0;
  } finally {
    mock.server.closeAllConnections();
    await new Promise((resolve) => mock.server.close(resolve));
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const distFile = path.resolve(process.env.SMOKE_DIST || path.join(__dirname, '..', 'dist', 'index.js'));
  const main = args.length === 1
    ? run(path.resolve(args[0]), distFile)
    : Promise.reject(new UsageError('usage: node scripts/smoke-dist.js <published OpenAPI 3 file>'));
  main.then(
    (code) => process.exit(code),
    (err) => {
      console.error(`smoke-dist: ${err instanceof UsageError ? err.message : (err && err.stack) || err}`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}

module.exports = { loadSpec, compileOperations, checkRequest, startMock, selfCheck, run, CALLS, MALFORMED };
