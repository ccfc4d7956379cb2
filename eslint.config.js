// ESLint flat config: typescript-eslint's type-aware-free recommended rules, React hooks rules,
// and the import rules that keep the architecture (tested in test/lint/import-rules.test.ts):
// shared/ free of Node, DOM and Electron; `electron` imported (for values) only by the files that
// must, `ipcMain` only by electron/main/ipc.ts, `ipcRenderer` only by the preload's entry; and
// renderer/src/render/ (pure drawing) never importing the window's app/ layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The only files that import Electron's runtime (type-only imports are erased and allowed anywhere). */
export const ELECTRON_IMPORTERS = [
  'electron/main/app.ts',
  'electron/main/dialogs.ts',
  'electron/main/ipc.ts',
  'electron/main/security.ts',
  'electron/main/window.ts',
  'electron/preload/index.ts',
];

const electronAnywhere = {
  name: 'electron',
  allowTypeImports: true,
  message:
    'Only the files in ELECTRON_IMPORTERS (eslint.config.js) import Electron; the rest of the app runs without it (tests, the CLI, the worker).',
};
const ipcOutsideItsModule = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'ipcMain is used only by electron/main/ipc.ts, ipcRenderer only by electron/preload/index.ts: every other module goes through the API table (shared/api/table.ts).',
};
const renderImportsApp = {
  group: ['**/app/*', '**/app', '**/state/*', '**/components/*', '**/hooks/*'],
  message:
    'renderer/src/render/ is pure drawing: it declares its own inputs (render/plot.ts) and imports nothing of the window (app/, state/, components/, hooks/).',
};

/** The typescript-eslint restricted-imports options for a set of files (one rule, so later blocks must repeat what applies). */
const restricted = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

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
        {
          selector:
            "ImportExpression[source.value='electron'], CallExpression[callee.name='require'][arguments.0.value='electron']",
          message: 'Import Electron statically, and only where eslint.config.js allows it.',
        },
      ],
      '@typescript-eslint/no-restricted-imports': restricted({ paths: [electronAnywhere] }),
    },
  },
  {
    files: ELECTRON_IMPORTERS,
    ignores: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restricted({ paths: [ipcOutsideItsModule] }) },
  },
  {
    files: ['electron/main/ipc.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted({
        paths: [{ ...ipcOutsideItsModule, importNames: ['ipcRenderer'] }],
      }),
    },
  },
  {
    files: ['electron/preload/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted({
        paths: [{ ...ipcOutsideItsModule, importNames: ['ipcMain'] }],
      }),
    },
  },
  {
    files: ['renderer/src/render/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted({
        paths: [electronAnywhere],
        patterns: [renderImportsApp],
      }),
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
