import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here.' }

export default tseslint.config(
  {
    ignores: [
      '**/.scratch*',
      '.tmp/**',
      'out/**',
      'out-*/**',
      'build/**',
      'node_modules/**',
      '.bench/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer talks to the core only through the shared contract.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches Electron only through window.loopdesk.' },
            { name: 'better-sqlite3', message: 'The renderer has no database access.' },
          ],
          patterns: [
            nodeBuiltins,
            { group: ['**/electron/**'], message: 'Import from shared/, not electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      // The core must run under plain Node (tests, headless mode, workers).
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core must not depend on Electron.' }],
          patterns: [
            {
              group: ['**/main/*', '**/preload/*', '**/renderer/**'],
              message: 'electron/core must not import the shell or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is used by both sides and imports neither.' },
            { name: 'better-sqlite3', message: 'shared/ is pure.' },
            { name: 'react', message: 'shared/ is pure.' },
          ],
          patterns: [
            nodeBuiltins,
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither side.' },
          ],
        },
      ],
    },
  },
)
