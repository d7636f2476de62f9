// @ts-check
'use strict';
/**
 * The one loader of OpenAPI documents, shared by scripts/spec-diff.js, scripts/smoke-dist.js
 * and the jest suites: read (file or http(s) URL, JSON or YAML), check it is OpenAPI 3, follow
 * local `$ref`s, and list the operations. Plain CommonJS so node runs it without a build.
 */
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

/** Our own document, the source of every operation the client has. */
const OUR_SPEC = path.resolve(__dirname, '..', '..', 'openapi', 'bank-account-data.yaml');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An input that could not be read or is not an OpenAPI 3 document (scripts exit 2 on it, not 1). */
class SpecInputError extends Error {}

/**
 * Parses the text of a document (JSON when it starts with `{`, YAML otherwise).
 * @param {string} text
 * @param {string} source where the text came from, for messages
 * @returns {Record<string, any>}
 */
function parseSpec(text, source) {
  let doc;
  try {
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : yaml.load(text);
  } catch (err) {
    throw new SpecInputError(`cannot parse ${source}: ${String(/** @type {Error} */ (err).message).split('\n')[0]}`);
  }
  if (!doc || !/^3\./.test(String(doc.openapi)) || typeof doc.paths !== 'object') throw new SpecInputError(`${source} is not an OpenAPI 3 document`);
  return doc;
}

/**
 * Reads a document from a file, synchronously.
 * @param {string} [file] defaults to our own document
 * @returns {Record<string, any>}
 */
function readSpec(file = OUR_SPEC) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SpecInputError(`cannot read ${file}: ${/** @type {Error} */ (err).message}`);
  }
  return parseSpec(text, file);
}

/**
 * Reads a document from a file or an http(s) URL.
 * @param {string} source
 * @returns {Promise<Record<string, any>>}
 */
async function loadSpec(source) {
  if (!/^https?:\/\//i.test(source)) return readSpec(source);
  let text;
  try {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    text = await res.text();
  } catch (err) {
    const e = /** @type {Error & { cause?: { message?: string, code?: string } }} */ (err);
    const cause = e.cause ? ` (${e.cause.message || e.cause.code})` : ''; // fetch hides the reason there
    throw new SpecInputError(`cannot read ${source}: ${e.message}${cause}`);
  }
  return parseSpec(text, source);
}

/**
 * Follows local `$ref`s (`#/components/...`) until a value that is not a reference.
 * @param {Record<string, any>} doc
 * @param {any} obj
 * @returns {any}
 */
function deref(doc, obj) {
  for (let hops = 0; obj && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/') && hops < 20; hops++) {
    obj = obj.$ref
      .slice(2)
      .split('/')
      .reduce((/** @type {any} */ o, /** @type {string} */ k) => o && o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return obj;
}

/**
 * The generator's camelCase of an operationId: words split on anything not a letter or digit.
 * @param {string} operationId
 */
function camelCase(operationId) {
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
}

/**
 * @typedef {object} SpecOperation
 * @property {string} key `METHOD template`, e.g. `GET /api/v2/accounts/{id}/`
 * @property {string} method upper case
 * @property {string} template the path as the document writes it
 * @property {string} operationId
 * @property {string} clientName the client method that calls it: `<first tag>.<camelCase operationId>`
 * @property {boolean} needsBearer false for the operations that obtain tokens
 * @property {Record<string, any>} operation the operation object itself
 * @property {Record<string, any>} pathItem the path item it belongs to
 */

/**
 * Every operation of a document, in document order.
 * @param {Record<string, any>} doc
 * @returns {SpecOperation[]}
 */
function listOperations(doc) {
  /** @type {SpecOperation[]} */
  const out = [];
  for (const [template, pathItem] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem && pathItem[method];
      if (!operation) continue;
      const security = operation.security !== undefined ? operation.security : doc.security || [];
      // The published document puts the token endpoints under the global bearer requirement too;
      // they are how a bearer token is obtained, so none is needed there.
      const tokenOperation = (operation.tags || []).includes('token') || template.startsWith('/api/v2/token/');
      out.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId,
        clientName: `${(operation.tags || ['default'])[0]}.${camelCase(String(operation.operationId))}`,
        needsBearer: security.length > 0 && !tokenOperation,
        operation,
        pathItem,
      });
    }
  }
  return out;
}

module.exports = { OUR_SPEC, HTTP_METHODS, SpecInputError, parseSpec, readSpec, loadSpec, deref, camelCase, listOperations };
