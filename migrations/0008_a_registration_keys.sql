-- Staff registration happens once per filled form (issue 12): the new-call screen sends an
-- Idempotency-Key made once per form, as the portal does; a second press, a retry after a lost
-- answer or two tabs sending the same form return the first appeal instead of a second one.
-- The key is stored as a hash with the hash of the request it came with (the same key with other
-- content is refused) and is written in the same statement as the appeal it made.
CREATE TABLE appeal_registration_keys (
  key_hash text PRIMARY KEY,
  request_hash text NOT NULL,
  appeal_id integer NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
CREATE INDEX appeal_registration_keys_appeal ON appeal_registration_keys (appeal_id);
