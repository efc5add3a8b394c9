-- Notifications inside the app, tracking of phone appeals, typography of the classifier (issue 12;
-- ADR 027).

-- Which notifications a user also gets by e-mail (every notification is shown in the web app):
-- 'all' — every one; 'deadlines' — deadline warnings, escalations, extensions and explanation
-- requests only (what the system sent before this setting existed, hence the default); 'none'.
-- A constant default: no rewrite of users.
ALTER TABLE users ADD COLUMN notify_by_email text NOT NULL DEFAULT 'deadlines'
  CHECK (notify_by_email IN ('all', 'deadlines', 'none'));

-- Work notifications (new assignment, rework, new answer, returned as not in competence) are
-- derived from the appeal's history by a job (ADR 027). It remembers how far it has read (the
-- settings row) and, for the last few hundred events it reads again each time (a transaction may
-- commit an event with a lower id after a higher one was read), which events it has handled.
INSERT INTO settings (key, value) VALUES ('work_notifications_cursor', 'null'::jsonb)
ON CONFLICT (key) DO NOTHING;
CREATE TABLE notified_events (
  event_id  integer PRIMARY KEY
);

-- A phone (or reception, or post) applicant follows the appeal on the portal with the appeal's
-- number and an access code the operator reads out: a tracking row of channel 'staff', already
-- registered, whose consent to the processing of personal data was asked by the operator.
ALTER TABLE submissions DROP CONSTRAINT submissions_channel_check;
-- safety: a CHECK added NOT VALID takes a brief lock; VALIDATE scans submissions without blocking writes.
ALTER TABLE submissions ADD CONSTRAINT submissions_channel_check
  CHECK (channel IN ('portal', 'open311', 'staff')) NOT VALID;
ALTER TABLE submissions VALIDATE CONSTRAINT submissions_channel_check;
ALTER TABLE submissions DROP CONSTRAINT submissions_consent_source_check;
-- safety: as above.
ALTER TABLE submissions ADD CONSTRAINT submissions_consent_source_check
  CHECK (consent_source IN ('portal_form', 'api_client', 'operator')) NOT VALID;
ALTER TABLE submissions VALIDATE CONSTRAINT submissions_consent_source_check;

-- Question types and kinds as Ukrainian readers expect them: the apostrophe ’ between letters
-- (Kyiv 1551's data and the first seed wrote ' and `), «ялинки» for straight double quotes, as
-- `ukrainianTypography` (src/domain/typography.ts) now writes new names. match_key is unchanged.
-- The classifier has hundreds of rows, not millions.
UPDATE classifier_kinds
   SET name = regexp_replace(
                regexp_replace(name, '"([^"]*)"', '«\1»', 'g'),
                '([A-Za-zА-Яа-яІіЇїЄєҐґ])[''`ʼ‘]([A-Za-zА-Яа-яІіЇїЄєҐґ])', '\1’\2', 'g')
 WHERE name ~ '["''`ʼ‘]';
UPDATE question_types
   SET name = regexp_replace(
                regexp_replace(name, '"([^"]*)"', '«\1»', 'g'),
                '([A-Za-zА-Яа-яІіЇїЄєҐґ])[''`ʼ‘]([A-Za-zА-Яа-яІіЇїЄєҐґ])', '\1’\2', 'g')
 WHERE name ~ '["''`ʼ‘]';
