-- The deadline sweep seals its own history events, set-based (issue 21, item 5; ADR 066).
--
-- The chain's trigger seals one event at a time: it reads the appeal's head, hashes the event and
-- moves the head on, two statements of its own per event. Re-marking the 13,062 open appeals of a
-- 60k database took 730–1,060 ms with it and 190 ms with no trigger at all; at 1M (~30,000 marks)
-- the trigger was 1.3 s of the sweep's CPU. The sweep now moves every head on in one
-- `UPDATE … FROM … RETURNING` and inserts its events with the place and hash that statement gave
-- them (430–700 ms for the same 13,062).
--
-- The trigger keeps sealing everything else. It steps aside only for an event that arrives sealed
-- in a transaction that said so (`SET LOCAL kontakt.writer_seals = 'on'`, which only the sweep
-- says, around its one statement): an event that arrives sealed elsewhere is sealed again by the
-- trigger, so a stray hash cannot enter a chain (and such an event then lands a place further on:
-- only the sweep may arrive sealed, see MIGRATIONS.md on rolling back). What the trigger guaranteed holds for the sweep's
-- events by construction: the head's row lock orders concurrent writers of one appeal (the sweep's
-- UPDATE waits for another writer's head and re-reads it), the chain's unique index refuses two
-- events at one place, and an event is written only for an appeal whose head exists (an appeal
-- without a head gets its event sealed by the trigger, which checks the appeal).
-- `kontakt audit verify` recomputes every chain, and the sweep's tests run it.

-- safety: CREATE OR REPLACE TRIGGER takes appeal_events' SHARE ROW EXCLUSIVE lock (writes wait,
-- reads go on) until the migration commits; no scan, and no moment without the trigger.
CREATE OR REPLACE TRIGGER appeal_events_chain BEFORE INSERT ON appeal_events
  FOR EACH ROW
  WHEN (NEW.seq IS NULL OR NEW.hash IS NULL
        OR current_setting('kontakt.writer_seals', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION kontakt_chain_appeal_event();
