#!/usr/bin/env node
// @ts-check
'use strict';
// Runs the BUILT package against the BUILT sandbox, through a proxy that checks every request
// and every reply against the vendor's PUBLISHED OpenAPI document, read at run time from the path given:
//
//   npm run build && node scripts/smoke-dist.js <published OpenAPI 3 file, JSON or YAML>
//
// The package is loaded as an app would load it: `require('../dist/index.js')` (CommonJS), or
// the file named by SMOKE_DIST; the sandbox from `sandbox/index.js` beside it, or SMOKE_SANDBOX.
// The parts:
//   smoke/operations.js     the published operations with validators for parameters, bodies, replies
//   smoke/check-request.js  everything wrong with one request (route, parameters, body, bearer token)
//   smoke/proxy.js          the checking proxy on 127.0.0.1: refuses (400) a request that breaks the
//                           document, forwards the others to the sandbox, validates each reply
//   smoke/self-check.js     malformed requests the proxy must refuse (a checker that passes all proves nothing)
//   smoke/journey.js        the walk through every operation, with the sandbox's real state
//   smoke/exercise.js       runs the walk with the client, one line each
// So the run proves both that the client sends what the document allows and that the sandbox
// answers in its shapes. The last line is `<ok>/<total> operations ok`; an operation of the
// published document that the walk does not reach counts as a failure.
// Exit 0: all ok; 1: a failed operation, a request or a reply that breaks the spec; 2: bad usage or input.
const fs = require('fs');
const path = require('path');
const { SpecInputError, readSpec } = require('./lib/spec');
const { compileOperations } = require('./smoke/operations');
const { startCheckingProxy } = require('./smoke/proxy');
const { MALFORMED, selfCheck } = require('./smoke/self-check');
const { exerciseOperations } = require('./smoke/exercise');

/**
 * @param {string} file
 * @param {string} name the export it must have
 */
function requireBuilt(file, name) {
  if (!fs.existsSync(file)) throw new SpecInputError(`no build at ${file}: run \`npm run build\` first (or set SMOKE_DIST)`);
  const module = require(file);
  if (typeof module[name] !== 'function') throw new SpecInputError(`${file} does not export ${name}`);
  return module;
}

/**
 * @param {string} specFile the published document
 * @param {string} distFile the built package's CommonJS entry
 * @param {string} sandboxFile the built sandbox's CommonJS entry
 * @param {(line: string) => void} [print]
 * @returns {Promise<number>} the exit code
 */
async function run(specFile, distFile, sandboxFile, print = console.log) {
  const doc = readSpec(specFile);
  const pkg = requireBuilt(distFile, 'BankAccountDataClient');
  const { createSandboxServer, SANDBOX_INSTITUTION_ID } = requireBuilt(sandboxFile, 'createSandboxServer');

  const operations = compileOperations(doc);
  const sandbox = await createSandboxServer({ seed: 1 });
  const proxy = await startCheckingProxy(operations, sandbox.url);
  try {
    const accepted = await selfCheck(proxy, sandbox);
    for (const what of accepted) print(`FAIL self-check: the proxy accepted ${what}`);
    if (accepted.length) return 1;
    print(`self-check: the proxy refused all ${MALFORMED.length} malformed requests`);

    const { ok, total } = await exerciseOperations({ pkg, sandbox, institutionId: SANDBOX_INSTITUTION_ID, proxy, operations, print });
    print(`${ok}/${total} operations ok`);
    return ok === total ? 0 : 1;
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const distFile = path.resolve(process.env.SMOKE_DIST || path.join(__dirname, '..', 'dist', 'index.js'));
  const sandboxFile = path.resolve(process.env.SMOKE_SANDBOX || path.join(path.dirname(distFile), 'sandbox', 'index.js'));
  const main =
    args.length === 1
      ? run(path.resolve(args[0]), distFile, sandboxFile)
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
