#!/usr/bin/env node
'use strict';
// Structural diff of our openapi/bank-account-data.yaml against an upstream OpenAPI 3 document
// (a path or an http(s) URL, JSON or YAML):  npm run spec:diff -- <file-or-url>
// Only what shapes the generated client is compared (operations, parameters, bodies, response
// schemas, component schemas) and the names of the documented error examples per response (the
// error catalogue); prose, example bodies and limits are not. Deliberate corrections in our
// document are excused by the named RULES below.
// Exit 0: no drift; 1: drift; 2: an input could not be read.
const path = require('path');
const { OUR_SPEC, HTTP_METHODS, SpecInputError, loadSpec, deref } = require('./lib/spec');

const OURS = OUR_SPEC;
const METHODS = HTTP_METHODS;
const JSON_MEDIA = 'application/json';

/** An input that could not be read (exit 2, not drift). */
const InputError = SpecInputError;

const refName = (ref) => ref.split('/').pop();
const extensions = (obj) =>
  Object.keys(obj || {})
    .filter((k) => k.startsWith('x-'))
    .sort()
    .join(', ') || undefined;

// `allOf: [ {$ref} ]` is how a $ref gets siblings (readOnly, description) in OpenAPI 3.0: same as the $ref.
const unwrap = (s) => (s && Array.isArray(s.allOf) && s.allOf.length === 1 ? { ...s, ...s.allOf[0] } : s);

// One string per schema shape: a $ref name, `array<...>`, `type(format)`, `oneOf<a | b>`, or `{}` when untyped.
function describe(schema) {
  const s = unwrap(schema);
  if (!s) return undefined;
  if (s.$ref) return refName(s.$ref);
  const choices = s.oneOf || s.anyOf;
  if (Array.isArray(choices)) return `oneOf<${choices.map(describe).join(' | ')}>`;
  if (s.type === 'array') return `array<${describe(s.items || {})}>`;
  if (!s.type) return '{}';
  return s.format ? `${s.type}(${s.format})` : s.type;
}

function normalizeProperty(raw) {
  const s = unwrap(raw) || {};
  // A property that takes one of several shapes is compared as that one shape string.
  if (Array.isArray(s.oneOf || s.anyOf))
    return { type: describe(s), format: undefined, nullable: Boolean(s.nullable), enum: undefined, ref: undefined, items: undefined };
  return {
    type: s.type,
    format: s.format,
    nullable: Boolean(s.nullable),
    enum: s.enum,
    ref: s.$ref && refName(s.$ref),
    items: s.type === 'array' ? describe(s.items || {}) : undefined,
  };
}

function normalize(doc) {
  const operations = {};
  const byPathThenMethod = [];
  for (const [p, item] of Object.entries(doc.paths || {})) {
    for (const method of METHODS) if (item && item[method]) byPathThenMethod.push([p, method, item, item[method]]);
  }
  byPathThenMethod.sort((a, b) => a[0].localeCompare(b[0]) || METHODS.indexOf(a[1]) - METHODS.indexOf(b[1]));
  for (const [p, method, item, op] of byPathThenMethod) {
    const params = {};
    for (const raw of [...(item.parameters || []), ...(op.parameters || [])]) {
      const prm = deref(doc, raw);
      const s = unwrap(prm.schema) || {};
      params[prm.name] = { in: prm.in, required: Boolean(prm.required), type: s.$ref ? refName(s.$ref) : s.type, format: s.format, enum: s.enum };
    }
    const body = deref(doc, op.requestBody);
    const responses = {};
    const errorExamples = [];
    for (const code of Object.keys(op.responses || {}).sort()) {
      const content = (deref(doc, op.responses[code]) || {}).content || {};
      responses[code] = content[JSON_MEDIA] ? describe(content[JSON_MEDIA].schema) : '(no JSON body)';
      // The documented failures, by name: one missing from ours is an error the client has not classified.
      if (Number(code) >= 400) for (const name of Object.keys((content[JSON_MEDIA] || {}).examples || {})) errorExamples.push(`${code} ${name}`);
    }
    operations[`${method.toUpperCase()} ${p}`] = {
      operationId: op.operationId,
      security: op.security && JSON.stringify(op.security),
      extensions: extensions(op),
      params,
      body: body && {
        required: Boolean(body.required),
        mediaTypes: Object.keys(body.content || {})
          .sort()
          .join(', '),
        schema: body.content && body.content[JSON_MEDIA] ? describe(body.content[JSON_MEDIA].schema) : '(no JSON body)',
      },
      responses,
      errorExamples,
    };
  }
  const schemas = {};
  for (const name of Object.keys((doc.components && doc.components.schemas) || {}).sort()) {
    const s = unwrap(doc.components.schemas[name]) || {};
    schemas[name] = {
      type: s.type,
      ref: s.$ref && refName(s.$ref),
      enum: s.enum,
      required: s.required || [],
      items: s.type === 'array' ? describe(s.items || {}) : undefined,
      extensions: extensions(s),
      // Whether fields the schema does not name are allowed (`additionalProperties: true`), as the generated type says.
      open: s.additionalProperties === true || undefined,
      properties: Object.fromEntries(Object.entries(s.properties || {}).map(([k, v]) => [k, normalizeProperty(v)])),
    };
  }
  return { info: { version: doc.info && doc.info.version }, operations, schemas };
}

