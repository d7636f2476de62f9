#!/usr/bin/env node
'use strict';
/**
 * `npm run docs:check`: the TypeScript in README.md and docs/*.md cannot rot.
 *
 * 1. Every ```` ```ts ```` / ```` ```typescript ```` block is compiled, all in one TypeScript
 *    program, against the BUILT package (`npm run build` first): each block is its own ES module
 *    that imports `gocardless-bankaccountdata` by name, resolved through package.json `exports`
 *    to dist/, as an app's code would be. Strict mode; jest's globals are known (the README's
 *    testing section is written as a jest suite).
 *    A few names are declared for every block, so that a README snippet can assume what the
 *    text around it set up: `client` (a BankAccountDataClient), `accountId`, `requisitionId`,
 *    `agreementId`, `secretId`, `secretKey`. A block that declares its own wins (module scope). Anything else a snippet
 *    uses, it declares (`declare const vault: …`).
 * 2. Every ```` ```ts run ```` block (each operation's example in docs/) is run, one after the
 *    other in this process, against the embedded sandbox (gocardless-bankaccountdata/sandbox):
 *    the client it creates gets the sandbox's `baseUrl`, SECRET_ID / SECRET_KEY / REFRESH_TOKEN
 *    are the sandbox's, and the example ids of the document (parameter and body examples) are
 *    replaced by ids of a fresh sandbox state: an agreement behind a linked requisition (with a
 *    reconfirmation), that requisition and its first account; an example that accepts an
 *    agreement or creates a requisition gets an agreement nothing uses yet. An example fails when
 *    it throws or sets process.exitCode (which the examples do on an ApiException).
 * A block whose info string has `nocheck` (```` ```ts nocheck ````) is skipped: keep that for
 * fragments that cannot stand alone even with the names above, and rare.
 *
 * Any failure names the file and line of the block (and of the error inside it) and exits 1.
 *   node scripts/docs/check.js                  README.md and docs/*.md
 *   node scripts/docs/check.js a.md b.md        only these files
 *   node scripts/docs/check.js --no-run         compile only
 */
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const ts = require('typescript');
const { readSpec, listOperations, deref } = require('../lib/spec');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = require(path.join(ROOT, 'package.json')).name;
/**
 * Inside the package (and not under node_modules, where Node stops looking for the package's own
 * name), so that `import 'gocardless-bankaccountdata'` resolves to the package itself. Git-ignored.
 */
const WORK_DIR = path.join(ROOT, '.docs-check');
const LANGUAGES = new Set(['ts', 'typescript']);

const PRELUDE = `import type { BankAccountDataClient } from '${PACKAGE}';
declare global {
  const client: BankAccountDataClient;
  const accountId: string;
  const requisitionId: string;
  const agreementId: string;
  const secretId: string;
  const secretKey: string;
}
export {};
`;

/**
 * The TypeScript blocks of a Markdown file.
 * @returns {{ file: string, line: number, code: string, run: boolean, section: string }[]}
 *   line: 1-based line of the block's first code line
 */
function extractBlocks(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^##?\s+(.*)$/.exec(lines[i]);
    if (heading) section = heading[1].trim();
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]+)?(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    const indent = open[1].length;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[end])) end++;
    const language = (open[3] || '').toLowerCase();
    const words = (open[4] || '').trim().split(/\s+/).filter(Boolean);
    if (LANGUAGES.has(language) && !words.includes('nocheck')) {
      const code = lines.slice(start, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
      blocks.push({ file, line: start + 1, code, run: words.includes('run'), section });
    }
    i = end;
  }
  return blocks;
}

function defaultFiles() {
  const docs = path.join(ROOT, 'docs');
  const pages = fs.existsSync(docs) ? fs.readdirSync(docs).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(docs, n)) : [];
  return [path.join(ROOT, 'README.md'), ...pages];
}

const where = (block, lineInBlock = 0, column) => `${path.relative(process.cwd(), block.file)}:${block.line + lineInBlock}${column ? `:${column}` : ''}`;

