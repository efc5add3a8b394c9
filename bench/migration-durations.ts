/**
 * `node --import tsx bench/migration-durations.ts [--database URL]` — each migration's duration on
 * a filled PostgreSQL database (issue 23; docs/MIGRATIONS.md).
 *
 * The database must be migrated and filled (`kontakt generate --appeals N`). For each migration,
 * inside one transaction that is rolled back: the objects the migration creates are dropped
 * (tables, indexes, views, sequences, added columns and constraints, in reverse order), then the
 * migration's SQL runs and is timed. So each figure is what that migration costs when applied to a
 * database of this size, and the database is left as it was.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { MIGRATIONS_DIR, migrationNames } from '../src/server/db/migrate.js';
import { checkMigrationSafety, splitMigration } from '../src/server/db/migration-safety.js';

/** Statements that remove what `text` creates (empty when it creates nothing). */
function undoOf(text: string): string[] {
  const created =
    /^CREATE (TABLE|(?:UNIQUE )?INDEX|VIEW|SEQUENCE) (?:IF NOT EXISTS )?([\w.]+)/i.exec(text);
  if (created) {
    const kind = created[1]!.toUpperCase().replace('UNIQUE ', '');
    return [`DROP ${kind} IF EXISTS ${created[2]} ${kind === 'INDEX' ? '' : 'CASCADE'}`];
  }
  const alter = /^ALTER TABLE (?:ONLY )?([\w.]+)\s+(.*)$/i.exec(text);
  if (!alter) return [];
  const [, table, actions] = alter as unknown as [string, string, string];
  return actions.split(/,(?![^(]*\))/).flatMap((action) => {
    const a = action.trim();
    const constraint = /^ADD CONSTRAINT (\w+)/i.exec(a);
    if (constraint) return [`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${constraint[1]}`];
    const column = /^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(\w+)/i.exec(a);
    if (column && !/^(PRIMARY|UNIQUE|FOREIGN|CHECK)$/i.test(column[1]!)) {
      return [`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${column[1]} CASCADE`];
    }
    return [];
  });
}

const { values } = parseArgs({
  options: { database: { type: 'string', default: process.env.DATABASE_URL } },
});
if (!values.database) throw new Error('give --database postgres://… (or DATABASE_URL)');
const client = new pg.Client({ connectionString: values.database });
await client.connect();
const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM appeals');
console.log(
  `| migration | at ${Number(rows[0]!.n).toLocaleString('en')} appeals | statements that rewrite or lock a large table |`,
);
console.log('| --- | ---: | --- |');
for (const name of await migrationNames()) {
  const sql = await readFile(`${MIGRATIONS_DIR}/${name}.sql`, 'utf8');
  const statements = splitMigration(sql);
  const undo = statements.flatMap((s) => undoOf(s.text)).reverse();
  const findings = checkMigrationSafety(sql);
  const risky: string[] = [];
  let figure: string;
  await client.query('BEGIN');
  try {
    for (const statement of undo) await client.query(statement);
    let total = 0;
    // Statement by statement, in one transaction as the migrator runs it, timing the risky ones.
    for (const statement of statements) {
      const started = performance.now();
      await client.query(statement.text);
      const seconds = (performance.now() - started) / 1000;
      total += seconds;
      for (const f of findings.filter((x) => x.line === statement.line)) {
        risky.push(`line ${f.line} ${f.rule} on ${f.table}: ${seconds.toFixed(1)} s`);
      }
    }
    figure = `${total.toFixed(2)} s`;
  } catch (error) {
    figure = `failed: ${(error as Error).message}`;
  } finally {
    await client.query('ROLLBACK');
  }
  console.log(`| ${name} | ${figure} | ${risky.join('; ') || '—'} |`);
}
await client.end();
