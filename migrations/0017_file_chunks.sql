-- Attachment bytes in PostgreSQL (issue 21, item 1; ADR 033): the file store of several app nodes
-- on one database with no extra service. A file is its rows in `seq` order, 1 MiB each.
CREATE TABLE file_chunks (
  key   text    NOT NULL,
  seq   integer NOT NULL,
  bytes bytea   NOT NULL,
  PRIMARY KEY (key, seq)
);
