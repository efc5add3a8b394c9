-- Administration, second part (issue 14, ADR 034): notification templates edited on a screen,
-- applicants merged (and unmerged), and the head's distribution of duties (regulation 5.4.3).
-- Runs on PostgreSQL 15+ and on PGlite: built-in features only. New tables are empty; the one
-- change to a large table (applicants) adds a nullable column with no default (no rewrite) and a
-- foreign key NOT VALID (no scan).

-- 1. A template stored by an administrator replaces the built-in text of one kind of notification
-- in one language; no row = the built-in default. Every process reads it from here.
CREATE TABLE notification_templates (
  kind text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('uk', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by integer REFERENCES users (id),
  PRIMARY KEY (kind, locale)
);

-- 2. Merging duplicate applicants: the merged record stays (marked), its appeals move to the
-- survivor; the merge keeps what it moved so that it can be undone.
ALTER TABLE applicants ADD COLUMN merged_into integer;
ALTER TABLE applicants ADD CONSTRAINT applicants_merged_into_fkey
  FOREIGN KEY (merged_into) REFERENCES applicants (id) NOT VALID;

CREATE TABLE applicant_merges (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survivor_id integer NOT NULL REFERENCES applicants (id),
  merged_id integer NOT NULL REFERENCES applicants (id),
  -- The appeals that moved, and the survivor's contacts before the merge (to undo it).
  appeal_ids integer[] NOT NULL,
  survivor_before jsonb NOT NULL,
  merged_at timestamptz NOT NULL,
  merged_by integer REFERENCES users (id),
  undone_at timestamptz,
  undone_by integer REFERENCES users (id),
  CHECK (survivor_id <> merged_id)
);
CREATE INDEX applicant_merges_survivor_idx ON applicant_merges (survivor_id);
CREATE INDEX applicant_merges_merged_idx ON applicant_merges (merged_id);

-- 3. Duties (regulation 5.4.3): controllers watch executor organisations; operators work queues.
CREATE TABLE controller_duties (
  controller_id integer NOT NULL REFERENCES users (id),
  executor_id integer NOT NULL REFERENCES organisations (id),
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (controller_id, executor_id)
);
CREATE INDEX controller_duties_executor_idx ON controller_duties (executor_id);

CREATE TABLE operator_duties (
  user_id integer NOT NULL REFERENCES users (id),
  queue text NOT NULL CHECK (queue IN ('moderation', 'call_back', 'email')),
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, queue)
);
