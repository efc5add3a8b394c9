-- Every change of a staff member or of a session is announced to every app process (issue 21,
-- item 5; ADR 062): each process keeps a few seconds' memory of session → staff member, and forgets
-- the member's entries when it hears the member's id on the channel `kontakt_auth`. Triggers, not
-- the use cases, announce it, so no writer is missed (the admin use cases, `kontakt` commands, a
-- database administrator's own SQL). NOTIFY leaves on commit, never on rollback.
-- The trigger's argument names the row's column holding the user's id.
CREATE FUNCTION kontakt_announce_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kontakt_auth', to_jsonb(OLD) ->> TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER users_announce_auth_change AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION kontakt_announce_auth_change('id');
CREATE TRIGGER sessions_announce_auth_change AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION kontakt_announce_auth_change('user_id');

-- A TRUNCATE (an administrator signing everyone out) has no rows: every process forgets everyone.
CREATE FUNCTION kontakt_announce_auth_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kontakt_auth', '*');
  RETURN NULL;
END $$;

CREATE TRIGGER users_announce_auth_truncate AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_announce_auth_truncate();
CREATE TRIGGER sessions_announce_auth_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION kontakt_announce_auth_truncate();
