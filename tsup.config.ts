import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { builtinModules } from 'node:module';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The default transport is its own file, chosen when the app runs: the root
 * entry imports `#default-fetch`, which package.json `imports` resolves to
 * default-fetch.* on Node and to global-fetch.* elsewhere (see
 * src/default-transport.ts).
 */
const defaultFetchByRuntime: Plugin = {
  name: 'default-fetch-by-runtime',
  setup(build) {
    build.onResolve({ filter: /^\.\/default-fetch$/ }, (args) =>
      args.importer.endsWith('default-transport.ts') ? { path: '#default-fetch', external: true } : undefined,
    );
  },
};

/**
 * node-fetch is bundled into default-fetch.*, from its ES module build, so that
 * apps bundling the package for Node in ESM get `import`s of Node's modules
 * rather than `require` calls an ES module cannot make. Two of its imports are
 * replaced: whatwg-url, which it uses only where Node has no global `URL` (never
 * on Node ≥ 18) and which would bring the deprecated `punycode` module; and the
 * optional `encoding`, used only by `textConverted()`, which the client never calls.
 */
const nodeFetchImports: Plugin = {
  name: 'node-fetch-imports',
  setup(build) {
    build.onResolve({ filter: /^(whatwg-url|encoding)$/ }, (args) => ({ path: args.path, namespace: 'replaced' }));
    build.onLoad({ filter: /.*/, namespace: 'replaced' }, (args) => ({
      contents: args.path === 'whatwg-url' ? 'export default { URL: globalThis.URL };' : 'export default {};',
      loader: 'js',
    }));
  },
};

/**
 * `gocardless-bankaccountdata/nordigen` runs on the client of the root entry, not
 * a copy of it: one class per exception (`instanceof ApiException` holds) and one
 * transport. Its `../index` import stays a `require` of dist/index.js.
 */
const rootEntryExternal: Plugin = {
  name: 'root-entry-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index$/ }, (args) =>
      /[\\/]src[\\/]nordigen[\\/]/.test(args.importer) ? { path: '../index.js', external: true } : undefined,
    );
  },
};

/**
 * The sandbox serves our OpenAPI document (src/sandbox/openapi-document.ts). From
 * the source tree it reads openapi/; the build puts the parsed document in place
 * of that reader, so dist/ carries it without the YAML file or a parser.
 */
const embeddedOpenApi: Plugin = {
  name: 'embedded-openapi',
  setup(build) {
    build.onResolve({ filter: /^\.\/openapi-source$/ }, (args) => ({ path: args.path, namespace: 'embedded-openapi' }));
    build.onLoad({ filter: /.*/, namespace: 'embedded-openapi' }, () => {
      const document = load(readFileSync('openapi/bank-account-data.yaml', 'utf8'));
      return { contents: `export function openApiDocument() { return ${JSON.stringify(document)}; }`, loader: 'js' };
    });
  },
};

/** The command imports the sandbox as the built entry next to it, not as a second copy. */
const sandboxEntryOutside: Plugin = {
  name: 'sandbox-entry-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) => (args.importer.endsWith('cli.ts') ? { path: './index.js', external: true } : undefined));
  },
};

const NODE_FETCH_NOTICE = `/*! Includes node-fetch 2.7.0, https://github.com/node-fetch/node-fetch
 * The MIT License (MIT). Copyright (c) 2016 - 2020 Node Fetch Team.
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
 * documentation files (the "Software"), to deal in the Software without restriction, including without limitation
 * the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
 * to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above
 * copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
 * THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 * TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */`;

/**
 * The sandbox's code, once for both of its entry points: it reads Node's modules
 * from `__node`, and makes no `require` call of its own. scripts/build.js wraps it
 * in a function of `__node` (dist/sandbox/core.js) that index.js calls with Node's
 * modules `require`d and index.mjs with them `import`ed, so an app bundled as an
 * ES module runs it, and the package ships it once.
 */
