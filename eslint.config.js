// Type-aware lint for the whole project, with the boundaries of docs/ARCHITECTURE.md enforced as import rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', 'drizzle', 'bench/results', '.tmp', 'docs', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'bin/*.js',
            'scripts/*.mjs',
            'web/vite.config.ts',
            'src/modules/telemetry/otlp/decode-worker.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // The web app imports only contracts and labels, never server code.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@contracts/(?!.*/(schema|labels|permissions)(\\.js)?$)',
              message: 'The web app may import only contracts (schema.ts, labels.ts, permissions.ts).',
            },
            { regex: '(\\.\\./)+src/', message: 'Import contracts through @contracts, never server code.' },
          ],
        },
      ],
    },
  },
  {
    // Pure logic has no I/O.
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/**/*.test.ts', 'src/lib/tabular/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(node:)?(fs|net|http|https|child_process)(/.*)?$', message: 'src/lib is pure: no I/O.' },
            { regex: '/db/', message: 'src/lib is pure: no database.' },
          ],
        },
      ],
    },
  },
  {
    // Reading data files (shared by the CLI and the API) may touch the file system, never the database.
    files: ['src/lib/tabular/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '/db/', message: 'src/lib/tabular reads files: no database.' }] }],
    },
  },
  {
    // Routes are thin: they never query the database themselves.
    files: ['src/modules/*/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^drizzle-orm)|(/db/schema)', message: 'Routes call services; queries live in repo.ts.' }] },
      ],
    },
  },
);
