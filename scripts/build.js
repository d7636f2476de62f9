#!/usr/bin/env node
'use strict';
// `npm run build`: empties dist/, runs tsup (tsup.config.ts), then gives the ES module
// faces their final shape. In Node, `import` and `require` must share one copy of the
// client (one class per exception, one token cache), so:
// - dist/index.node.mjs, what Node's `import` loads, re-exports the CommonJS build;
//   bundlers take dist/esm/, one ES module per source module (the `module` condition);
// - the sandbox's and the Redis store's `import` are ES modules that import Node's modules
//   with `import`: an app bundled as an ES module (esbuild platform=node format=esm) cannot
//   run the `require` calls of a CommonJS build. The sandbox's code ships once, in
//   dist/sandbox/core.js, a function of Node's modules (tsup.config.ts) that index.js calls
//   with them `require`d and index.mjs with them `import`ed; the Redis store is small
//   enough to ship twice. Neither holds a class an app compares with the client's;
// - the testing helpers' `import` re-exports their CommonJS build (test runners load it
//   from Node: a bundler gains nothing from an ES module build of it);
// - so does the nordigen facade's, whose `require` returns the class itself, as
//   nordigen-node's does (bundlers take its module in dist/esm/);
// - every .d.mts re-exports its .d.ts, so declarations ship once;
// - the JavaScript Node runs loses its doc comments (the declarations keep them).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

fs.rmSync(DIST, { recursive: true, force: true });
const tsup = spawnSync(process.execPath, [require.resolve('tsup/dist/cli-default.js')], { cwd: ROOT, stdio: 'inherit' });
if (tsup.status !== 0) process.exit(tsup.status ?? 1);

const reexport = (file) => `export * from './${path.basename(file)}';\n`;

fs.writeFileSync(path.join(DIST, 'index.node.mjs'), reexport('index.js'));
// Bundlers get dist/esm/ (see tsup.config.ts), not a single-file ES module build.
fs.rmSync(path.join(DIST, 'index.mjs'));
fs.writeFileSync(path.join(DIST, 'testing', 'index.mjs'), reexport('index.js'));
// `const NordigenClient = require('nordigen-node')` is the class: the same holds here, with
// `.default` and `.NordigenClient` beside it for `import` interop and named imports.
fs.appendFileSync(
  path.join(DIST, 'nordigen', 'index.js'),
  'module.exports = Object.assign(module.exports.NordigenClient, { default: module.exports.NordigenClient, NordigenClient: module.exports.NordigenClient });\n',
);
fs.writeFileSync(
  path.join(DIST, 'nordigen', 'index.mjs'),
  "import NordigenClient from './index.js';\nexport { NordigenClient };\nexport default NordigenClient;\n",
);

// The files Node runs keep their layout and names, for readable stack traces, but
// not the doc comments: the declarations carry those (`/*!` notices stay).
for (const file of listFiles(DIST)) {
  // dist/esm/ and the bundled node-fetch are minified already (tsup.config.ts).
  if (file.startsWith(path.join(DIST, 'esm')) || /default-fetch/.test(file) || !/\.m?js$/.test(file)) continue;
  const source = fs.readFileSync(file, 'utf8');
  const esm = file.endsWith('.mjs');
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { allowJs: true, removeComments: true, target: ts.ScriptTarget.ESNext, module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS },
  });
  const notice = /^\s*(\/\*![\s\S]*?\*\/\n)/.exec(source)?.[1] ?? '';
  fs.writeFileSync(file, notice + outputText);
}

writeSandboxEntries(path.join(DIST, 'sandbox'));

for (const file of listFiles(DIST)) {
  if (!file.endsWith('.d.mts')) continue;
  const twin = file.replace(/\.d\.mts$/, '.d.ts');
  // Chunks of declarations shared between entry points: the .d.ts twins hold them.
  if (/-[\w-]{8}\.d\.mts$/.test(file)) fs.rmSync(file);
  else if (fs.existsSync(twin)) fs.writeFileSync(file, reexport(twin.replace(/\.d\.ts$/, '.js')));
}

// The facade's default export, for `import`: the class, as dist/nordigen/index.mjs exports it (an ES
// module's default import of the CommonJS declarations would be the whole module instead).
fs.writeFileSync(
  path.join(DIST, 'nordigen', 'index.d.mts'),
  "import { NordigenClient } from './index.js';\nexport * from './index.js';\nexport default NordigenClient;\n",
);

/** dist/sandbox/index.js and index.mjs: core.js given Node's modules, its exports as theirs. */
function writeSandboxEntries(dir) {
  const core = fs.readFileSync(path.join(dir, 'core.js'), 'utf8');
  // Every module of Node the sandbox imports reaches it as `__node[name]`; a `require` left in it would break ES module bundles.
  const modules = [...new Set([...core.matchAll(/__node\["([\w/]+)"\]/g)].map((m) => m[1]))].sort();
  if (/\brequire\(/.test(core)) throw new Error('dist/sandbox/core.js calls require(): import Node modules as node:<name> in src/sandbox');
  const body = core.replace(/^(["'])use strict\1;\n/, '');
  fs.writeFileSync(
    path.join(dir, 'core.js'),
    `'use strict';\n// The sandbox, as a function of the Node modules it uses (see index.js and index.mjs).\nmodule.exports = function sandboxModule(__node) {\nconst module = { exports: {} };\n${body}return module.exports;\n};\n`,
  );
  const given = `{ ${modules.map((name) => `${JSON.stringify(name)}: ${name.replace(/\W/g, '_')}`).join(', ')} }`;
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `'use strict';\n${modules.map((name) => `const ${name.replace(/\W/g, '_')} = require('node:${name}');`).join('\n')}\nmodule.exports = require('./core.js')(${given});\n`,
  );
  const names = Object.keys(require(path.join(dir, 'index.js'))).filter((name) => name !== 'default');
  fs.writeFileSync(
    path.join(dir, 'index.mjs'),
    `${modules.map((name) => `import ${name.replace(/\W/g, '_')} from 'node:${name}';`).join('\n')}\nimport sandboxModule from './core.js';\n\nexport const { ${names.join(', ')} } = sandboxModule(${given});\n`,
  );
}

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