function assertBuilt() {
  const pkg = require(path.join(ROOT, 'package.json'));
  const entry = pkg.exports && pkg.exports['.'] && pkg.exports['.'].import && pkg.exports['.'].import.types;
  if (!entry || !fs.existsSync(path.join(ROOT, entry))) {
    throw new Error(`the built package is missing (${entry || 'exports["."].import.types'}): run \`npm run build\` first`);
  }
}

/** Compiles every block in one program; returns one message per error, located in the Markdown. */
function compileBlocks(blocks) {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const prelude = path.join(WORK_DIR, 'prelude.d.mts');
  fs.writeFileSync(prelude, PRELUDE);
  const byFile = new Map();
  blocks.forEach((block, n) => {
    block.tsFile = path.join(WORK_DIR, `block-${n}.mts`);
    fs.writeFileSync(block.tsFile, block.code);
    byFile.set(block.tsFile, block);
  });
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2022.d.ts'], // Node's own types (fetch, URL, AbortController) come from @types/node, as in a Node app
    types: ['node', 'jest'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
  };
  const program = ts.createProgram([prelude, ...byFile.keys()], options);
  const problems = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    const block = d.file && byFile.get(path.resolve(d.file.fileName));
    if (block && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      problems.push(`${where(block, line, character + 1)} TS${d.code}: ${text}`);
    } else {
      problems.push(`${d.file ? path.relative(process.cwd(), d.file.fileName) : '(compiler)'} TS${d.code}: ${text}`);
    }
  }
  return problems;
}

/** The example values of the document that stand for sandbox ids, by what they identify. */
function placeholders() {
  const doc = readSpec();
  const found = {};
  for (const op of listOperations(doc)) {
    for (const p of (op.operation.parameters || []).map((x) => deref(doc, x))) {
      if (p.in === 'path' && p.name === 'id' && p.example !== undefined) found[op.operation.tags[0]] = String(p.example);
    }
    const body = deref(doc, op.operation.requestBody);
    const example = body && body.content && body.content['application/json'] && body.content['application/json'].example;
    if (example && example.agreement) found.bodyAgreement = String(example.agreement);
  }
  return found;
}

/** A fresh sandbox state for one example, and what its placeholders become. */
async function prepareSandbox(sandbox, pkg) {
  sandbox.reset();
  const setup = new pkg.BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url });
  const institution_id = 'SANDBOXFINANCE_SFIN0000';
  const linkedAgreement = await setup.agreements.createEUA({ body: { institution_id, reconfirmation: true, access_valid_for_days: 180 } });
  const requisition = await setup.requisitions.createRequisition({
    body: { institution_id, agreement: linkedAgreement.id, redirect: 'https://myapp.example/callback', reference: 'docs-check' },
  });
  const linked = await sandbox.completeRequisition(requisition.id);
  await setup.agreements.createEUAReconfirmation({ id: linkedAgreement.id, body: {} });
  const unusedAgreement = await setup.agreements.createEUA({ body: { institution_id } });
  const pair = await setup.token.obtainNewAccessRefreshTokenPair({ body: { secret_id: sandbox.credentials.secretId, secret_key: sandbox.credentials.secretKey } });
  return { linkedAgreement: linkedAgreement.id, unusedAgreement: unusedAgreement.id, requisition: requisition.id, account: linked.accounts[0], refresh: pair.refresh };
}

