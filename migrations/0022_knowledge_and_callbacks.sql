-- Knowledge base, consultations answered from it, and call-back surveys (issue 19; ADR 039).
-- New tables only: nothing existing is rewritten or locked.

CREATE TABLE knowledge_articles (
  id           serial PRIMARY KEY,
  title        text        NOT NULL,
  title_en     text,
  -- Markdown source as the editor wrote it, and its HTML rendered and sanitised on save (DOMPurify).
  body_uk      text        NOT NULL,
  body_en      text,
  html_uk      text        NOT NULL,
  html_en      text,
  tags         text[]      NOT NULL DEFAULT '{}',
  is_public    boolean     NOT NULL DEFAULT false,
  owner_id     integer     NOT NULL REFERENCES users (id),
  review_by    date        NOT NULL,
  -- Folded, stemmed words of title, tags and body (domain/assist/tokens.ts), indexed with 'simple'.
  search_text  text        NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  version      integer     NOT NULL DEFAULT 1,
  review_flagged_at timestamptz,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING gin (search_vector);
CREATE INDEX knowledge_articles_review_idx ON knowledge_articles (review_by);

CREATE TABLE knowledge_article_question_types (
  article_id       integer NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
  question_type_id integer NOT NULL REFERENCES question_types (id),
  PRIMARY KEY (article_id, question_type_id)
);
CREATE INDEX knowledge_article_question_types_qt_idx
  ON knowledge_article_question_types (question_type_id);

CREATE TABLE knowledge_article_organisations (
  article_id      integer NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
  organisation_id integer NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (article_id, organisation_id)
);

-- Every saved state of an article: who, what, when. Restoring writes a new version.
CREATE TABLE knowledge_article_versions (
  article_id  integer     NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
  version     integer     NOT NULL,
  snapshot    jsonb       NOT NULL,
  change      text        NOT NULL,
  changed_by  integer     NOT NULL REFERENCES users (id),
  changed_at  timestamptz NOT NULL,
  PRIMARY KEY (article_id, version)
);

-- Staff members an administrator has assigned as knowledge-base editors.
CREATE TABLE knowledge_editors (
  user_id     integer     PRIMARY KEY REFERENCES users (id),
  assigned_by integer     NOT NULL REFERENCES users (id),
  assigned_at timestamptz NOT NULL
);

-- Which article(s) answered a consultation, or a note that none did (article_id null).
CREATE TABLE consultation_answers (
  id          serial      PRIMARY KEY,
  appeal_id   integer     NOT NULL REFERENCES appeals (id),
  article_id  integer     REFERENCES knowledge_articles (id),
  note        text,
  recorded_by integer     REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT consultation_answers_article_or_note CHECK (article_id IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX consultation_answers_appeal_idx ON consultation_answers (appeal_id);
CREATE INDEX consultation_answers_article_idx ON consultation_answers (article_id);

-- Call-back surveys after closure (regulation 3.1.7). Read by the ratings and indexes (issue 17).
CREATE TABLE callback_surveys (
  id               serial      PRIMARY KEY,
  appeal_id        integer     NOT NULL UNIQUE REFERENCES appeals (id),
  reason           text        NOT NULL CHECK (reason IN ('privileged', 'low_rating', 'sampled')),
  state            text        NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'completed', 'dropped')),
  tries            integer     NOT NULL DEFAULT 0,
  last_try_at      timestamptz,
  reached          boolean,
  solved           boolean,
  satisfaction     smallint    CHECK (satisfaction BETWEEN 1 AND 5),
  would_call_again boolean,
  comment          text,
  completed_by     integer     REFERENCES users (id),
  completed_at     timestamptz,
  queued_at        timestamptz NOT NULL
);
CREATE INDEX callback_surveys_queue_idx ON callback_surveys (state, queued_at);

-- Each call attempt (reached or not), so tries at different hours are visible.
CREATE TABLE callback_attempts (
  id         serial      PRIMARY KEY,
  survey_id  integer     NOT NULL REFERENCES callback_surveys (id),
  reached    boolean     NOT NULL,
  called_by  integer     REFERENCES users (id),
  called_at  timestamptz NOT NULL
);
CREATE INDEX callback_attempts_survey_idx ON callback_attempts (survey_id);

-- Applicants who refused to be called back: never queued.
CREATE TABLE callback_refusals (
  applicant_id integer     PRIMARY KEY REFERENCES applicants (id),
  recorded_by  integer     REFERENCES users (id),
  recorded_at  timestamptz NOT NULL
);
