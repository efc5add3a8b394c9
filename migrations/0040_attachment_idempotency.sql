-- An upload sent again with the same Idempotency-Key (a retry after a lost answer, a proxy or a
-- client that resends) stores the file once: the key's SHA-256 is kept with the attachment, unique
-- per appeal (issue 21: the cluster test found uploads were the one write without it).
ALTER TABLE attachments ADD COLUMN idempotency_key_hash text;
-- safety: index_build — partial: only rows with a key, none before this migration, so it reads the
-- table once (attachments, about 0.1 s at 1M appeals) and writes an empty index.
CREATE UNIQUE INDEX attachments_idempotency_idx ON attachments (appeal_id, idempotency_key_hash)
  WHERE idempotency_key_hash IS NOT NULL;
