/**
 * A migration-safety check (issue 23; ADR 021): finds the statements of a SQL migration that
 * rewrite a large table or hold a long lock on it while a city's servers run, unless the statement
 * carries a note. Pure: text in, findings out (test/db/migration-safety.test.ts runs it over
 * `migrations/`).
 *
 * A note is a comment line `-- safety: <why this is acceptable, and its cost at 1M appeals>` in
 * the comment block right above the statement. The rules follow PostgreSQL's documented lock
 * levels (ALTER TABLE, CREATE INDEX) for PostgreSQL 15+:
 *
 * | rule                   | what                                                             |
 * | ---------------------- | ---------------------------------------------------------------- |
 * | `volatile_default`     | ADD COLUMN with a volatile DEFAULT (now(), random()…): rewrite    |
 * | `stored_generated`     | ADD COLUMN … GENERATED … STORED: rewrite                          |
 * | `column_type_change`   | ALTER COLUMN … TYPE: rewrite under an exclusive lock              |
 * | `set_not_null`         | SET NOT NULL: full scan under an exclusive lock                   |
 * | `validated_constraint` | ADD FOREIGN KEY / CHECK without NOT VALID: scan under a lock      |
 * | `index_build`          | CREATE INDEX without CONCURRENTLY, ADD PRIMARY KEY / UNIQUE:      |
 * |                        | writes blocked during the build                                   |
 * | `full_table_write`     | UPDATE / DELETE over a large table: every row locked and rewritten |
 * | `heavy_lock`           | LOCK TABLE, VACUUM FULL, CLUSTER                                  |
 *
 * "Large" tables are those that grow with the appeals (`LARGE_TABLES`); a table created in the
 * same migration is empty and never flagged.
 */

/** Tables that grow with the number of appeals (a million rows or more at a capital's scale). */
export const LARGE_TABLES = [
  'appeals',
  'appeal_events',
  'applicants',
  'assignments',
  'responses',
  'reviews',
  'attachments',
  'notifications',
  'submissions',
  'appeal_feedback',
] as const;

export type SafetyRule =
  | 'volatile_default'
  | 'stored_generated'
  | 'column_type_change'
  | 'set_not_null'
  | 'validated_constraint'
  | 'index_build'
  | 'full_table_write'
  | 'heavy_lock';

export interface SafetyFinding {
  rule: SafetyRule;
  table: string;
  /** 1-based line of the statement's start. */
  line: number;
  /** The statement's first line, for the report. */
  statement: string;
  /** The `-- safety:` note above it, when there is one. */
  note: string | null;
}

export interface MigrationStatement {
  text: string;
  line: number;
  comments: string[];
}

/**
 * Split a migration's SQL into statements (each ends with `;` at the end of a line, outside a
 * dollar-quoted function body: a trigger function's `UPDATE … WHERE id = target` is part of its
 * `CREATE FUNCTION`, not a statement of the migration), with their line and the comment block right
 * above each.
 */
export function splitMigration(sql: string): MigrationStatement[] {
  const result: MigrationStatement[] = [];
  let comments: string[] = [];
  let current: string[] = [];
  let startLine = 0;
  let inBody = false;
  sql.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (current.length === 0) {
      if (line.startsWith('--')) {
        comments.push(line);
        return;
      }
      if (line === '') {
        comments = [];
        return;
      }
      startLine = index + 1;
    }
    current.push(inBody ? raw : raw.replace(/--.*$/, ''));
    // A dollar quote ($$ or $tag$) opens or closes a function body.
    if ((line.match(/\$[A-Za-z_]*\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*(--.*)?$/.test(line)) {
      result.push({
        text: current.join(' ').replace(/\s+/g, ' ').trim(),
        line: startLine,
        comments,
      });
      current = [];
      comments = [];
    }
  });
  return result;
}

const VOLATILE =
  /\b(now|random|clock_timestamp|gen_random_uuid|uuid_generate_v4|nextval|timeofday|statement_timestamp)\s*\(/i;

function rulesOf(text: string, large: (table: string) => boolean): [SafetyRule, string][] {
  const found: [SafetyRule, string][] = [];
  const alter = /^ALTER TABLE (?:ONLY )?(?:IF EXISTS )?([\w.]+)\s+(.*)$/i.exec(text);
  if (alter) {
    const [, table, actions] = alter as unknown as [string, string, string];
    if (!large(table)) return found;
    for (const action of actions.split(/,(?![^(]*\))/)) {
      const a = action.trim();
      if (
        /^ADD (COLUMN )?/i.test(a) &&
        !/^ADD (CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK)/i.test(a)
      ) {
        if (/GENERATED .* STORED/i.test(a)) found.push(['stored_generated', table]);
        else if (/\bDEFAULT\b/i.test(a) && VOLATILE.test(a))
          found.push(['volatile_default', table]);
      }
      if (/^ALTER (COLUMN )?\w+ (SET DATA )?TYPE /i.test(a))
        found.push(['column_type_change', table]);
      if (/^ALTER (COLUMN )?\w+ SET NOT NULL/i.test(a)) found.push(['set_not_null', table]);
      if (/^ADD (CONSTRAINT \w+ )?(FOREIGN KEY|CHECK)/i.test(a) && !/NOT VALID/i.test(a)) {
        found.push(['validated_constraint', table]);
      }
      if (/^ADD (CONSTRAINT \w+ )?(PRIMARY KEY|UNIQUE)/i.test(a) && !/USING INDEX/i.test(a)) {
        found.push(['index_build', table]);
      }
    }
    return found;
  }
  const index =
    /^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:\w+ )?ON (?:ONLY )?([\w.]+)/i.exec(
      text,
    );
  if (index) {
    const table = index[2]!;
    if (!index[1] && large(table)) found.push(['index_build', table]);
    return found;
  }
  const write = /^(?:UPDATE (?:ONLY )?([\w.]+)|DELETE FROM (?:ONLY )?([\w.]+))/i.exec(text);
  if (write) {
    const table = (write[1] ?? write[2])!;
    if (large(table)) found.push(['full_table_write', table]);
    return found;
  }
  const heavy = /^(?:LOCK (?:TABLE )?([\w.]+)|VACUUM FULL ([\w.]+)|CLUSTER ([\w.]+))/i.exec(text);
  if (heavy) {
    const table = (heavy[1] ?? heavy[2] ?? heavy[3])!;
    if (large(table)) found.push(['heavy_lock', table]);
  }
  return found;
}

/**
 * The risky statements of one migration's SQL, noted or not.
 *
 * @param largeTables tables considered large (default `LARGE_TABLES`).
 */
export function checkMigrationSafety(
  sql: string,
  largeTables: readonly string[] = LARGE_TABLES,
): SafetyFinding[] {
  const list = splitMigration(sql);
  const createdHere = new Set(
    list
      .map((s) => /^CREATE TABLE (?:IF NOT EXISTS )?([\w.]+)/i.exec(s.text)?.[1]?.toLowerCase())
      .filter((t): t is string => t !== undefined),
  );
  const large = (table: string) => {
    const name = table.toLowerCase().replace(/^public\./, '');
    return largeTables.includes(name) && !createdHere.has(name);
  };
  return list.flatMap((s) => {
    const note = s.comments
      .map((c) => /^--\s*safety:\s*(.+)$/i.exec(c)?.[1]?.trim())
      .find((n) => n !== undefined);
    return rulesOf(s.text, large).map(([rule, table]) => ({
      rule,
      table: table.toLowerCase().replace(/^public\./, ''),
      line: s.line,
      statement: s.text.slice(0, 120),
      note: note ?? null,
    }));
  });
}
