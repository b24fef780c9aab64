// ESLint (flat config): typescript-eslint's type-aware recommended rules over
// every TypeScript project, plus the layering of ARCHITECTURE.md
// (eslint.layering.mjs). Style is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layering } from './eslint.layering.mjs';

const globals = {
  node: Object.fromEntries(
    [
      'process',
      'console',
      'URL',
      'Buffer',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'fetch',
      'AbortController',
      'performance',
      'TextDecoder',
      'TextEncoder',
    ].map((n) => [n, 'readonly']),
  ),
};

export default tseslint.config(
  {
    ignores: [
      '**/out/**',
      'node_modules/**',
      '.e2e/**',
      '.contract/**',
      '.oracle-venv/**',
      '.bench-venv/**',
      '.lakeflow/**',
      '**/*.js',
      'media/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond && act()` and `a ? f() : g()` as statements are idioms here; a bare value is still flagged.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // An async function without await is how a command or provider meets a
      // Promise-returning interface here; flagging each is noise.
      '@typescript-eslint/require-await': 'off',
      // A variable a closure reads before its one assignment cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Values read from DuckDB rows and YAML scalars are printed with String()
      // on purpose, after objects are handled (JSON.stringify).
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read JSON they parse and register cases with node:test, whose
    // test()/describe() promises the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Stand-ins implement async interfaces with immediate answers; messages print unknown values.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Build and test scripts: plain Node ES modules, linted without type information.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  ...layering,
);
