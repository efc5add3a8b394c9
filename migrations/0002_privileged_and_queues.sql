-- Privileged applicants come first in every queue (Law 393/96-ВР Art. 20): the sign is copied onto
-- the appeal at registration so queues sort on one table.
ALTER TABLE appeals ADD COLUMN privileged boolean NOT NULL DEFAULT false;

UPDATE appeals a SET privileged = true
  FROM applicants p
 WHERE p.id = a.applicant_id AND p.privileged_category IS NOT NULL AND btrim(p.privileged_category) <> '';

-- Queues: open appeals by control date, privileged first.
CREATE INDEX appeals_open_queue_idx ON appeals (status, privileged DESC, control_date, id)
  WHERE status <> 'closed';
CREATE INDEX appeals_registered_at_idx ON appeals (registered_at);
