-- What the operator says and asks the caller for a question type, shown at intake (issue 19, item 3;
-- ADR 039). Plain text (rendered as text, never as HTML). A new table: nothing existing is locked.
CREATE TABLE question_type_scripts (
  question_type_id integer     PRIMARY KEY REFERENCES question_types (id),
  script_uk        text        NOT NULL,
  script_en        text,
  updated_by       integer     NOT NULL REFERENCES users (id),
  updated_at       timestamptz NOT NULL
);
