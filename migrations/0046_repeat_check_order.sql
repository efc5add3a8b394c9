-- The repeat check reads an applicant's latest appeals in the index's own order (issue 21, item 5).
--
-- `findRepeatedAppeal` asks for the 20 latest appeals of one applicant on one question type in the
-- window, ordered by `received_at DESC, id DESC`. The old index (migration 0003) ended at
-- `received_at`, so the order's tie-breaker made PostgreSQL read every appeal of the applicant and
-- type in the window and sort them. Since the statement is prepared (ADR 064) its generic plan did
-- exactly that: 29 ms and 9,363 buffers for an applicant with 9,296 appeals of one type in 30 days
-- (the bench's caller; in a city, an organisation's representative or a persistent complainant),
-- on every registration of theirs. With `id DESC` in the index the read stops after 20 entries.

-- safety: index_build — reads the appeals with an applicant once and sorts them (~3–5 s at 1M
-- appeals); writes to appeals wait meanwhile. On a large database build it beforehand with
-- CREATE INDEX CONCURRENTLY under this name (ADR 021).
CREATE INDEX IF NOT EXISTS appeals_repeat_order_idx
  ON appeals (applicant_id, question_type_id, received_at DESC, id DESC)
  WHERE applicant_id IS NOT NULL;

-- The old index's every entry is in the new one, in the same order, with `id` added; it takes
-- appeals' exclusive lock for the moment the catalog changes (no scan).
DROP INDEX IF EXISTS appeals_repeat_lookup_idx;