const nodeModulesGiven: Plugin = {
  name: 'node-modules-given',
  setup(build) {
    const names = builtinModules.map((name) => name.replace(/[/]/g, '\\/')).join('|');
    build.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'given' }));
    build.onLoad({ filter: /.*/, namespace: 'given' }, (args) => ({ contents: `module.exports = __node[${JSON.stringify(args.path)}];`, loader: 'js' }));
  },
};

const shared: Options = {
  format: ['cjs', 'esm'],
  // No source maps: the sources they point to are not shipped. The files Node runs
  // (the entry points, the sandbox, the Redis store) are not minified and keep the
  // names of the source, so stack traces read as they are; only the bundlers' build
  // (dist/esm/) is minified, and the default transport compacted (see below).
  // test:consumer checks both.
  sourcemap: false,
  target: 'node18',
  platform: 'node',
  splitting: false,
  outDir: 'dist',
  // scripts/build.js empties dist/ first: the configurations below build side by side.
  clean: false,
};

export default defineConfig([
  // The entry points for Node, with type declarations for `import` and `require`.
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'sandbox/index': 'src/sandbox/index.ts',
      'redis/index': 'src/redis/index.ts',
      'testing/index': 'src/testing/index.ts',
      'nordigen/index': 'src/nordigen/index.ts',
    },
    format: ['cjs', 'esm'],
    dts: true,
    esbuildPlugins: [defaultFetchByRuntime, rootEntryExternal, embeddedOpenApi],
    // CommonJS: the default transport is `require`d (test runners such as Jest run
    // CommonJS without support for dynamic `import()`). scripts/build.js finishes dist/.
    esbuildOptions(options, { format }) {
      if (format === 'cjs') options.supported = { ...options.supported, 'dynamic-import': false };
    },
  },
  /**
   * For bundlers (the `module` condition): one ES module per source module, so a
   * bundle takes only the modules an app reaches (`sideEffects: false`), where a
   * single-file build would bring along everything whose top level a bundler
   * cannot prove free of side effects. Its global-fetch.mjs is what `#default-fetch`
   * gives an ES module outside Node, so a bundle shares its modules with the client's
   * instead of taking a second copy of them from dist/global-fetch.mjs.
   */
  {
    ...shared,
    entry: ['src/**/*.ts', 'generated/**/*.ts', '!src/sandbox/**', '!src/redis/**', '!src/testing/**', '!src/default-fetch.ts', '!src/**/*.docs.ts'],
    format: ['esm'],
    outDir: 'dist/esm',
    splitting: true,
    esbuildPlugins: [defaultFetchByRuntime],
    // Minified: the declarations carry the documentation, and a bundler formats (or
    // minifies) its own output. Exported names are kept.
    minify: true,
  },
  // The default transport, one file per runtime, loaded on first use.
  {
    ...shared,
    entry: { 'default-fetch': 'src/default-fetch.ts' },
    esbuildPlugins: [nodeFetchImports],
    // node-fetch's ES module build (its `module` field), not its CommonJS `main`.
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
    // Mostly node-fetch's own code: shipped compact, with its names (stack traces still name functions).
    minifyWhitespace: true,
    minifySyntax: true,
    banner: { js: NODE_FETCH_NOTICE },
  },
  { ...shared, entry: { 'global-fetch': 'src/global-fetch.ts' } },
  // The command (bin/gocardless-bankaccountdata.js runs it): CommonJS only, over the sandbox's own build.
  {
    ...shared,
    entry: { 'sandbox/cli': 'src/sandbox/cli.ts' },
    format: ['cjs'],
    esbuildPlugins: [sandboxEntryOutside],
  },
  {
    ...shared,
    entry: { 'sandbox/core': 'src/sandbox/index.ts' },
    format: ['cjs'],
    // tsup would otherwise mark `node:` imports external before the plugin sees them.
    removeNodeProtocol: false,
    esbuildPlugins: [nodeModulesGiven, embeddedOpenApi],
  },
]);
