// @ts-check
'use strict';
/**
 * The operations of a published document, each with compiled validators for its
 * parameters, request body and replies (ajv 8 + ajv-formats, `#/components/...`
 * refs resolved against the document).
 */
const AjvModule = require('ajv');
const formatsModule = require('ajv-formats');
const { deref, listOperations } = require('../lib/spec');

/** @type {typeof import('ajv').default} */
const Ajv = /** @type {any} */ (AjvModule).default || AjvModule;
/** @type {typeof import('ajv-formats').default} */
const addFormats = /** @type {any} */ (formatsModule).default || formatsModule;

const JSON_MEDIA = 'application/json';

/** @typedef {import('ajv').ValidateFunction} ValidateFunction */
/** @typedef {{ required: boolean, schema: Record<string, any>, validate: ValidateFunction }} Parameter */

/**
 * @typedef {object} CheckedOperation
 * @property {string} key `METHOD template`
 * @property {string} clientName the client method the document's tag and operationId name
 * @property {string} method
 * @property {string} template
 * @property {RegExp} regex matches the path, one group per path parameter
 * @property {string[]} names the path parameters, in order
 * @property {{ path: Record<string, Parameter>, query: Record<string, Parameter> }} params
 * @property {{ required: boolean, media: string[], validate?: ValidateFunction } | undefined} body
 * @property {Map<number, ValidateFunction | undefined>} replies declared statuses → validator of the JSON reply
 * @property {boolean} needsBearer
 */

/** @param {string} s */
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param {Record<string, any>} doc
 * @returns {CheckedOperation[]}
 */
function compileOperations(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compiled next to the document's components, so `#/components/schemas/...` refs resolve.
  /** @param {unknown} schema */
  const compile = (schema) => ajv.compile({ components: doc.components || {}, allOf: [schema || {}] });
  return listOperations(doc).map(({ key, clientName, method, template, operation, pathItem, needsBearer }) => {
    /** @type {{ path: Record<string, Parameter>, query: Record<string, Parameter> }} */
    const params = { path: {}, query: {} };
    for (const raw of [...(pathItem.parameters || []), ...(operation.parameters || [])]) {
      const p = deref(doc, raw);
      if (!p || (p.in !== 'path' && p.in !== 'query')) continue; // header and cookie parameters are not checked
      params[/** @type {'path' | 'query'} */ (p.in)][p.name] = {
        required: Boolean(p.required) || p.in === 'path',
        schema: p.schema || {},
        validate: compile(p.schema || {}),
      };
    }
    /** @type {string[]} */
    const names = [];
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return escapeRegExp(part);
        names.push(m[1]);
        return '([^/]+)';
      })
      .join('');
    const body = deref(doc, operation.requestBody);
    const jsonBody = body && body.content && body.content[JSON_MEDIA];
    /** @type {Map<number, ValidateFunction | undefined>} */
    const replies = new Map();
    for (const [status, raw] of Object.entries(operation.responses || {})) {
      const reply = deref(doc, raw);
      const schema = reply && reply.content && reply.content[JSON_MEDIA] && reply.content[JSON_MEDIA].schema;
      if (/^\d{3}$/.test(status)) replies.set(Number(status), schema ? compile(schema) : undefined);
    }
    return {
      key,
      clientName,
      method,
      template,
      regex: new RegExp(`^${pattern}$`),
      names,
      params,
      body: body
        ? { required: Boolean(body.required), media: Object.keys(body.content || {}), validate: jsonBody ? compile(jsonBody.schema) : undefined }
        : undefined,
      replies,
      needsBearer,
    };
  });
}

/**
 * ajv's errors as readable lines.
 * @param {string} where
 * @param {ValidateFunction} validate
 */
const ajvErrors = (where, validate) =>
  (validate.errors || []).map(
    (e) => `${where}${e.instancePath || ''} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`,
  );

module.exports = { JSON_MEDIA, compileOperations, ajvErrors };
