-- Telephony and the mailbox channel (issue 20; ADR 040).

-- An operator's telephone extension (one extension, one operator).
CREATE TABLE operator_extensions (
  user_id    integer PRIMARY KEY REFERENCES users(id),
  extension  text NOT NULL UNIQUE,
  updated_at timestamptz NOT NULL
);

-- One row a call, keyed by the PBX's own call id (idempotency: a replayed or reordered event
-- folds into the same row through the pure state machine in src/domain/calls.ts).
CREATE TABLE calls (
  id               serial PRIMARY KEY,
  source           text NOT NULL,
  external_id      text NOT NULL,
  state            text NOT NULL CHECK (state IN ('ringing', 'answered', 'ended', 'missed')),
  caller_number    text,
  line             text,
  extension        text,
  operator_id      integer REFERENCES users(id),
  ringing_at       timestamptz,
  answered_at      timestamptz,
  ended_at         timestamptz,
  duration_seconds integer,
  talk_seconds     integer,
  recording_ref    text,
  transfers        jsonb NOT NULL DEFAULT '[]',
  updated_at       timestamptz NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX calls_ringing_idx ON calls (ringing_at DESC);
CREATE INDEX calls_operator_idx ON calls (operator_id, ringing_at DESC);

-- Every event as received (the call's history; an exact replay is recognised by its key).
CREATE TABLE call_events (
  id          serial PRIMARY KEY,
  call_id     integer NOT NULL REFERENCES calls(id),
  event_key   text NOT NULL,
  kind        text NOT NULL,
  at          timestamptz NOT NULL,
  payload     jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  applied     boolean NOT NULL,
  UNIQUE (call_id, event_key)
);

-- Appeals and consultations registered during a call.
CREATE TABLE call_appeals (
  call_id   integer NOT NULL REFERENCES calls(id),
  appeal_id integer NOT NULL REFERENCES appeals(id),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (call_id, appeal_id)
);
CREATE INDEX call_appeals_appeal_idx ON call_appeals (appeal_id);

-- Operators' presence: the current state and its history (after-call time is summed from it).
CREATE TABLE operator_presence (
  id         serial PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users(id),
  state      text NOT NULL CHECK (state IN ('available', 'on_call', 'after_call', 'break', 'signed_out')),
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  set_by     text NOT NULL CHECK (set_by IN ('operator', 'call'))
);
CREATE UNIQUE INDEX operator_presence_current_idx ON operator_presence (user_id) WHERE ended_at IS NULL;
CREATE INDEX operator_presence_user_idx ON operator_presence (user_id, started_at);


-- Messages read from the mailboxes (issue 20, item 6): each once (by mailbox and Message-ID), with
-- what became of it.
CREATE TABLE mail_messages (
  id            serial PRIMARY KEY,
  mailbox       text NOT NULL,
  message_id    text NOT NULL,
  from_address  text,
  outcome       text NOT NULL CHECK (outcome IN ('submission', 'addition', 'automatic', 'refused')),
  reason        text,
  submission_id integer REFERENCES submissions(id),
  received_at   timestamptz NOT NULL,
  UNIQUE (mailbox, message_id)
);

-- Submissions may now come by e-mail (the sender's consent: writing to the centre's mailbox).
ALTER TABLE submissions DROP CONSTRAINT submissions_channel_check;
-- safety: NOT VALID takes no scan; every old row satisfies the wider list.
ALTER TABLE submissions ADD CONSTRAINT submissions_channel_check CHECK (channel IN ('portal', 'open311', 'staff', 'email')) NOT VALID;
ALTER TABLE submissions DROP CONSTRAINT submissions_consent_source_check;
-- safety: NOT VALID takes no scan; every old row satisfies the wider list.
ALTER TABLE submissions ADD CONSTRAINT submissions_consent_source_check CHECK (consent_source IN ('portal_form', 'api_client', 'operator', 'email')) NOT VALID;