function toRunnable(block, ids, ph, baseUrl) {
  const wantsUnused = /\.(acceptEUA|createRequisition)\(/.test(block.code);
  let js = ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const swaps = [
    [ph.agreements, wantsUnused ? ids.unusedAgreement : ids.linkedAgreement],
    [ph.bodyAgreement, ids.unusedAgreement],
    [ph.requisitions, ids.requisition],
    [ph.accounts, ids.account],
  ];
  for (const [from, to] of swaps) if (from) js = js.split(from).join(to);
  // Point every client the example creates at the sandbox.
  js = js.replace(/new BankAccountDataClient\(\{/g, `new BankAccountDataClient({ baseUrl: ${JSON.stringify(baseUrl)},`);
  return js;
}

/** Runs the `run` blocks against one sandbox; returns one message per failed example. */
async function runBlocks(blocks, { timeoutMs = 20_000 } = {}) {
  const pkg = require(PACKAGE);
  const { createSandboxServer } = require(`${PACKAGE}/sandbox`);
  const sandbox = await createSandboxServer({ seed: 7 });
  const ph = placeholders();
  const problems = [];
  const saved = { log: console.log, error: console.error, warn: console.warn, env: { ...process.env }, exitCode: process.exitCode };
  try {
    for (const [n, block] of blocks.entries()) {
      const ids = await prepareSandbox(sandbox, pkg).catch((err) => {
        throw new Error(`preparing the sandbox for the example at ${where(block)} failed (scripts/docs/check.js prepareSandbox): ${err.message}`);
      });
      process.env.SECRET_ID = sandbox.credentials.secretId;
      process.env.SECRET_KEY = sandbox.credentials.secretKey;
      process.env.REFRESH_TOKEN = ids.refresh;
      const file = path.join(WORK_DIR, `run-${n}.mjs`);
      fs.writeFileSync(file, toRunnable(block, ids, ph, sandbox.url));
      const output = [];
      console.log = (...args) => output.push(args.map(String).join(' '));
      console.error = console.warn = (...args) => output.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
      process.exitCode = undefined;
      let failure;
      let timer;
      try {
        await Promise.race([
          import(pathToFileURL(file).href),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs); }),
        ]);
        if (process.exitCode) failure = `exit code ${String(process.exitCode)}`;
      } catch (err) {
        failure = err && err.stack ? err.stack.split('\n').slice(0, 3).join('\n    ') : String(err);
      } finally {
        clearTimeout(timer);
        console.log = saved.log;
        console.error = saved.error;
        console.warn = saved.warn;
        process.exitCode = saved.exitCode;
      }
      if (failure) problems.push(`${where(block)} example${block.section ? ` "${block.section}"` : ''} failed against the sandbox: ${failure}${output.length ? `\n    output: ${output.join('\n    ').slice(0, 2000)}` : ''}`);
    }
  } finally {
    for (const key of ['SECRET_ID', 'SECRET_KEY', 'REFRESH_TOKEN']) {
      if (saved.env[key] === undefined) delete process.env[key];
      else process.env[key] = saved.env[key];
    }
    await sandbox.close();
  }
  return problems;
}

/**
 * Checks the given Markdown files; resolves to { compiled, ran, problems }.
 * @param {{ files?: string[], run?: boolean }} [options]
 */
async function checkDocs({ files = defaultFiles(), run = true } = {}) {
  assertBuilt();
  const blocks = files.flatMap(extractBlocks);
  const problems = compileBlocks(blocks);
  const runnable = run ? blocks.filter((b) => b.run) : [];
  // Running code that does not compile would only repeat the compiler's complaint.
  if (!problems.length && runnable.length) problems.push(...(await runBlocks(runnable)));
  return { compiled: blocks.length, ran: problems.length ? 0 : runnable.length, problems };
}

async function main(argv) {
  const files = argv.filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  const started = Date.now();
  const result = await checkDocs({ files: files.length ? files : undefined, run: !argv.includes('--no-run') });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.problems.length) {
    for (const p of result.problems) console.error(p);
    console.error(`docs:check: ${result.problems.length} problem(s) in the TypeScript blocks of the docs (fix the block at the file:line shown; a fragment that cannot stand alone may be marked \`\`\`ts nocheck)`);
    process.exitCode = 1;
    return;
  }
  console.log(`docs:check: ${result.compiled} TypeScript blocks compiled against dist/, ${result.ran} examples run against the sandbox (${seconds} s)`);
}

module.exports = { checkDocs, extractBlocks };
if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`docs:check: ${err.message}`);
    process.exitCode = 1;
  });
}
