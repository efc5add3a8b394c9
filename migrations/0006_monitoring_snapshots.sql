-- The supervisor's counts at a capital's scale (issue 6, ADR 012). Counting appeals by status reads
-- every appeal (about 200 ms at a million, growing with the table), and overdue appeals by executor
-- joins every overdue appeal to its assignment; the dashboard paid both on every page load.
-- A snapshot of those counts is kept here, recomputed at most a minute apart by the background job
-- (under an advisory lock, so several app processes compute it once) or by the first request that
-- finds it older than that. Every answer says when its counts were taken (`as_of`).
CREATE TABLE monitoring_snapshots (
  name text PRIMARY KEY,
  data jsonb NOT NULL,
  as_of timestamptz NOT NULL,
  took_ms integer NOT NULL
);
