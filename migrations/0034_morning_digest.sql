-- The morning digest (issue 18, item 5): yesterday's figures, alerts and overdue executors, made once
-- per city day across every app process (the primary key is the lock) and e-mailed to management as
-- HTML with a PDF attached. The figures are kept as made, so the e-mail, its PDF and the web app's
-- copy show the same numbers whenever they are rendered.
CREATE TABLE morning_digests (
  day     date        PRIMARY KEY,
  figures jsonb       NOT NULL,
  made_at timestamptz NOT NULL
);

-- The digest a notification carries (its e-mail gets the HTML and the PDF of that day).
-- safety: a nullable column with no default is a catalogue change; the foreign key checks no row
-- (every existing value is NULL). ACCESS EXCLUSIVE on notifications for that moment only.
ALTER TABLE notifications ADD COLUMN digest_day date REFERENCES morning_digests (day);
