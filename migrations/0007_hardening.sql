-- Hardening (issue 11; ADR 016, 017). Runs on PostgreSQL 15+ and on PGlite: built-in features only.

-- 1. One fold for search keys (ADR 016). Lower case, every apostrophe variant as ', Latin letters
-- that look like Cyrillic ones as their Cyrillic twins. Equal to `foldKey` in
-- src/domain/normal-forms.ts (a test compares them); text is stored as typed (NFC, composed).
CREATE FUNCTION kontakt_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN translate(lower(t), '’ʼ‘`′´ʹaceiopxykmhtbï', '''''''''''''''асеіорхукмнтвї');

-- The registry's word search reads the folded description, so «під’їзд» finds «підʼїзд» and
-- «Сiчових» (Latin i) finds «Січових». Rewrites the table once (about 30 s per million appeals).
DROP INDEX appeals_search_idx;
ALTER TABLE appeals DROP COLUMN search_vector;
ALTER TABLE appeals ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', kontakt_fold(description))) STORED;
-- safety: not measured at 1M; a GIN build over every appeal (the 0005 build took ~27 s at 1M), writes
-- to appeals wait meanwhile; on a large database upgrade in a maintenance window (docs/MIGRATIONS.md).
CREATE INDEX appeals_search_idx ON appeals USING gin (search_vector);

-- Classifier keys were lower-cased with apostrophes unified; now look-alikes are folded as well.
UPDATE classifier_kinds SET match_key = kontakt_fold(match_key);
UPDATE question_types SET match_key = kontakt_fold(match_key);
UPDATE organisations SET match_key = kontakt_fold(match_key) WHERE match_key IS NOT NULL;

-- 2. Sign-in throttling shared by every app process (ADR 017). One row per key: a login, a client
-- address, or the pair. `failures` counts failed sign-ins since the last success (the pair and the
-- address) or within the window; `locked_until` is when sign-in under the key opens again.
CREATE TABLE login_throttle (
  key            text PRIMARY KEY,
  failures       integer NOT NULL DEFAULT 0,
  first_failed_at timestamptz NOT NULL,
  last_failed_at timestamptz NOT NULL,
  locked_until   timestamptz
);

-- 3. History you can trust (ADR 017): appeal history and the administrators' audit log are
-- append-only and chained by SHA-256 hashes. Each appeal's events form a chain (seq 1, 2, …; each
-- hash covers the row and the previous hash); the head of every chain is kept apart, so removing
-- the last events is detected too. `kontakt audit verify` recomputes every chain.
ALTER TABLE appeal_events ADD COLUMN seq integer, ADD COLUMN hash text;

CREATE TABLE appeal_history_heads (
  appeal_id integer PRIMARY KEY,
  seq       integer NOT NULL,
  hash      text NOT NULL
);

-- The hash of one event given the previous event's hash (NULL for the first): every column that
-- carries meaning, each quoted so that NULL and empty text differ, the time in UTC microseconds.
CREATE FUNCTION kontakt_event_hash(prev text, e appeal_events) RETURNS text
  LANGUAGE sql STABLE
  RETURN encode(sha256(convert_to(concat_ws(chr(31),
    quote_nullable(prev), e.appeal_id::text, e.seq::text,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    quote_nullable(e.actor_id::text), quote_nullable(e.actor_label), quote_nullable(e.type),
    quote_nullable(e.from_status), quote_nullable(e.to_status), quote_nullable(e.comment),
    quote_nullable(e.data::text)), 'UTF8')), 'hex');

-- Seal the history written before this migration, chain by chain (one pass per position).
WITH RECURSIVE ordered AS (
  SELECT e.*, row_number() OVER (PARTITION BY appeal_id ORDER BY at, id)::integer AS n
    FROM appeal_events e
), chain AS (
  SELECT o.id, o.appeal_id, o.n,
         kontakt_event_hash(NULL, ROW(o.id, o.appeal_id, o.at, o.actor_id, o.actor_label, o.type,
           o.from_status, o.to_status, o.comment, o.data, o.n, NULL)::appeal_events) AS hash
    FROM ordered o WHERE o.n = 1
  UNION ALL
  SELECT o.id, o.appeal_id, o.n,
         kontakt_event_hash(c.hash, ROW(o.id, o.appeal_id, o.at, o.actor_id, o.actor_label, o.type,
           o.from_status, o.to_status, o.comment, o.data, o.n, NULL)::appeal_events)
    FROM chain c JOIN ordered o ON o.appeal_id = c.appeal_id AND o.n = c.n + 1
)
UPDATE appeal_events e SET seq = chain.n, hash = chain.hash FROM chain WHERE chain.id = e.id;

INSERT INTO appeal_history_heads (appeal_id, seq, hash)
SELECT DISTINCT ON (appeal_id) appeal_id, seq, hash FROM appeal_events ORDER BY appeal_id, seq DESC;

-- safety: not measured at 1M; a scan of the history (~5 rows an appeal) under an exclusive lock,
-- in the same maintenance window as the chain's UPDATE above.
ALTER TABLE appeal_events ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
-- safety: not measured at 1M; a B-tree build over the history; writes to it wait meanwhile.
CREATE UNIQUE INDEX appeal_events_chain_idx ON appeal_events (appeal_id, seq);

-- Every new event is placed at its chain's head; the head row's lock orders concurrent writers of
-- one appeal (any writer: the use cases, registration's single statement, the sweep, imports).
CREATE FUNCTION kontakt_chain_appeal_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head appeal_history_heads;
BEGIN
  INSERT INTO appeal_history_heads AS h (appeal_id, seq, hash) VALUES (NEW.appeal_id, 0, '')
    ON CONFLICT (appeal_id) DO UPDATE SET seq = h.seq
    RETURNING * INTO head;
  NEW.seq := head.seq + 1;
  NEW.hash := kontakt_event_hash(NULLIF(head.hash, ''), NEW);
  UPDATE appeal_history_heads SET seq = NEW.seq, hash = NEW.hash WHERE appeal_id = NEW.appeal_id;
  RETURN NEW;
END $$;
CREATE TRIGGER appeal_events_chain BEFORE INSERT ON appeal_events
  FOR EACH ROW EXECUTE FUNCTION kontakt_chain_appeal_event();

-- The administrators' audit log: who changed users, roles, organisations, the classifier,
-- calendars, settings and keys, and how; one chain for the whole log.
CREATE TABLE audit_log (
  id          integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    integer REFERENCES users (id),
  actor_label text NOT NULL,
  action      text NOT NULL,
  target      text,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  seq         integer NOT NULL UNIQUE,
  hash        text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE TABLE audit_log_head (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq  integer NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_log_head (seq, hash) VALUES (0, '');

CREATE FUNCTION kontakt_audit_hash(prev text, e audit_log) RETURNS text
  LANGUAGE sql STABLE
  RETURN encode(sha256(convert_to(concat_ws(chr(31),
    quote_nullable(prev), e.seq::text,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    quote_nullable(e.actor_id::text), quote_nullable(e.actor_label), quote_nullable(e.action),
    quote_nullable(e.target), quote_nullable(e.data::text)), 'UTF8')), 'hex');

CREATE FUNCTION kontakt_chain_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_log_head;
BEGIN
  SELECT * INTO head FROM audit_log_head FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.hash := kontakt_audit_hash(NULLIF(head.hash, ''), NEW);
  UPDATE audit_log_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kontakt_chain_audit_entry();

-- Append-only: no UPDATE, DELETE or TRUNCATE of the history, the log or the chain heads, whatever
-- role the app connects as (PGlite and a server reached as its owner included). A city that runs
-- the app under its own role also revokes those rights (ADR 017).
CREATE FUNCTION kontakt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
  FOR EACH ROW EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER appeal_events_no_truncate BEFORE TRUNCATE ON appeal_events
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER appeal_history_heads_no_delete BEFORE DELETE ON appeal_history_heads
  FOR EACH ROW EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER appeal_history_heads_no_truncate BEFORE TRUNCATE ON appeal_history_heads
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_append_only();
CREATE TRIGGER audit_log_head_no_delete BEFORE DELETE ON audit_log_head
  FOR EACH ROW EXECUTE FUNCTION kontakt_append_only();
