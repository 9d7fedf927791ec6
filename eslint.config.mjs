// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The pure layers: no IO, no clock, no randomness (DESIGN.md, STYLE.md). */
const pureLayers = ['src/domain/**/*.ts', 'projections/**/*.ts']
const ioModules = [
  'node:*',
  'fs',
  'path',
  'http',
  'crypto',
  'child_process',
  'express',
  'better-sqlite3',
  '@eventstore/db-client',
  'pino',
  'commander',
  'yaml',
]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bin/**',
      'scripts/**',
      'artifacts/**',
      'bench/results/**',
      'src/http/web/**',
      'eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'fp-ts/lib/function', message: 'import from fp-ts/function' }] },
      ],
    },
  },
  {
    files: pureLayers,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ioModules.map((group) => ({
            group: [group],
            message: 'the domain and projections are pure: IO lives in adapters and shells',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'inject the clock' },
        { object: 'Math', property: 'random', message: 'inject randomness' },
      ],
      'no-restricted-globals': ['error', 'process', 'console', 'fetch', 'setTimeout'],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
)
