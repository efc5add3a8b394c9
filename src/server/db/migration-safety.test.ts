import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationNames } from './migrate.js';
import { checkMigrationSafety, type SafetyRule } from './migration-safety.js';

const CASES: [string, string, [SafetyRule, string][]][] = [
  ['constant default', 'ALTER TABLE appeals ADD COLUMN flag boolean NOT NULL DEFAULT false;', []],
  [
    'volatile default',
    'ALTER TABLE appeals ADD COLUMN seen_at timestamptz DEFAULT now();',
    [['volatile_default', 'appeals']],
  ],
  [
    'stored generated column',
    "ALTER TABLE appeals ADD COLUMN v tsvector\n  GENERATED ALWAYS AS (to_tsvector('simple', description)) STORED;",
    [['stored_generated', 'appeals']],
  ],
  [
    'type change',
    'ALTER TABLE appeal_events ALTER COLUMN data TYPE json;',
    [['column_type_change', 'appeal_events']],
  ],
  [
    'set not null',
    'ALTER TABLE appeals ALTER COLUMN result SET NOT NULL;',
    [['set_not_null', 'appeals']],
  ],
  ['drop not null', 'ALTER TABLE appeals ALTER COLUMN result DROP NOT NULL;', []],
  [
    'validated foreign key',
    'ALTER TABLE appeals ADD CONSTRAINT a_fk FOREIGN KEY (x) REFERENCES t (id);',
    [['validated_constraint', 'appeals']],
  ],
  [
    'foreign key NOT VALID',
    'ALTER TABLE appeals ADD CONSTRAINT a_fk FOREIGN KEY (x) REFERENCES t (id) NOT VALID;',
    [],
  ],
  ['index', 'CREATE INDEX a_idx ON appeals (status);', [['index_build', 'appeals']]],
  [
    'unique index',
    'CREATE UNIQUE INDEX a_idx ON applicants (phone);',
    [['index_build', 'applicants']],
  ],
  ['index concurrently', 'CREATE INDEX CONCURRENTLY a_idx ON appeals (status);', []],
  ['index on a small table', 'CREATE INDEX s_idx ON settings (key);', []],
  [
    'index on a table created in the same migration',
    'CREATE TABLE appeal_feedback (id int);\nCREATE INDEX f_idx ON appeal_feedback (id);',
    [],
  ],
  ['update', 'UPDATE appeals SET privileged = true;', [['full_table_write', 'appeals']]],
  [
    'delete',
    'DELETE FROM notifications WHERE status = $$sent$$;',
    [['full_table_write', 'notifications']],
  ],
  ['lock', 'LOCK TABLE appeals;', [['heavy_lock', 'appeals']]],
  [
    'a function body writing one row per call, then an update of every row',
    'CREATE FUNCTION f(target int) RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n' +
      '  UPDATE appeals SET rework_count = 0 WHERE id = target;\nEND $$;\n' +
      'UPDATE appeals SET rework_count = 0;',
    [['full_table_write', 'appeals']],
  ],
  [
    'schema-qualified',
    'CREATE INDEX a_idx ON public.appeals (status);',
    [['index_build', 'appeals']],
  ],
];

describe('checkMigrationSafety', () => {
  it.each(CASES)('%s', (_name, sql, expected) => {
    expect(checkMigrationSafety(sql).map((f) => [f.rule, f.table])).toEqual(expected);
  });

  it('takes the note from the comment block right above the statement', () => {
    const sql = [
      '-- Speeds up the queue.',
      '-- safety: builds in 4 s at 1M appeals; writes wait that long (docs/MIGRATIONS.md)',
      'CREATE INDEX a_idx ON appeals (status);',
      '',
      '-- safety: this note belongs to nothing below: a blank line ends the block',
      '',
      'CREATE INDEX b_idx ON appeals (kind);',
    ].join('\n');
    expect(checkMigrationSafety(sql).map((f) => [f.line, f.note])).toEqual([
      [3, 'builds in 4 s at 1M appeals; writes wait that long (docs/MIGRATIONS.md)'],
      [7, null],
    ]);
  });
});

describe('the migrations of this repository', () => {
  it('rewrite or lock a large table only with a `-- safety:` note', async () => {
    const unnoted = [];
    for (const name of await migrationNames()) {
      const sql = readFileSync(`${MIGRATIONS_DIR}/${name}.sql`, 'utf8');
      for (const f of checkMigrationSafety(sql)) {
        if (!f.note) unnoted.push(`${name}.sql:${f.line} ${f.rule} on ${f.table}: ${f.statement}`);
      }
    }
    expect(unnoted, 'add a "-- safety: …" comment above each, or make it safe').toEqual([]);
  });
});
