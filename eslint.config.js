// Type-aware lint (typescript-eslint), plus the architecture's fences (eslint/fences.js): a pure
// domain, a contract of zod and domain only, a web without server code, features that do not reach
// into each other, and no import cycles anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fences } from './eslint/fences.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'data',
      'dist',
      'coverage',
      '.tmp',
      'bench/results',
      'test/architecture/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Fastify plugins are async functions by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...fences,
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
