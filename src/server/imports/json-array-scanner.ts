/**
 * Reading a JSON array record by record, with line numbers, tolerant of a cut file: the importers
 * read large open-data files whose last record may be cut, and one bad record must not lose the
 * others. Pure (text in, items out).
 */

/** One item found by `scanJsonArray`. */
export type JsonArrayItem =
  /** A complete element: its source text, 1-based line and 1-based position in the array. */
  | { kind: 'element'; text: string; line: number; index: number }
  /** The file ends before the array is closed; `index` is the cut record's position, if any. */
  | { kind: 'truncated'; line: number; index: number | null }
  /** The file is not a JSON array at all (nothing can be read). */
  | { kind: 'not_array'; line: number; detail: string }
  /** Something follows the closing bracket. */
  | { kind: 'trailing'; line: number };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Walk the top level of a JSON array without parsing it as a whole, yielding each element's text
 * with the line it starts on, so that one bad element (or a cut at the end of the file) does not
 * lose the others. Strings and nesting are tracked; element texts are left to `JSON.parse`.
 */
export function* scanJsonArray(text: string): Generator<JsonArrayItem> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const skip = (commas: boolean): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (!(isSpace(c) || (commas && c === 0x2c))) return;
      i++;
    }
  };
  skip(false);
  if (i >= n) {
    yield { kind: 'not_array', line, detail: 'the file is empty' };
    return;
  }
  if (text[i] !== '[') {
    yield {
      kind: 'not_array',
      line,
      detail: `a JSON array must start with "[", found ${JSON.stringify(text.slice(i, i + 20))}`,
    };
    return;
  }
  i++;
  let index = 0;
  for (;;) {
    skip(true);
    if (i >= n) {
      yield { kind: 'truncated', line, index: null };
      return;
    }
    if (text[i] === ']') {
      i++;
      skip(false);
      if (i < n) yield { kind: 'trailing', line };
      return;
    }
    const start = i;
    const startLine = line;
    index++;
    const end = scanValue();
    if (end < 0) {
      yield { kind: 'truncated', line: startLine, index };
      return;
    }
    yield { kind: 'element', text: text.slice(start, end), line: startLine, index };
    i = end;
  }

  /** End (exclusive) of the value starting at `i`, counting lines; -1 when the text ends first. */
  function scanValue(): number {
    const first = text[i];
    if (first === '{' || first === '[' || first === '"') {
      let depth = 0;
      let inString = false;
      for (let j = i; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x0a) line++;
        if (inString) {
          if (c === 0x5c) j++;
          else if (c === 0x22) {
            inString = false;
            if (depth === 0) return j + 1;
          }
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return -1;
    }
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x2c || c === 0x5d || isSpace(c)) return j;
      j++;
    }
    return -1;
  }
}
