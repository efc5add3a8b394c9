-- An executor's queues read in order from its own assignments (issue 21, item 5; ADR 059).
--
-- An executor's queue is sorted privileged applicants first (Law 393/96-ВР Art. 20), then by
-- control date. Both keys lived on the appeal only, so the first page of the busiest executor's
-- inbox looked up every one of its pending assignments in `appeals` before sorting them: 7,671 at
-- 10M appeals, 129 ms. Now the assignment carries the privileged sign too (its control date it
-- has always carried: the executor's own term, moved with every extension), and one partial index
-- over the active assignments holds a queue in its order, so a page reads as many entries as it
-- shows.

-- The sign is the appeal's, fixed at registration (migration 0002); copied when the assignment is
-- written. The generator's bulk load disables the trigger and writes the column itself.
ALTER TABLE assignments ADD COLUMN IF NOT EXISTS privileged boolean NOT NULL DEFAULT false;

CREATE FUNCTION kontakt_assignment_privileged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a.privileged INTO NEW.privileged FROM appeals a WHERE a.id = NEW.appeal_id;
  NEW.privileged := coalesce(NEW.privileged, false);
  RETURN NEW;
END $$;

CREATE TRIGGER assignments_privileged
  BEFORE INSERT OR UPDATE OF appeal_id ON assignments
  FOR EACH ROW EXECUTE FUNCTION kontakt_assignment_privileged();

-- safety: full_table_write — only the assignments of privileged applicants' appeals are written
-- (about 5 % of them: ~58,000 at 1M appeals, a few seconds); writes to those rows wait meanwhile.
UPDATE assignments s SET privileged = true
  FROM appeals a
 WHERE a.id = s.appeal_id AND a.privileged AND NOT s.privileged;

-- The queues' order over the active assignments only (1–2 % of all: the rest are done, returned
-- or withdrawn). `control_date` ascending puts consultations (no control date) last, as the
-- contact centre's queues do.
-- safety: index_build — reads every assignment once and sorts the active ones (~2 s at 1M
-- appeals); writes to assignments wait meanwhile. On a large database build it beforehand with
-- CREATE INDEX CONCURRENTLY under this name (ADR 021).
CREATE INDEX IF NOT EXISTS assignments_executor_queue_idx
  ON assignments (executor_id, state, privileged DESC, control_date, appeal_id)
  WHERE state IN ('pending', 'in_work', 'responded', 'rework');
