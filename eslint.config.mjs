// ESLint flat config: typescript-eslint's type-aware recommended rules over the hand-written code
// (src/ with the sandbox, test/, scripts/, bench/, examples/). generated/ is the generator's output,
// held by `npm run generate:check` instead; docs/ and dist/ are outputs too.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The rules that follow `any` through the code: they have nothing to check in untyped data. */
const untypedDataRules = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
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
