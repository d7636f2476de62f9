// @ts-check
'use strict';
/** Everything wrong with one request, measured against the published document. */
const { JSON_MEDIA, ajvErrors } = require('./operations');

/**
 * Turns a text value (path or query) into what its schema declares.
 * @param {string} value
 * @param {Record<string, any> | undefined} schema
 */
function coerce(value, schema) {
  const type = schema && schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * @typedef {object} CheckedRequest
 * @property {import('./operations').CheckedOperation} [op] the operation reached (absent when none)
 * @property {string[]} errors readable lines; empty when the request follows the document
 * @property {unknown} [body] the parsed JSON body
 */

/**
 * @param {import('./operations').CheckedOperation[]} operations
 * @param {{ method?: string, url?: string, headers: import('http').IncomingHttpHeaders }} req
 * @param {string} rawBody
 * @param {Set<string>} issuedTokens the access tokens handed out so far (by the sandbox, through the proxy)
 * @returns {CheckedRequest}
 */
function checkRequest(operations, req, rawBody, issuedTokens) {
  const url = new URL(req.url || '/', 'http://proxy.invalid');
  const candidates = operations.filter((o) => o.regex.test(url.pathname));
  const op = candidates.find((o) => o.method === req.method);
  if (!op) {
    return {
      errors: [candidates.length ? `method ${req.method} not declared for ${candidates[0].template}` : `no route ${url.pathname} in the published spec`],
    };
  }
  const errors = [...checkPath(op, url.pathname), ...checkQuery(op, url.searchParams)];
  const { body, errors: bodyErrors } = checkBody(op, req.headers['content-type'], rawBody);
  errors.push(...bodyErrors);
  if (op.needsBearer) {
    const auth = req.headers.authorization || '';
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match) errors.push(auth ? 'Authorization is not "Bearer <token>"' : 'Authorization header missing');
    else if (!issuedTokens.has(match[1])) errors.push('bearer token was not issued through this proxy');
  }
  return { op, errors, body };
}

/**
 * @param {import('./operations').CheckedOperation} op
 * @param {string} pathname
 */
function checkPath(op, pathname) {
  /** @type {string[]} */
  const errors = [];
  const values = /** @type {RegExpExecArray} */ (op.regex.exec(pathname)).slice(1);
  op.names.forEach((name, i) => {
    let value;
    try {
      value = decodeURIComponent(values[i]);
    } catch {
      errors.push(`path parameter ${name}: bad percent-encoding`);
      return;
    }
    const declared = op.params.path[name];
    if (!declared) errors.push(`path parameter ${name} is not declared`);
    else if (!declared.validate(coerce(value, declared.schema)))
      errors.push(...ajvErrors(`path parameter ${name}=${JSON.stringify(value)}`, declared.validate));
  });
  return errors;
}

/**
 * @param {import('./operations').CheckedOperation} op
 * @param {URLSearchParams} searchParams
 */
function checkQuery(op, searchParams) {
  /** @type {string[]} */
  const errors = [];
  for (const name of new Set(searchParams.keys())) {
    const declared = op.params.query[name];
    const all = searchParams.getAll(name);
    if (!declared) {
      errors.push(`query parameter ${name} is not declared for ${op.key}`);
      continue;
    }
    const isArray = declared.schema.type === 'array';
    if (all.length > 1 && !isArray) errors.push(`query parameter ${name} repeated`);
    const value = isArray ? all.map((v) => coerce(v, declared.schema.items)) : coerce(all[0], declared.schema);
    if (!declared.validate(value)) errors.push(...ajvErrors(`query parameter ${name}=${JSON.stringify(all.join(','))}`, declared.validate));
  }
  for (const [name, declared] of Object.entries(op.params.query)) {
    if (declared.required && !searchParams.has(name)) errors.push(`required query parameter ${name} missing`);
  }
  return errors;
}

/**
 * @param {import('./operations').CheckedOperation} op
 * @param {string | undefined} contentType
 * @param {string} rawBody
 * @returns {{ body: unknown, errors: string[] }}
 */
function checkBody(op, contentType, rawBody) {
  /** @type {string[]} */
  const errors = [];
  let body;
  if (rawBody.length === 0) {
    if (op.body && op.body.required) errors.push(`${op.key} requires a request body`);
    return { body, errors };
  }
  const media = String(contentType || '')
    .split(';')[0]
    .trim()
    .toLowerCase();
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
  return { body, errors };
}

module.exports = { checkRequest, coerce };
