// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'artifacts/', 'coverage/', 'resources/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript here is Node scripts (bin/, scripts/).
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Layering (after VS Code's code-layering rule): the domain core is pure
    // TypeScript over plain data. It runs in the renderer, a Web Worker, the
    // CLI and the Electron main process alike, so it may not reach for any of them.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure: no Node built-ins (take data, return data).' },
            { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
            { group: ['react', 'react-dom', 'react/*', '@xyflow/*'], message: 'shared/ must not import React.' },
            { group: ['better-sqlite3'], message: 'shared/ must not touch the store.' },
            { group: ['../main/*', '../../main/*', '../renderer/*', '../../renderer/*'], message: 'shared/ may not import main/ or renderer/.' },
          ],
          paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url'].map((name) => ({
            name,
            message: 'shared/ is pure: no Node built-ins.',
          })),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'better-sqlite3', '../main/*', '../../main/*'], message: 'The renderer talks to the back end only through the KeelApi contract.' },
          ],
        },
      ],
    },
  },
);
