// Types of eslint/fences.js for the TypeScript test that lints fixtures with it.
import type { ESLint, Linter } from 'eslint';

export declare const fences: Linter.Config[];
export declare const kontaktPlugin: ESLint.Plugin;
