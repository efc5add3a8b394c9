-- Public rate limits shared by every app process (issue 21, item 2; ADR 032). One row per limit key:
-- the route and the client address. `hits` counts requests in the window that ends at
-- `window_ends_at`; the first request after that starts a new window. Expired rows are purged hourly.
CREATE TABLE rate_limit_hits (
  key            text PRIMARY KEY,
  hits           integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_ends_at);
