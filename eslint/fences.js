// The architecture's fences, as lint rules that fail `npm run lint` (and so `npm run check`):
//
//   src/domain    pure: no server, web, contract or I/O imports
//   src/contract  the API's schemas, shared by server and web: zod and src/domain only
//   src/web       no server code (it reads the API through src/contract's types)
//   web features  one feature does not import another's files; shared pieces live in web/shared
//   everywhere    no import cycles (kontakt/no-cycle, over the whole tree)
//
// eslint.config.js applies these; test/architecture/fences.test.ts proves each one fires on a
// fixture. Paths are relative to the repository root.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cycleOf, resolveImport } from './import-graph.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IO_PACKAGES = ['node:*', 'kysely', 'pg', 'pg-*', 'fastify', '@fastify/*', '@electric-sql/*'];

/** `src/web/features/<name>/…` → `<name>`, else null. */
function featureOf(file) {
  const parts = relative(ROOT, file).split(sep);
  return parts[0] === 'src' && parts[1] === 'web' && parts[2] === 'features' && parts.length > 4
    ? parts[3]
    : null;
}

/** Every relative import or re-export of a module, with the node to report on. */
function eachImport(context, visit) {
  const check = (node) => {
    const specifier = node.source?.value;
    if (typeof specifier === 'string' && specifier.startsWith('.')) visit(node, specifier);
  };
  return {
    ImportDeclaration: check,
    ExportNamedDeclaration: check,
    ExportAllDeclaration: check,
    ImportExpression: check,
  };
}

const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "A web feature imports no other feature's files." },
    messages: {
      foreign:
        "Feature '{{from}}' imports feature '{{to}}' ({{specifier}}): move the shared piece to src/web/shared, or compose both in src/web/app.",
    },
    schema: [],
  },
  create(context) {
    const from = featureOf(context.filename);
    if (!from) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveImport(context.filename, specifier);
      const to = target ? featureOf(target) : null;
      if (to && to !== from)
        context.report({ node, messageId: 'foreign', data: { from, to, specifier } });
    });
  },
};

// Components found are kept for a few seconds, so a lint run reads each file once and a
// long-running linter (an editor) still sees edits.
let cycleCache = new Map();
let cachedAt = 0;
const CACHE_MS = 10_000;

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between our own modules (type-only imports count).' },
    messages: {
      cycle: 'Import cycle: {{specifier}} leads back here ({{members}}).',
    },
    schema: [],
  },
  create(context) {
    if (Date.now() - cachedAt > CACHE_MS) {
      cycleCache = new Map();
      cachedAt = Date.now();
    }
    const file = context.filename;
    return eachImport(context, (node, specifier) => {
      const target = resolveImport(file, specifier);
      if (!target) return;
      const component = cycleOf(file, cycleCache, context.sourceCode.text);
      if (target === file || (component.size > 1 && component.has(target))) {
        const members = [...component].map((m) => relative(ROOT, m)).sort();
        context.report({
          node,
          messageId: 'cycle',
          data: {
            specifier,
            members:
              members.length > 4 ? `${members.slice(0, 4).join(', ')}, …` : members.join(', '),
          },
        });
      }
    });
  },
};

export const kontaktPlugin = {
  meta: { name: 'kontakt' },
  rules: { 'feature-boundaries': featureBoundaries, 'no-cycle': noCycle },
};

/** The fences as flat-config blocks. */
export const fences = [
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    plugins: { kontakt: kontaktPlugin },
    rules: { 'kontakt/no-cycle': 'error' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', '**/contract/**'],
              message: 'The domain is pure: no server, web or contract imports.',
            },
            { group: IO_PACKAGES, message: 'The domain does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**'],
              message: 'The contract is shared by server and web: zod and src/domain only.',
            },
            { group: IO_PACKAGES, message: 'The contract does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { kontakt: kontaktPlugin },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**'],
              message: 'The web imports no server code: take shapes from src/contract.',
            },
          ],
        },
      ],
      'kontakt/feature-boundaries': 'error',
    },
  },
];