// `{}` in an upstream shape (untyped items) matches any shape of ours in that place.
function untypedMatches(upstream, ours) {
  const pattern = upstream
    .split('{}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return typeof ours === 'string' && new RegExp(`^${pattern}$`).test(ours);
}

// Deliberate corrections in our document: each rule excuses findings that are not drift.
const RULES = {
  // a) upstream's info.version "2.0 (v2)" is not semver; ours is "2.0.0".
  a_infoVersion: (f) => f.loc === 'info' && f.what === 'version',
  // b) ours declares `security: []` on the two token endpoints, which need no bearer token.
  b_operationSecurity: (f) => f.what === 'security',
  // c) upstream's untyped array items (`items: {}`) may be typed in ours; typed-vs-typed stays drift.
  c_typedItems: (f) => f.sign === '~' && typeof f.upstream === 'string' && f.upstream.includes('{}') && untypedMatches(f.upstream, f.ours),
  // d) upstream also offers form-urlencoded and multipart bodies; we keep (and compare) only JSON.
  d_jsonBodyOnly: (f) => f.what === 'body media types',
  // e) upstream requires a property it does not declare; ours declares it as a string.
  e_declaredRequired: (f, ours, up) =>
    f.sign === '+' &&
    f.property !== undefined &&
    !f.what &&
    up.schemas[f.schema].required.includes(f.property) &&
    ours.schemas[f.schema].properties[f.property].type === 'string',
  // f) vendor extensions (x-codegen-request-body-name, ...) steer tools, they do not describe the API.
  f_extensions: (f) => f.what === 'extensions',
  // What banks really send, which the published spec types too narrowly (INTENDED below lists each one):
  // g) a property ours types as one of several shapes, one of which is upstream's (currencyExchange: object or array);
  g_widenedShape: (f, ours, up) =>
    f.sign === '~' &&
    f.property !== undefined &&
    /^oneOf</.test(ours.schemas[f.schema].properties[f.property].type) &&
    oneOfIncludes(ours.schemas[f.schema].properties[f.property].type, shapeOf(up.schemas[f.schema].properties[f.property])),
  // h) a schema ours leaves open to fields it does not name (the transaction: banks add their own);
  h_openSchema: (f) => f.sign === '~' && f.what === 'open' && f.ours === true && f.upstream === undefined,
  // i) a property upstream does not declare that banks send and apps read (a card account's credit limit).
  i_declaredBeyondSpec: (f) => f.sign === '+' && f.property !== undefined && BEYOND_SPEC.includes(`${f.schema}.${f.property}`),
};

/** Properties ours declares that the published spec does not (rule i). */
const BEYOND_SPEC = ['DetailSchema.creditLimit'];

/** The rules that stand for intended differences, not corrections: formatDiff lists each finding they excuse. */
const INTENDED = ['g_widenedShape', 'h_openSchema', 'i_declaredBeyondSpec'];

/** A normalized property's shape, as `describe` writes it. */
function shapeOf(p) {
  if (!p) return undefined;
  if (p.ref) return p.ref;
  if (p.type === 'array') return `array<${p.items}>`;
  return p.format ? `${p.type}(${p.format})` : p.type;
}

function oneOfIncludes(oneOf, shape) {
  const inner = /^oneOf<(.*)>$/.exec(oneOf)[1];
  return shape !== undefined && inner.split(' | ').includes(shape);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function diff(ours, up) {
  const found = [];
  const change = (loc, what, o, u, ctx = {}) => {
    if (!same(o, u)) found.push({ sign: '~', loc, what, ours: o, upstream: u, ...ctx });
  };
  // Walks two key sets in a stable order: + only in ours, - only upstream, `both` for the rest.
  const keyed = (loc, o = {}, u = {}, both = () => {}, ctx = () => ({})) => {
    const keys = [...Object.keys(o), ...Object.keys(u).filter((k) => !(k in o))];
    for (const k of keys) {
      if (!(k in u)) found.push({ sign: '+', loc: loc(k), ...ctx(k) });
      else if (!(k in o)) found.push({ sign: '-', loc: loc(k), ...ctx(k) });
      else both(k, o[k], u[k]);
    }
  };
  const values = (loc, o, u) => {
    const asKeys = (list) => Object.fromEntries((list || []).map((v) => [String(v), true]));
    keyed((v) => `${loc} ${v}`, asKeys(o), asKeys(u));
  };
  const fields = (loc, o, u, ctx) => {
    for (const k of Object.keys({ ...o, ...u })) {
      if (k === 'enum') values(`${loc}.enum`, o.enum, u.enum);
      else change(loc, k, o[k], u[k], ctx);
    }
  };

  change('info', 'version', ours.info.version, up.info.version);
  keyed(
    (k) => k,
    ours.operations,
    up.operations,
    (key, o, u) => {
      change(key, 'operationId', o.operationId, u.operationId);
      change(key, 'security', o.security, u.security);
      change(key, 'extensions', o.extensions, u.extensions);
      keyed(
        (n) => `${key} param ${n}`,
        o.params,
        u.params,
        (n, op, upp) => fields(`${key} param ${n}`, op, upp),
      );
      if (!o.body || !u.body) change(key, 'request body', o.body ? 'present' : 'none', u.body ? 'present' : 'none');
      else {
        change(`${key} body`, 'required', o.body.required, u.body.required);
        change(`${key} body`, 'body media types', o.body.mediaTypes, u.body.mediaTypes);
        change(`${key} body`, 'schema', o.body.schema, u.body.schema);
      }
      keyed(
        (c) => `${key} response ${c}`,
        o.responses,
        u.responses,
        (c, os, us) => change(`${key} response ${c}`, 'schema', os, us),
      );
      values(`${key} error example`, o.errorExamples, u.errorExamples);
    },
  );
  keyed(
    (n) => `schema ${n}`,
    ours.schemas,
    up.schemas,
    (name, o, u) => {
      for (const k of ['type', 'ref', 'items', 'extensions', 'open']) change(`schema ${name}`, k, o[k], u[k]);
      values(`schema ${name}.enum`, o.enum, u.enum);
      values(`schema ${name}.required`, o.required, u.required);
      keyed(
        (p) => `schema ${name}.property ${p}`,
        o.properties,
        u.properties,
        (p, op, upp) => fields(`schema ${name}.property ${p}`, op, upp, { schema: name, property: p }),
        (p) => ({ schema: name, property: p }),
      );
    },
  );

  const drift = [];
  const excused = {};
  const intended = [];
  for (const f of found) {
    const rule = Object.keys(RULES).find((name) => RULES[name](f, ours, up));
    if (rule) excused[rule] = (excused[rule] || 0) + 1;
    else drift.push(f);
    // One line per intended difference: a widened property is one change however many fields it touched.
    if (INTENDED.includes(rule) && !intended.some((e) => e.loc === f.loc && e.rule === rule)) {
      const widened = rule === 'g_widenedShape' && {
        what: 'shape',
        ours: ours.schemas[f.schema].properties[f.property].type,
        upstream: shapeOf(up.schemas[f.schema].properties[f.property]),
      };
      intended.push({ ...f, ...widened, rule });
    }
  }
  return intended.length ? { drift, excused, intended } : { drift, excused };
}

const show = (v) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

function formatDiff({ drift, excused, intended = [] }, ours) {
  const lines = [];
  for (const [sign, title] of [
    ['+', 'only in ours'],
    ['-', 'only upstream'],
    ['~', 'changed'],
  ]) {
    const group = drift.filter((f) => f.sign === sign);
    if (group.length) lines.push(`${sign} ${title} (${group.length}):`);
    for (const f of group) lines.push(sign === '~' ? `  ~ ${f.loc}: ${f.what} ours=${show(f.ours)} upstream=${show(f.upstream)}` : `  ${sign} ${f.loc}`);
  }
  if (intended.length) lines.push(`= intended differences, what banks send (${intended.length}):`);
  for (const f of intended) {
    const detail = f.sign === '~' ? `: ${f.what} ours=${show(f.ours)} upstream=${show(f.upstream)}` : ' (only in ours)';
    lines.push(`  = ${f.loc}${detail} [${f.rule}]`);
  }
  const n = Object.keys(ours.operations).length;
  const m = Object.keys(ours.schemas).length;
  lines.push(drift.length ? `drift: ${drift.length} difference(s)` : `no drift: ${n} operations, ${m} schemas match`);
  const notes = Object.entries(excused)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, count]) => `${rule} x${count}`);
  if (notes.length) lines.push(`(excused as deliberate corrections: ${notes.join(', ')})`);
  return lines.join('\n');
}

async function main(argv) {
  const args = [...argv];
  // npm run changes into the package root; resolve relative paths where the user typed them.
  const resolve = (p) => (/^https?:\/\//i.test(p) ? p : path.resolve(process.env.INIT_CWD || process.cwd(), p));
  let oursSource = OURS;
  const at = args.indexOf('--ours'); // undocumented: compare two upstream snapshots with each other
  if (at >= 0) oursSource = resolve(args.splice(at, 2)[1] || '');
  if (args.length !== 1) throw new InputError('usage: npm run spec:diff -- <upstream OpenAPI 3 file or http(s) URL>');
  const [oursDoc, upDoc] = await Promise.all([loadSpec(oursSource), loadSpec(resolve(args[0]))]);
  const ours = normalize(oursDoc);
  const result = diff(ours, normalize(upDoc));
  console.log(formatDiff(result, ours));
  return result.drift.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      if (!(err instanceof InputError)) throw err;
      console.error(`spec-diff: ${err.message}`);
      process.exitCode = 2;
    },
  );
}

module.exports = { loadSpec, normalize, describe, diff, formatDiff, RULES, INTENDED, InputError, main };
