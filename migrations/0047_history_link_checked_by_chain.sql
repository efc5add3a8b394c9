-- The history's link to its appeal is checked by the chain's trigger, not by a foreign key
-- (issue 21, item 5; ADR 065).
--
-- The foreign key `appeal_events.appeal_id → appeals` checked every event with
-- `SELECT … FROM appeals … FOR KEY SHARE`: a lock written into the appeal's row, so each event
-- dirtied its appeal's heap page. Re-marking every open appeal at 1M right after a checkpoint
-- (EXPLAIN ANALYZE of one piece, 29,992 events): the key's check 905 ms of 3,426 ms and 103 of the
-- 192 MB of WAL, mostly full-page images of appeal pages that nothing else in the statement
-- touched. Without it: 2,541 ms and 89 MB.
--
-- What the key guaranteed stays guaranteed:
-- * an event names an existing appeal: the chain's trigger looks the appeal up, with the key's
--   own key-share lock, when it starts the appeal's chain (no head yet). A later event joins a
--   chain whose head exists, and a head exists only for an appeal that existed (heads are never
--   deleted, migration 0007);
-- * an appeal with history is never deleted, nor its id changed, nor the appeals truncated while
--   any history exists: the triggers below refuse them, as the key did.

-- safety: takes appeal_events' and appeals' exclusive locks for the moment the catalog changes
-- (no scan, no rewrite).
ALTER TABLE appeal_events DROP CONSTRAINT IF EXISTS appeal_events_appeal_id_fkey;

CREATE OR REPLACE FUNCTION kontakt_chain_appeal_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq  integer;
  head_hash text;
BEGIN
  LOOP
    SELECT h.seq, h.hash INTO head_seq, head_hash
      FROM appeal_history_heads h WHERE h.appeal_id = NEW.appeal_id;
    IF NOT FOUND THEN
      -- The first event of the appeal: the appeal must exist (the foreign key's check, once per
      -- chain; a volatile trigger sees the appeal its own statement inserted). The key-share lock,
      -- as the key took it, makes a concurrent delete of the appeal wait for this transaction (and
      -- then find the history), or this insert wait for the delete (and then find no appeal).
      PERFORM FROM appeals a WHERE a.id = NEW.appeal_id FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'appeal % does not exist: its history cannot be written', NEW.appeal_id
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      NEW.seq := 1;
      NEW.hash := kontakt_event_hash(NULL, NEW);
      INSERT INTO appeal_history_heads (appeal_id, seq, hash) VALUES (NEW.appeal_id, 1, NEW.hash)
        ON CONFLICT (appeal_id) DO NOTHING;
    ELSE
      NEW.seq := head_seq + 1;
      NEW.hash := kontakt_event_hash(NULLIF(head_hash, ''), NEW);
      UPDATE appeal_history_heads SET seq = NEW.seq, hash = NEW.hash
       WHERE appeal_id = NEW.appeal_id AND seq = head_seq;
    END IF;
    -- FOUND: this event took the next place. Otherwise another transaction's event took it
    -- (its commit is waited for by the UPDATE): read the new head and try again.
    IF FOUND THEN
      RETURN NEW;
    END IF;
  END LOOP;
END $$;

-- An appeal whose history has begun keeps its row and its id.
CREATE FUNCTION kontakt_appeal_keeps_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT FROM appeal_history_heads h WHERE h.appeal_id = OLD.id) THEN
    RAISE EXCEPTION 'appeal % has a history: it cannot be deleted or renumbered', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER appeals_keep_history BEFORE DELETE OR UPDATE OF id ON appeals
  FOR EACH ROW EXECUTE FUNCTION kontakt_appeal_keeps_history();

CREATE FUNCTION kontakt_appeals_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT FROM appeal_history_heads) THEN
    RAISE EXCEPTION 'appeals have a history: the table cannot be truncated'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER appeals_no_truncate BEFORE TRUNCATE ON appeals
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_appeals_no_truncate();
