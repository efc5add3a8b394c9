/**
 * Finding a street by any part of any of its names (issue 15): current or former name, with or
 * without its type word, a partial word, or a word with one letter wrong. The index is built once
 * from the registry's street names and kept in memory (a city has a few thousand streets, ~10,000
 * names with the former ones); a search is a loop over it, well under a millisecond a thousand names.
 *
 * Pure: no I/O. Tests: `street-search.test.ts`.
 */
import { foldText, streetKey } from './address-normal-form.js';

export interface StreetNameEntry {
  streetId: number;
  /** The name as written (`Сумська`), without its type word. */
  name: string;
  /** Its canonical type (`вулиця`), or null. */
  type: string | null;
  /** Whether this is the street's current name (otherwise a former one). */
  current: boolean;
  /** When a former name stopped being used (ISO date or year as text), or null. */
  until: string | null;
}

interface IndexedName extends StreetNameEntry {
  tokens: string[];
}

export interface StreetIndex {
  names: IndexedName[];
}

export interface StreetMatch {
  streetId: number;
  /** How well it matched (higher is better). */
  score: number;
  /** The name that matched. */
  matched: StreetNameEntry;
}

/** Build the in-memory index of street names. */
export function buildStreetIndex(entries: readonly StreetNameEntry[]): StreetIndex {
  return {
    names: entries.map((e) => ({
      ...e,
      tokens: streetKey(e.name)
        .key.split(' ')
        .filter((t) => t.length > 0),
    })),
  };
}

/** Whether `a` and `b` differ by at most one letter (substituted, inserted or deleted). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  if (la > lb) return a.slice(i + 1) === b.slice(i);
  return a.slice(i) === b.slice(i + 1);
}

/**
 * Whether `a` is within one edit of the first `len` letters of `b` (no allocation: this runs
 * for every name on every keystroke).
 */
function withinOneEditOfPrefix(a: string, b: string, len: number): boolean {
  if (len <= 0 || len > b.length) return false;
  const la = a.length;
  if (Math.abs(la - len) > 1) return false;
  let i = 0;
  while (i < la && i < len && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === len) return true;
  // substitution, deletion from a, insertion into a
  let x = la === len ? i + 1 : la > len ? i + 1 : i;
  let y = la === len ? i + 1 : la > len ? i : i + 1;
  while (x < la && y < len) {
    if (a.charCodeAt(x) !== b.charCodeAt(y)) return false;
    x++;
    y++;
  }
  return x === la && y === len;
}

/** How a query word matches a name word: 4 equal, 3 prefix, 2 inside, 1 one letter off, 0 not. */
function tokenScore(query: string, token: string): number {
  if (token === query) return 4;
  if (token.startsWith(query)) return 3;
  if (query.length >= 3 && token.includes(query)) return 2;
  if (query.length >= 4) {
    const n = query.length;
    if (
      withinOneEditOfPrefix(query, token, n) ||
      withinOneEditOfPrefix(query, token, n - 1) ||
      withinOneEditOfPrefix(query, token, n + 1)
    )
      return 1;
  }
  return 0;
}

function nameScore(queryTokens: readonly string[], tokens: readonly string[]): number {
  let total = 0;
  const used = new Set<number>();
  for (const q of queryTokens) {
    let best = 0;
    let bestAt = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (used.has(i)) continue;
      const s = tokenScore(q, tokens[i]!);
      if (s > best) {
        best = s;
        bestAt = i;
      }
    }
    if (best === 0) return 0;
    used.add(bestAt);
    total += best;
  }
  // Fewer unmatched words in the name is a closer match.
  return total * 10 - (tokens.length - queryTokens.length);
}

/**
 * The streets whose some name matches every word of `query` (its type word ignored), best first:
 * score, then a current name before a former one, then the shorter name. One match per street
 * (its best name).
 */
export function searchStreets(index: StreetIndex, query: string, limit = 10): StreetMatch[] {
  const { key } = streetKey(query);
  const queryTokens = key.split(' ').filter((t) => t.length > 0);
  if (queryTokens.length === 0) return [];
  const best = new Map<number, StreetMatch>();
  for (const name of index.names) {
    const score = nameScore(queryTokens, name.tokens);
    if (score <= 0) continue;
    const adjusted = score * 2 + (name.current ? 1 : 0);
    const seen = best.get(name.streetId);
    if (!seen || adjusted > seen.score) {
      best.set(name.streetId, { streetId: name.streetId, score: adjusted, matched: name });
    }
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.matched.name.length - b.matched.name.length ||
        a.matched.name.localeCompare(b.matched.name, 'uk'),
    )
    .slice(0, limit);
}

/** The words of a query, folded (for callers that split street and house themselves). */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(' ')
    .filter((w) => w.length > 0);
}
