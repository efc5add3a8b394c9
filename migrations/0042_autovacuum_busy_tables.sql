-- Autovacuum on the busiest tables after a few thousand changes, not a fifth of the table (issue 21;
-- docs/OPERATIONS.md, "The database server").
--
-- The queues' and the dashboard's live counts of open appeals, the inbox and the reports are
-- index-only scans while the visibility map marks the pages all-visible. With PostgreSQL's default
-- thresholds (20 % of the rows; 20 % of inserts) a table of a million appeals is vacuumed after
-- some 200,000 changes, weeks of a capital's work, and until then every count reads the heap: in
-- the bench's run after ~6,000 registrations /dashboard took 990 ms against 79 ms right after a
-- VACUUM. Here: after 1,000 changes plus half a percent of the rows (6,000 at 1M, 51,000 at 10M).
-- A vacuum of a table whose pages are mostly all-visible reads only the pages changed since.
-- Storage parameters only: no rewrite, a brief SHARE UPDATE EXCLUSIVE lock.
ALTER TABLE appeals SET (
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_scale_factor = 0.005,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.005,
  autovacuum_analyze_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.005
);
ALTER TABLE assignments SET (
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_scale_factor = 0.005,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.005,
  autovacuum_analyze_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.005
);
