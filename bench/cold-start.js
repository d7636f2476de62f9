/**
 * `npm run bench`, second part: what an app pays before its first request.
 *
 * - `require` of the built package (dist/index.js) and construction of a client,
 *   with `fetchApi` given and without; each in a fresh process, median of many;
 *   and whether the default transport (node-fetch, `http`, `https`) was loaded;
 *   then with the default transport loaded, as the first request loads it;
 * - minified esbuild bundles of the package as an app imports it: the whole
 *   client for an edge runtime (platform neutral, `fetchApi: globalThis.fetch`),
 *   and one helper alone (`parseRateLimit`).
 *
 * Exits 1 when a budget is exceeded (the `BUDGETS` below).
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const NAME = require('../package.json').name;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);

const BUDGETS = {
  /**
   * `require` + a client given `fetchApi`, as a share of what `require('node-fetch')`
   * alone costs in a fresh process on the same machine (the floor an app on raw
   * node-fetch pays): a ratio holds on any machine, where milliseconds did not, and
   * the regression it guards against (the client loading node-fetch, `http` or the
   * sandbox at once) would take it past 1.
   */
  requireWithFetchApiShare: 0.5,
  /** One helper imported alone, minified, in bytes. */
  oneHelperBytes: 5_000,
};

/** What one probe does after `start`: `require` alone, a client made, or node-fetch alone (the floor). */
function work(mode) {
  if (mode === 'node-fetch') return `require(${JSON.stringify(require.resolve('node-fetch'))});`;
  const load = `const { BankAccountDataClient } = require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});`;
  if (mode === 'bare') return load;
  const client = `new BankAccountDataClient({ secretId: 'id', secretKey: 'key'${mode === 'fetchApi' ? ', fetchApi: globalThis.fetch' : ''} });`;
  return mode === 'loaded' ? `${load} ${client} require(${JSON.stringify(path.join(ROOT, 'dist', 'default-fetch.js'))});` : `${load} ${client}`;
}

/** One fresh process: `require` (and construction), timed inside it. */
function probe(mode) {
  const script = `
    const start = process.hrtime.bigint();
    ${work(mode)}
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const transport = [
      ...Object.keys(require.cache).filter((file) => /default-fetch|node-fetch/.test(file)),
      ...process.moduleLoadList.filter((entry) => /^NativeModule (http|https)$/.test(entry)),
    ];
    console.log(JSON.stringify({ ms, transport }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A minified bundle of `source`, importing the package by name as an app does; its size in bytes. */
async function bundleSize(dir, source, platform) {
  const entry = path.join(dir, `entry-${platform}-${source.length}.mjs`);
  fs.writeFileSync(entry, source);
  const result = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, platform, format: 'esm', write: false, logLevel: 'silent' });
  return result.outputFiles[0].contents.length;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('no dist/: run `npm run build` first (`npm run bench` does)');
  const failures = [];

  console.log(`\ncold start: node ${process.version}, median of ${RUNS} fresh processes`);
  console.log('case                                         time      default transport loaded');
  const figures = {};
  for (const [mode, label] of [
    ['node-fetch', "require('node-fetch') (the floor)"],
    ['bare', 'require'],
    ['fetchApi', 'require + client with fetchApi'],
    ['default', 'require + client with the default transport'],
    // What the first request adds: the default transport, loaded then.
    ['loaded', '... and the default transport loaded'],
  ]) {
    const runs = Array.from({ length: RUNS }, () => probe(mode));
    figures[mode] = median(runs.map((run) => run.ms));
    const transport = runs[0].transport.length ? runs[0].transport.map((entry) => path.basename(entry)).join(', ') : 'no';
    console.log(`${label.padEnd(44)} ${`${figures[mode].toFixed(2)} ms`.padStart(8)}   ${transport}`);
    if (mode === 'fetchApi' && runs[0].transport.length) failures.push(`the default transport was loaded although fetchApi was given: ${transport}`);
  }
  const share = figures.fetchApi / figures['node-fetch'];
  console.log(`require + client with fetchApi ÷ require('node-fetch'): ×${share.toFixed(2)} (budget ≤ ×${BUDGETS.requireWithFetchApiShare})`);
  if (share > BUDGETS.requireWithFetchApiShare)
    failures.push(`require + client with fetchApi took ×${share.toFixed(2)} of require('node-fetch'), over ×${BUDGETS.requireWithFetchApiShare}`);

  // The package under its own name, as installed in an app's node_modules.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', NAME), 'dir');
    const client = `import { BankAccountDataClient } from '${NAME}';
new BankAccountDataClient({ secretId: 'id', secretKey: 'key', fetchApi: globalThis.fetch }).institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country: 'GB' });`;
    const helper = `import { parseRateLimit } from '${NAME}';\nconsole.log(parseRateLimit(new Headers()));`;
    const neutral = await bundleSize(dir, client, 'neutral');
    const oneHelper = await bundleSize(dir, helper, 'neutral');
    console.log(`\nbundle (esbuild, minified)                   size`);
    console.log(`${'client, platform neutral, fetchApi given'.padEnd(44)} ${`${(neutral / 1000).toFixed(1)} kB`.padStart(8)}`);
    console.log(`${'parseRateLimit alone'.padEnd(44)} ${`${(oneHelper / 1000).toFixed(1)} kB`.padStart(8)}`);
    if (oneHelper > BUDGETS.oneHelperBytes) failures.push(`parseRateLimit alone bundles to ${oneHelper} bytes, over ${BUDGETS.oneHelperBytes}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  for (const failure of failures) console.error(`over budget: ${failure}`);
  if (failures.length) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
