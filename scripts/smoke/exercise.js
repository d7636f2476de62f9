// @ts-check
'use strict';
/**
 * Walks every operation of the built client against the sandbox through the
 * checking proxy, one line each, and fails an operation of the published
 * document that the walk does not reach.
 */
const { isDeepStrictEqual } = require('util');
const { JOURNEY, isoDate } = require('./journey');

/**
 * Calls the client method a step names.
 * @param {any} client a BankAccountDataClient
 * @param {string} name `<api>.<method>`
 * @param {Record<string, unknown>} args
 * @returns {Promise<unknown>}
 */
function callClient(client, name, args) {
  const [api, method] = name.split('.');
  const target = client[api];
  if (!target || typeof target[method] !== 'function') return Promise.reject(new Error(`client.${name} is not a function`));
  return target[method](args);
}

/**
 * Problems of one step: the error it threw, requests or replies that broke the spec, the wrong
 * route, a request other than the one asked for, a value that is not the reply.
 * @param {import('./proxy').CheckingProxy} proxy
 * @param {any} client
 * @param {import('./journey').Step} step
 * @param {import('./journey').Walk} walk
 * @returns {Promise<string[]>}
 */
async function problemsOf(proxy, client, step, walk) {
  const route = `${step.method} ${step.template}`;
  const before = proxy.hits.length;
  /** @type {string[]} */
  const problems = [];
  let result;
  let args;
  try {
    if (step.before) await step.before(walk);
    args = step.args(walk);
    result = await callClient(client, step.name, args);
  } catch (err) {
    const e = /** @type {Error} */ (err);
    problems.push(`${e && e.name}: ${e && e.message}`);
  }
  const hits = proxy.hits.slice(before);
  for (const hit of hits) {
    for (const e of hit.errors) problems.push(`${hit.method} ${hit.url}: ${e}`);
    problems.push(...hit.replyErrors);
  }
  const own = hits[hits.length - 1];
  if (args && !own) problems.push('no request reached the proxy');
  else if (own && own.key !== route) problems.push(`reached ${own.key || own.url}, expected ${route}`);
  else if (own && problems.length === 0) {
    const sent = step.sent(walk);
    if (own.url !== sent) problems.push(`sent ${own.url}, expected ${sent}`);
    // Field names only: a token body carries the secret key.
    if (!isDeepStrictEqual(own.body, args && args.body))
      problems.push(`the body sent differs from the one given (fields ${Object.keys(Object(own.body)).join(', ')})`);
    if (!isDeepStrictEqual(result, own.reply)) problems.push('the value returned differs from the reply');
  }
  if (result !== undefined && step.after) {
    try {
      step.after(result, walk);
    } catch (err) {
      problems.push(`keeping what later steps need: ${/** @type {Error} */ (err).message}`);
    }
  }
  return problems;
}

/**
 * @typedef {object} Exercise
 * @property {{ BankAccountDataClient: new (options: Record<string, unknown>) => unknown }} pkg the built package
 * @property {{ credentials: { secretId: string, secretKey: string }, completeRequisition(id: string): Promise<unknown> }} sandbox
 * @property {string} institutionId the bank the walk links
 * @property {import('./proxy').CheckingProxy} proxy in front of the sandbox
 * @property {import('./operations').CheckedOperation[]} operations of the published document
 * @property {import('./journey').Step[]} [steps] the walk (JOURNEY unless a test changes it)
 * @property {(line: string) => void} print
 */

/**
 * @param {Exercise} exercise
 * @returns {Promise<{ ok: number, total: number }>}
 */
async function exerciseOperations({ pkg, sandbox, institutionId, proxy, operations, steps = JOURNEY, print }) {
  const client = new pkg.BankAccountDataClient({ ...sandbox.credentials, baseUrl: proxy.baseUrl, maxRetries: 0, timeoutMs: 10_000 });
  /** @type {import('./journey').Walk} */
  const walk = { credentials: sandbox.credentials, institutionId, sandbox, today: isoDate(Date.now()) };
  let ok = 0;
  for (const step of steps) {
    const problems = await problemsOf(proxy, client, step, walk);
    if (problems.length === 0) ok += 1;
    print(`${problems.length ? 'FAIL' : 'ok  '} ${step.method} ${step.template} ${step.name}`);
    for (const p of problems) print(`       ${p}`);
  }
  // An operation of the published document the walk does not reach is a failure, not a note: the client may lack it.
  const walked = new Set(steps.map((step) => `${step.method} ${step.template}`));
  const unreached = operations.filter((op) => !walked.has(op.key));
  for (const op of unreached)
    print(`FAIL ${op.key} (${op.clientName}) is in the published spec but the walk does not reach it: add a step to scripts/smoke/journey.js`);
  return { ok, total: steps.length + unreached.length };
}

module.exports = { exerciseOperations };
