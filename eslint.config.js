// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries of DESIGN.md, enforced: only src/main/shell, src/main/index.ts and
 * src/preload import electron; the renderer imports only src/shared and itself;
 * src/shared imports no node, electron or DOM module; the sandbox and the provider
 * adapters never import each other.
 */
const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'stream/promises', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
// Bare builtin names go in `paths` (exact match): as `patterns` they would also match
// app folders such as ./contract/events.
const nodeBuiltinPaths = NODE_BUILTINS.map((name) => ({ name, message: 'No node modules here.' }));
const nodePatterns = ['node:*'];
// Under Electron only the Electron build of better-sqlite3 loads, so every connection goes
// through src/main/sqlite/open-sqlite.ts, which passes the build chosen at start-up.
const sqliteOpenBan = [
  { selector: "ImportDeclaration[source.value='better-sqlite3'][importKind!='type']", message: 'Open SQLite with openSqlite (src/main/sqlite/open-sqlite.ts): it loads the Electron build under Electron.' },
  { selector: "NewExpression[callee.name='Database']", message: 'Open SQLite with openSqlite (src/main/sqlite/open-sqlite.ts): it loads the Electron build under Electron.' },
];
const electronBan = { name: 'electron', message: 'Only src/main/shell, src/main/index.ts and src/preload may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results*', 'bench/.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main/sqlite/open-sqlite.ts'],
    rules: { 'no-restricted-syntax': ['error', ...sqliteOpenBan] },
  },
  {
    files: ['src/main/shell/**', 'src/main/index.ts', 'src/preload/**', 'test/unit/shell/**', 'electron.vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/main/ledger/migrations/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../migrations'], message: 'Migrations never import app code.' }] }],
    },
  },
  {
    files: ['src/main/sandbox/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/providers/**', '**/providers'], message: 'The sandbox and the provider adapters never import each other.' }] }],
    },
  },
  {
    files: ['src/main/providers/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/sandbox/**', '**/sandbox'], message: 'The sandbox and the provider adapters never import each other.' }] }],
    },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronBan, 'react', 'react-dom', ...nodeBuiltinPaths],
        patterns: [
          { group: nodePatterns, message: 'src/shared runs in every process: no node modules.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports only src/shared.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronBan, ...nodeBuiltinPaths],
        patterns: [
          { group: nodePatterns, message: 'The renderer has no node access.' },
          { group: ['**/main/**', '**/main', '**/preload/**', '**/preload'], message: 'The renderer imports only src/shared and itself.' },
        ],
      }],
    },
  },
);
