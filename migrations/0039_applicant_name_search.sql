-- The registry search finds an applicant by part of the name (`full_name ILIKE '%…%'`,
-- appeal-filters.queries.ts): without an index that is a scan of every applicant — 354 ms of a
-- 413 ms search at 1M appeals (643,830 applicants). A trigram GIN index answers such patterns
-- (three characters or more) from the index: 37–60 ms for the whole search (ADR 057).
-- pg_trgm is a trusted extension since PostgreSQL 13: the database's owner may create it; PGlite
-- loads it from its contrib bundle (db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- safety: index_build — 7.6 s at 1M appeals (643,830 applicants, 28 MB) on a 2-core machine with
-- CI running beside it; writes to applicants wait meanwhile. On a large database build it
-- beforehand with CREATE INDEX CONCURRENTLY under this name (ADR 021).
CREATE INDEX IF NOT EXISTS applicants_full_name_trgm_idx ON applicants USING gin (full_name gin_trgm_ops);
