// @ts-check
'use strict';
/**
 * Calls every operation of the built client against the mock, one line each,
 * and fails an operation of the published document that no fixture covers.
 */
const { isDeepStrictEqual } = require('util');
const { SECRET_ID, SECRET_KEY, callFixture, fixtureGaps } = require('../../test/fixtures/operations');

/**
 * Problems of one call: the error it threw, requests that broke the spec, the wrong route, a value that is not the reply.
 * @param {import('./mock').Mock} mock
 * @param {any} client
 * @param {import('../../test/fixtures/operations').OperationFixture} fixture
 * @returns {Promise<string[]>}
 */
async function problemsOf(mock, client, fixture) {
  const route = `${fixture.method} ${fixture.template}`;
  const before = mock.hits.length;
  /** @type {string[]} */
  const problems = [];
  let result;
  try {
    result = await callFixture(client, fixture);
  } catch (err) {
    const e = /** @type {Error} */ (err);
    problems.push(`${e && e.name}: ${e && e.message}`);
  }
  const hits = mock.hits.slice(before);
  for (const hit of hits) for (const e of hit.errors) problems.push(`${hit.method} ${hit.url}: ${e}`);
  const own = hits[hits.length - 1];
  if (!own) problems.push('no request reached the mock');
  else if (own.key !== route) problems.push(`reached ${own.key || own.url}, expected ${route}`);
  else if (problems.length === 0 && !isDeepStrictEqual(result, own.reply)) problems.push('the value returned differs from the reply');
  return problems;
}

/**
 * @param {{ BankAccountDataClient: new (options: Record<string, unknown>) => unknown }} pkg the built package
 * @param {import('./mock').Mock} mock
 * @param {import('./operations').CheckedOperation[]} operations of the published document
 * @param {import('../../test/fixtures/operations').OperationFixture[]} fixtures
 * @param {(line: string) => void} print
 * @returns {Promise<{ ok: number, total: number }>}
 */
async function exerciseOperations(pkg, mock, operations, fixtures, print) {
  const client = new pkg.BankAccountDataClient({ secretId: SECRET_ID, secretKey: SECRET_KEY, baseUrl: mock.baseUrl, maxRetries: 0, timeoutMs: 10_000 });
  let ok = 0;
  for (const fixture of fixtures) {
    const problems = await problemsOf(mock, client, fixture);
    if (problems.length === 0) ok += 1;
    print(`${problems.length ? 'FAIL' : 'ok  '} ${fixture.method} ${fixture.template} ${fixture.name}`);
    for (const p of problems) print(`       ${p}`);
  }
  // An operation of the published document without a fixture is a failure, not a note: the client may lack it.
  const gaps = fixtureGaps(operations, fixtures, 'the published spec').filter((gap) => !gap.startsWith('fixture '));
  for (const gap of gaps) print(`FAIL ${gap}`);
  return { ok, total: fixtures.length + gaps.length };
}

module.exports = { exerciseOperations };
