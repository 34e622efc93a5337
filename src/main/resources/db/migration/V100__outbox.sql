-- Durable outbox: work for other systems (orders to 1C, statuses and stock to OpenCart, ...), written in the same
-- transaction as the change that causes it and delivered by OutboxWorker (com.ocbridge.outbox).
--
-- Life of an entry: pending -> processing (claimed, leased) -> done | pending again (retry) | failed (dead letter).
-- For a 'processing' entry next_attempt_at is the end of its lease: once it passes, the claimer is presumed dead
-- and any worker may claim the entry again (claim_token fences the late answer of the old claimer).
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  type            text        NOT NULL,
  -- the same work is never queued twice: enqueue() does ON CONFLICT (unique_key) DO NOTHING
  unique_key      text        NOT NULL CONSTRAINT outbox_unique_key UNIQUE,
  -- entries sharing an ordering key are delivered strictly one after another, in id order
  ordering_key    text,
  payload         jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token     uuid,
  claimed_by      text,
  last_error      text,
  result          jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  processed_at    timestamptz
);

-- the claim scans open entries in id (creation) order
CREATE INDEX outbox_open ON outbox (id) WHERE status IN ('pending', 'processing');
-- head-of-line check: which entries are waiting for their retry (next_attempt_at in the future)?
CREATE INDEX outbox_waiting ON outbox (next_attempt_at) WHERE status = 'pending';
-- strict ordering check: is an earlier entry with the same ordering key still open?
CREATE INDEX outbox_ordering ON outbox (ordering_key, id)
  WHERE ordering_key IS NOT NULL AND status IN ('pending', 'processing');
-- operator listing of dead letters
CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';

-- A queue table churns: every delivery leaves dead row versions behind. Vacuum and analyse it much earlier than
-- the default 20% / 10% of the table, so that the claim keeps using the indexes on a big backlog.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
