-- Privileged applicants come first in every queue (Law 393/96-ВР Art. 20): the sign is copied onto
-- the appeal at registration so queues sort on one table.
ALTER TABLE appeals ADD COLUMN privileged boolean NOT NULL DEFAULT false;

-- safety: ran on empty databases; at 1M appeals this UPDATE locks every appeal for ~14 s (docs/MIGRATIONS.md).
-- A backfill written today goes in batches (ADR 021).
UPDATE appeals a SET privileged = true
  FROM applicants p
 WHERE p.id = a.applicant_id AND p.privileged_category IS NOT NULL AND btrim(p.privileged_category) <> '';

-- Queues: open appeals by control date, privileged first.
-- safety: ~2 s at 1M appeals, writes to appeals wait meanwhile (docs/MIGRATIONS.md).
CREATE INDEX appeals_open_queue_idx ON appeals (status, privileged DESC, control_date, id)
  WHERE status <> 'closed';
-- safety: ~3 s at 1M appeals, writes to appeals wait meanwhile (docs/MIGRATIONS.md).
CREATE INDEX appeals_registered_at_idx ON appeals (registered_at);
