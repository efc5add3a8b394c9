// The project's own import graph, read from the files on disk: relative imports only (packages cannot
// import our code back), `.js` specifiers resolved to the `.ts`/`.tsx` source as TypeScript does.
// Used by the `kontakt/no-cycle` rule (eslint/fences.js); no dependencies beyond Node.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const COMMENT_RE = /\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/[^\n]*/g;

/** The file a relative specifier names, or null when it is not one of ours (a missing file, an asset). */
export function resolveImport(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = /\.[cm]?js$/.test(base)
    ? [base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'), base]
    : [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')];
  for (const candidate of candidates) {
    if (
      /\.(tsx?|[cm]?js)$/.test(candidate) &&
      existsSync(candidate) &&
      statSync(candidate).isFile()
    )
      return candidate;
  }
  return null;
}

/**
 * The files `file` imports (relative imports and re-exports, type-only included), read from
 * `source` when given (the text being linted) or else from disk; none for a file not on disk.
 */
export function importsOf(file, source) {
  if (source === undefined && !existsSync(file)) return [];
  const text = (source ?? readFileSync(file, 'utf8')).replace(COMMENT_RE, '$1');
  const out = new Set();
  for (const match of text.matchAll(IMPORT_RE)) {
    const target = resolveImport(file, match[1] ?? match[2]);
    if (target) out.add(target);
  }
  return [...out];
}

/**
 * The strongly connected component of `start` in the graph reachable from it (Tarjan), as a Set of
 * absolute paths; a file in no cycle gets a Set of itself alone. `source` is `start`'s text when
 * it is being linted (else read from disk). `cache` keeps every component found, so a lint run
 * reads each file once.
 */
export function cycleOf(start, cache = new Map(), source = undefined) {
  if (cache.has(start)) return cache.get(start);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const edges = new Map();
  let counter = 0;
  const visit = (root) => {
    // Iterative Tarjan: a deep import chain must not overflow the call stack.
    const work = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      if (i === 0) {
        index.set(node, counter);
        low.set(node, counter);
        counter += 1;
        stack.push(node);
        onStack.add(node);
        edges.set(node, importsOf(node, node === start ? source : undefined));
      }
      const next = edges.get(node)[i];
      if (next !== undefined) {
        frame[1] = i + 1;
        if (cache.has(next)) continue;
        if (!index.has(next)) work.push([next, 0]);
        else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = new Set();
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.add(member);
        } while (member !== node);
        for (const m of component) cache.set(m, component);
      }
    }
  };
  visit(start);
  return cache.get(start);
}
