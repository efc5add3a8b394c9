-- One index of the history by appeal instead of two (issue 21, item 5; ADR 061).
--
-- `appeal_events_appeal_idx (appeal_id, at, id)` (migration 0001) and `appeal_events_chain_idx
-- (appeal_id, seq)` (migration 0007) both lead with the appeal: every read of one appeal's
-- history (the card, the portal's tracking page, open data, the audit check) finds its rows
-- through either, and sorts its few events by time itself. Every event written — registration,
-- each step of the work, the sweep's marks — went into both, each a leaf page of its own appeal's
-- place in the index. Re-marking every open appeal at 1M right after a checkpoint wrote 44,979
-- full-page images and 161 MB of WAL with both, 28,853 and 104 MB with the chain's index alone
-- (EXPLAIN ANALYZE, the insert of the events 2.6 s → 1.9 s).

-- safety: takes appeal_events' exclusive lock for the moment the catalog changes (no scan, no
-- rewrite); the history's reads by appeal use appeal_events_chain_idx from then on.
DROP INDEX IF EXISTS appeal_events_appeal_idx;
