// ESLint (flat config): typescript-eslint's type-checked rules over the TypeScript sources, the recommended
// JavaScript rules over the pages and scripts, and eslint-config-prettier last so formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'test/artifacts/',
      'apps/web/public/engine/',
      'apps/web/public/vendor/',
      'apps/api/src/openapi/response-schemas.generated.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
  },
  {
    files: ['libs/engine/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    rules: {
      // The generated pack and explainer index arrays the compiler itself sized; `!` there is a checked invariant.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // These check JSON read from disk, the database or a request before trusting its static type, so conditions
    // the types call "always true" are the point.
    files: [
      'libs/engine/src/rules/rule-pack-loader.ts',
      'libs/engine/src/rules/rule-pack-lint.ts',
      'libs/engine/src/rules/condition-tree.ts',
      'libs/engine/src/coverage/coverage-files.ts',
      'libs/engine/src/coverage/coverage.ts',
      'libs/engine/src/scenarios/scenario-changes.ts',
      'libs/engine/src/evaluator/compiled-pack.ts',
      'libs/engine/src/fixtures/fixture-runner.ts',
    ],
    rules: {
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // `async` on a method that implements a promise-returning interface turns a synchronous throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read untyped HTTP bodies (supertest's `body: any`) and JSON fixtures on purpose.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/web/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**/*.js', 'test/**/*.js', '*.js', '*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  prettier,
);
