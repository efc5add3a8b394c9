-- Performance at a capital's scale (issue 6; measured in docs/PERFORMANCE.md).
-- Runs on PostgreSQL 15+ and on PGlite: only built-in features (no extension).

-- Registry search by words. `description ILIKE '%…%'` reads every row: seconds at a million appeals
-- for a rare word. The words of the description are kept as a tsvector (the `simple` configuration:
-- lower case, no stemming — neither engine ships a Ukrainian one) in a generated column with a GIN
-- index; the query matches each word of the search as a prefix of a stem (see appeal-queries.ts).
-- Adding the column rewrites the table once (about 30 s per million appeals on a server).
-- safety: rewrites appeals once, 1–1.5 min at 1M appeals under an exclusive lock (docs/MIGRATIONS.md);
-- accepted to give search its index; run it in a maintenance window on a large database.
ALTER TABLE appeals ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', description)) STORED;
-- safety: GIN build ~27 s at 1M appeals, writes to appeals wait meanwhile (docs/MIGRATIONS.md).
CREATE INDEX appeals_search_idx ON appeals USING gin (search_vector);

-- The deadline sweep looks for open appeals whose mark (ok / due soon / overdue) no longer matches
-- their control date. With only (control_date, id) indexed it read every open appeal past its date
-- from the table (seconds at a million appeals, nearly all of them already marked). These two
-- partial indexes hold only the open appeals not yet marked overdue, and only those marked at all,
-- so each run reads just the appeals whose mark changes (see sweep.ts).
-- safety: partial, ~1 s at 1M appeals (docs/MIGRATIONS.md).
CREATE INDEX appeals_open_not_overdue_idx ON appeals (control_date)
  WHERE status <> 'closed' AND deadline_state <> 'overdue';
-- safety: partial, ~1 s at 1M appeals (docs/MIGRATIONS.md).
CREATE INDEX appeals_open_marked_idx ON appeals (control_date)
  WHERE status <> 'closed' AND deadline_state <> 'ok';
