// ESLint (`npm run lint`, run by `npm test`): typescript-eslint's type-aware rules over src, test,
// bench and scripts. Formatting is Prettier's alone (eslint-config-prettier, last, turns off every
// stylistic rule that could disagree with it). A rule is relaxed below only with its reason.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-bench/',
      'node_modules/',
      'coverage/',
      'test-output/',
      'bench/results/',
      '.data/',
      'backups/',
      // Landed migrations are immutable (migrations/checksums.json): a finding there could never be fixed.
      'migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a deliberate discard: a positional parameter an interface requires,
      // or a property taken out of an object by destructuring (`const { passwordHash: _p, ...user } = row`).
      // tsconfig's noUnusedLocals/noUnusedParameters follow the same convention.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: an async callback that implements a Promise-returning contract (DNS resolvers, queue
      // processors, until() probes, shutdown hooks, template renderers) must stay async so that a throw
      // becomes a rejection; dropping `async` to satisfy this rule would change that behaviour. The
      // promise rules that catch real bugs (no-floating-promises, no-misused-promises, await-thenable)
      // stay on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read untyped payloads: supertest's `res.body`, JSON from mail, webhooks and files, and
    // jest's asymmetric matchers (`expect.any()` is typed `any`). Typing each HTTP answer in a test
    // would repeat the DTOs without checking more than the assertions already do; the code under
    // test (src/ without specs) keeps the unsafe-* rules.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, jest and ESLint config, the ESM OIDC test server) is outside tsconfig.json.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: {
      // CommonJS scripts load their dependencies with require().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
