-- Time per registration (issue 18, item 4): the seconds from opening the new-call screen (or
-- clearing it for the next call) to registering, as the operator's browser measured them. Null for
-- appeals that did not come through that screen (the portal, imports, the API without it).
-- safety: a nullable column with no default is a catalogue change, no rewrite; the CHECK is
-- NOT VALID, so no existing row is read (all are NULL), and every new row is checked.
ALTER TABLE appeals ADD COLUMN intake_seconds integer;
ALTER TABLE appeals ADD CONSTRAINT appeals_intake_seconds_check
  CHECK (intake_seconds BETWEEN 0 AND 86400) NOT VALID;
