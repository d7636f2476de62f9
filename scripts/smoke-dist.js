#!/usr/bin/env node
// @ts-check
'use strict';
// Runs the BUILT package against a mock API that checks every request against the vendor's
// PUBLISHED OpenAPI document, read at run time from the path given:
//
//   npm run build && node scripts/smoke-dist.js <published OpenAPI 3 file, JSON or YAML>
//
// The package is loaded as an app would load it: `require('../dist/index.js')` (CommonJS), or
// the file named by SMOKE_DIST. The parts:
//   smoke/operations.js     the published operations with validators for parameters, bodies, replies
//   smoke/check-request.js  everything wrong with one request (route, parameters, body, bearer token)
//   smoke/mock.js           the mock on 127.0.0.1, answering with the fixtures of test/fixtures/operations.js
//   smoke/self-check.js     malformed requests the mock must refuse (a mock that accepts all proves nothing)
//   smoke/exercise.js       every operation of the client, one line each
// The last line is `<ok>/<total> operations ok`; an operation of the published document that no
// fixture covers counts as a failure.
// Exit 0: all ok; 1: a failed operation or a request that breaks the spec; 2: bad usage or input.
const fs = require('fs');
const path = require('path');
const { SpecInputError, readSpec } = require('./lib/spec');
const { operationFixtures } = require('../test/fixtures/operations');
const { compileOperations } = require('./smoke/operations');
const { startMock } = require('./smoke/mock');
const { MALFORMED, selfCheck } = require('./smoke/self-check');
const { exerciseOperations } = require('./smoke/exercise');

/**
 * @param {string} specFile the published document
 * @param {string} distFile the built package's CommonJS entry
 * @param {(line: string) => void} [print]
 * @returns {Promise<number>} the exit code
 */
async function run(specFile, distFile, print = console.log) {
  const doc = readSpec(specFile);
  if (!fs.existsSync(distFile)) throw new SpecInputError(`no build at ${distFile}: run \`npm run build\` first (or set SMOKE_DIST)`);
  const pkg = require(distFile);
  if (typeof pkg.BankAccountDataClient !== 'function') throw new SpecInputError(`${distFile} does not export BankAccountDataClient`);

  const operations = compileOperations(doc);
  const fixtures = operationFixtures();
  const mock = await startMock(operations, fixtures);
  try {
    const accepted = await selfCheck(mock);
    for (const what of accepted) print(`FAIL self-check: the mock accepted ${what}`);
    if (accepted.length) return 1;
    print(`self-check: the mock refused all ${MALFORMED.length} malformed requests`);

    const { ok, total } = await exerciseOperations(pkg, mock, operations, fixtures, print);
    print(`${ok}/${total} operations ok`);
    return ok === total ? 0 : 1;
  } finally {
    await mock.close();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const distFile = path.resolve(process.env.SMOKE_DIST || path.join(__dirname, '..', 'dist', 'index.js'));
  const main =
    args.length === 1
      ? run(path.resolve(args[0]), distFile)
      : Promise.reject(new SpecInputError('usage: node scripts/smoke-dist.js <published OpenAPI 3 file>'));
  main.then(
    (code) => process.exit(code),
    (err) => {
      console.error(`smoke-dist: ${err instanceof SpecInputError ? err.message : (err && err.stack) || err}`);
      process.exit(err instanceof SpecInputError ? 2 : 1);
    },
  );
}

module.exports = { run };
