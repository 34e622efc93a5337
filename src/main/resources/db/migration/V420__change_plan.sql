-- The change plan of every import job (issue 19): what the job will do to the shop, computed from its file against
-- what the bridge last confirmed (catalog_product, catalog_offer, catalog_link) before the job writes anything.
-- state: computing → ready (applied as computed) | held (waits for an operator) → approved | rejected; applied once
-- the job finished; stale when the job ended without applying it. fingerprint: SHA-256 over the items in order, so
-- an approval applies exactly the plan shown.
CREATE TABLE change_plan (
  -- no foreign keys to import_job/exchange_run: the catalog processor also runs outside the queue (tests,
  -- benchmarks); retention deletes a run's plans with its files (ExchangeHousekeeping)
  job_id       bigint PRIMARY KEY,
  run_id       text NOT NULL,
  state        text NOT NULL CHECK (state IN ('computing', 'ready', 'held', 'approved', 'rejected', 'applied', 'stale')),
  counts       jsonb NOT NULL DEFAULT '{}'::jsonb,
  items        bigint NOT NULL DEFAULT 0,
  fingerprint  text,
  full_catalog boolean NOT NULL DEFAULT false,
  reason       text,
  computed_ms  bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_plan_run ON change_plan (run_id);
CREATE INDEX change_plan_held ON change_plan (updated_at) WHERE state = 'held';

CREATE TABLE change_plan_item (
  job_id      bigint NOT NULL REFERENCES change_plan (job_id) ON DELETE CASCADE,
  seq         int NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('product', 'category', 'offer', 'image')),
  action      text NOT NULL CHECK (action IN ('create', 'update', 'disable', 'enable')),
  external_id text,
  name        text,
  field       text,
  old_value   text,
  new_value   text,
  PRIMARY KEY (job_id, seq)
);

-- Products a dry run's full catalog listed (a dry run may not touch catalog_product.last_seen_run): its run-end job
-- plans as disabled what is linked, enabled and not among them.
CREATE TABLE change_plan_seen (
  run_id      text NOT NULL,
  external_id text NOT NULL,
  PRIMARY KEY (run_id, external_id)
);

-- A run of POST /api/v1/imports?dryRun=true: its jobs compute their plans and write nothing.
ALTER TABLE exchange_run ADD COLUMN dry_run boolean NOT NULL DEFAULT false;

-- A job whose plan broke an approval rule (catalog.approval.*, catalog.maxDisableShare) waits for an operator;
-- the later jobs of its run wait behind it.
ALTER TABLE import_job DROP CONSTRAINT import_job_state_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_state_check
  CHECK (state IN ('queued', 'paused', 'running', 'held', 'succeeded', 'succeeded_with_errors', 'failed', 'cancelled'));
DROP INDEX import_job_pending;
CREATE INDEX import_job_pending ON import_job (id) WHERE state IN ('queued', 'paused', 'running', 'held');

-- Per-field hashes of what was last sent for the fields catalog_product keeps only hashed (description,
-- categories, attributes, pictures, manufacturer, ean, weight), so a plan can name the field that changes.
ALTER TABLE catalog_product ADD COLUMN field_hashes jsonb;
