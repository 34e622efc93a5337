-- Orders read from OpenCart (the poller upserts them) and handed to 1C (type=sale query/success).
-- content is the normalised order (OpenCart's Order without its volatile history); version grows only when the
-- hash of content changes, so re-reading an unchanged order is a no-op. delivered_version is the newest version
-- 1C confirmed with mode=success; an order is pending while version > delivered_version.
CREATE TABLE shop_order (
  order_id          bigint PRIMARY KEY,
  store_id          int NOT NULL DEFAULT 0,
  status_id         int NOT NULL,
  date_added        timestamptz,
  added_on          date,
  date_modified     timestamptz,
  total             numeric(15, 4),
  content           jsonb NOT NULL,
  content_hash      text NOT NULL,
  version           int NOT NULL DEFAULT 1,
  delivered_version int NOT NULL DEFAULT 0,
  first_seen_at     timestamptz NOT NULL DEFAULT now(),
  changed_at        timestamptz NOT NULL DEFAULT now()
);
-- what the next query offers: small, because confirmed orders leave it
CREATE INDEX shop_order_pending ON shop_order (order_id) WHERE version > delivered_version AND status_id <> 0;
CREATE INDEX shop_order_added ON shop_order (added_on, order_id);

-- Where the poller continues: the newest date_modified it has seen (and the highest order id at that time).
-- Each poll re-reads from an overlap window before it.
CREATE TABLE order_poll_state (
  id            int PRIMARY KEY CHECK (id = 1),
  date_modified timestamptz,
  order_id      bigint NOT NULL DEFAULT 0,
  polled_at     timestamptz NOT NULL DEFAULT now()
);

-- One mode=query answer: exactly which order versions went into it. mode=success of the same exchange session
-- confirms the latest unconfirmed batch, and only those versions become delivered.
CREATE TABLE sale_batch (
  id             bigserial PRIMARY KEY,
  run_id         text NOT NULL REFERENCES exchange_run (id),
  session_cookie text,
  orders         int NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  confirmed_at   timestamptz
);
CREATE INDEX sale_batch_open ON sale_batch (run_id, id) WHERE confirmed_at IS NULL;

CREATE TABLE sale_batch_order (
  batch_id bigint NOT NULL REFERENCES sale_batch (id) ON DELETE CASCADE,
  order_id bigint NOT NULL,
  version  int NOT NULL,
  PRIMARY KEY (batch_id, order_id)
);
