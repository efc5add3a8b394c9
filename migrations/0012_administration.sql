-- Administration from screens (issue 14, ADR 025): staff users get a phone and a "change the
-- password at next sign-in" mark (a one-time password set by an administrator); an organisation
-- names the district it serves; the audit log is searched by action and by actor.

ALTER TABLE users ADD COLUMN phone text;
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

ALTER TABLE organisations ADD COLUMN district_id integer REFERENCES districts (id);

CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
