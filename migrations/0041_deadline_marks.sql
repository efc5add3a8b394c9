-- The deadline sweep's memory in a narrow table of its own (issue 21: re-marking every open appeal
-- took 10 s at 1M appeals; ADR 058).
--
-- `appeals.deadline_state` was read by nothing but the sweep, yet writing it cost a new version of
-- the whole appeal row: the column sat in two partial-index predicates, so no update was HOT, and
-- each of 28k re-marks wrote the appeal into all 20 of its indexes and recomputed its stored search
-- vector (EXPLAIN: 4–10 s of the run). A mark is now one narrow row per open appeal due soon or
-- overdue; no row means 'ok' (the default), so the table holds a few percent of the appeals.
-- No foreign key to appeals: appeals are never deleted, only the sweep writes here, and the key's
-- check per row was an eighth of a re-mark's time (ADR 058).
CREATE TABLE appeal_deadline_marks (
  appeal_id integer PRIMARY KEY,
  state     text NOT NULL CHECK (state IN ('due_soon', 'overdue'))
);

-- The marks of open appeals are copied; a closed appeal's mark is of no further use (the sweep
-- reads open appeals only, and drops a mark once its appeal is closed).
INSERT INTO appeal_deadline_marks (appeal_id, state)
SELECT id, deadline_state FROM appeals WHERE status <> 'closed' AND deadline_state <> 'ok';

-- The two indexes served only the old sweep's search; without them a node of the previous release
-- still runs its sweep during a rolling upgrade (a scan of the open appeals past their date), only
-- slower. Each drop holds appeals' exclusive lock for a moment.
DROP INDEX appeals_open_not_overdue_idx;
DROP INDEX appeals_open_marked_idx;
-- `appeals.deadline_state` itself stays for this release (ADR 021, expand → contract): nodes of the
-- previous release read and write it until the last of them is replaced; no code of this release
-- touches it. The release after drops it.

-- One write of the chain's head per history event instead of two: the head is read, the event
-- sealed, and the head moved on only if no one moved it meanwhile (else read again). The upsert it
-- replaces wrote the head twice (INSERT … ON CONFLICT DO UPDATE, then UPDATE): 75 % of the cost
-- of writing an event, with the sweep writing tens of thousands at once. The chain and its hash
-- are unchanged (migration 0007).
CREATE OR REPLACE FUNCTION kontakt_chain_appeal_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq  integer;
  head_hash text;
BEGIN
  LOOP
    SELECT h.seq, h.hash INTO head_seq, head_hash
      FROM appeal_history_heads h WHERE h.appeal_id = NEW.appeal_id;
    IF NOT FOUND THEN
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
