-- Reports over a year of appeals (issue 17; ADR 052). Every report starts from the appeals received
-- in a period with their main executor (ADR 036: the latest main assignment not returned or
-- withdrawn). Looking that executor up per appeal cost a million index probes over a capital's
-- year, and the appeals' heap (about 1.1 GB at a million) was read for twenty narrow columns.
-- Now the appeal carries its main executor, kept by a trigger on assignments (every path that
-- assigns, returns, withdraws or reassigns goes through it, the imports included), and one
-- covering index holds the columns the reports read, so a year is an index-only range scan.

-- IF NOT EXISTS: a large database may have added and filled it beforehand, in batches, while
-- serving (MIGRATIONS.md, "0038 without a maintenance window").
ALTER TABLE appeals ADD COLUMN IF NOT EXISTS main_executor_id integer;

-- The main executor of one appeal, recomputed from its assignments; writes only when it changed.
CREATE FUNCTION kontakt_sync_main_executor(target integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  current_main integer;
BEGIN
  SELECT s.executor_id INTO current_main
    FROM assignments s
   WHERE s.appeal_id = target AND s.role = 'main' AND s.state NOT IN ('returned', 'withdrawn')
   ORDER BY s.id DESC LIMIT 1;
  UPDATE appeals SET main_executor_id = current_main
   WHERE id = target AND main_executor_id IS DISTINCT FROM current_main;
END $$;

CREATE FUNCTION kontakt_assignment_main_executor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.role = 'main' THEN
    PERFORM kontakt_sync_main_executor(OLD.appeal_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.role = 'main'
     AND (TG_OP = 'INSERT' OR OLD.role <> 'main' OR OLD.appeal_id <> NEW.appeal_id) THEN
    PERFORM kontakt_sync_main_executor(NEW.appeal_id);
  END IF;
  RETURN NULL;
END $$;

-- The generator's bulk load on an empty database disables this trigger for its transaction and
-- writes main_executor_id itself (src/server/generate/bulk-load.ts).
CREATE TRIGGER assignments_main_executor
  AFTER INSERT OR DELETE OR UPDATE OF appeal_id, executor_id, role, state ON assignments
  FOR EACH ROW EXECUTE FUNCTION kontakt_assignment_main_executor();

-- safety: full_table_write — every appeal with a main assignment gets its executor (about 850,000
-- rows at 1M appeals): 61 s on the bench's 1M database on a quiet 2-core machine (208 s at load
-- 10), writes to those appeals wait meanwhile. Apply it in a maintenance window, or fill the
-- column beforehand in batches (MIGRATIONS.md): then this finds only the appeals that changed.
UPDATE appeals a SET main_executor_id = m.executor_id
  FROM (SELECT DISTINCT ON (s.appeal_id) s.appeal_id, s.executor_id
          FROM assignments s
         WHERE s.role = 'main' AND s.state NOT IN ('returned', 'withdrawn')
         ORDER BY s.appeal_id, s.id DESC) m
 WHERE a.id = m.appeal_id AND a.main_executor_id IS DISTINCT FROM m.executor_id;

-- After a fill done beforehand (see above), an appeal returned or withdrawn since has none now.
-- safety: full_table_write — on a fresh column (all NULL) it writes nothing: one scan of appeals
-- (about 2 s at 1M); after a fill beforehand it writes only the appeals that lost their executor.
UPDATE appeals a SET main_executor_id = NULL
 WHERE a.main_executor_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM assignments s
                    WHERE s.appeal_id = a.id AND s.role = 'main'
                      AND s.state NOT IN ('returned', 'withdrawn'));

-- The reports' covering index: the received time as the key (the period), and every column the
-- standard reports, the constructor, the ratings and the 858 report read (report-base.ts).
-- safety: index_build — 9 s at 1M appeals (176 MB) on a quiet 2-core machine, writes to appeals
-- wait meanwhile; on a large database build it beforehand with CREATE INDEX CONCURRENTLY under
-- this name (ADR 021).
CREATE INDEX IF NOT EXISTS appeals_report_idx ON appeals (received_at)
  INCLUDE (id, closed_at, status, kind, channel, subject, receipt_sign, repeats_appeal_id,
           question_type_id, rework_count, extended_days, privileged, registered_by, applicant_id,
           district_id, result, author_sex, author_category, author_social_status, legal_deadline,
           control_date, main_executor_id);
