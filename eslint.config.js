// ESLint flat config: typescript-eslint's type-aware-free recommended rules, React hooks rules,
// and a guard that keeps shared/ free of Node, DOM and Electron imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'reports/**',
      'node_modules/**',
      'test/fixtures/**',
      'test/artifacts/**',
      'shared/backend/wasm/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: [
      '*.config.ts',
      '*.config.js',
      'electron-builder.ts',
      '.ci/**/*.mjs',
      'scripts/**/*.mjs',
      'bin/**/*.js',
      'wasm/*.mjs',
    ],
    rules: { 'no-restricted-syntax': 'off' },
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'],
              message: 'shared/ is pure: no Node.',
            },
            {
              group: ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*'],
              message: 'shared/ is pure: no Electron, no React.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not depend on its shells.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: globals.browser },
  },
);
