// ESLint flat config: typescript-eslint's type-aware recommended rules over the hand-written code
// (src/ with the sandbox, test/, scripts/, bench/, examples/). generated/ is the generator's output,
// held by `npm run generate:check` instead; docs/ and dist/ are outputs too.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import path from 'node:path';

/** The rules that follow `any` through the code: they have nothing to check in untyped data. */
const untypedDataRules = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

/**
 * The sandbox stands in for the API, so it may know only what any app knows: the package's
 * public root entry (for the API's types) and our OpenAPI document. Were it to import the
 * client's own rules, its tests would check the client against itself.
 */
/** @type {import('eslint').Rule.RuleModule} */
const sandboxKnowsOnlyThePublicApi = {
  meta: { type: 'problem', messages: { internal: 'src/sandbox may import only its own modules and the public entry (src/index): "{{source}}"' } },
  create(context) {
    const sandbox = path.join(import.meta.dirname, 'src', 'sandbox');
    const publicEntry = path.join(import.meta.dirname, 'src', 'index');
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const check = (node) => {
      const source = node.source?.type === 'Literal' ? node.source.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source).replace(/\.(ts|js)$/, '');
      if (target === publicEntry || target.startsWith(sandbox + path.sep)) return;
      context.report({ node, messageId: 'internal', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['generated/', 'dist/', 'docs/', 'coverage/', 'node_modules/', '.docs-check/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use; `{ drop, ...rest }` omits a field.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // An async method that implements an async interface need not await: async turns its throws into rejections.
      '@typescript-eslint/require-await': 'off',
      // A `let` read by a closure before its one assignment (two objects that need each other) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Passing on a rejection as it came (typed `unknown`) is not inventing a non-Error one.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests read JSON bodies and mock requests as `any` on purpose: what arrived is what is asserted.
    files: ['test/**/*.ts'],
    rules: untypedDataRules,
  },
  {
    files: ['src/sandbox/**/*.ts'],
    plugins: { local: { rules: { 'sandbox-knows-only-the-public-api': sandboxKnowsOnlyThePublicApi } } },
    rules: { 'local/sandbox-knows-only-the-public-api': 'error' },
  },
  {
    // The web quickstart's script, run by the browser.
    files: ['examples/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // Plain CommonJS run by node without a build (scripts, fixtures shared with them, the bench, configs).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { ...untypedDataRules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
