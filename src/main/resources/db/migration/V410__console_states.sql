-- One state model for imports (issue 15): a job waiting for an unreachable shop is 'paused' (with the reason and
-- the next attempt in not_before) instead of 'queued' with pause columns; an operator may 'cancel' a queued or
-- paused job (it never runs, nor do the later jobs of its run).
ALTER TABLE import_job DROP CONSTRAINT import_job_state_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_state_check
  CHECK (state IN ('queued', 'paused', 'running', 'succeeded', 'succeeded_with_errors', 'failed', 'cancelled'));
ALTER TABLE import_job ADD COLUMN paused_reason text;
-- jobs paused before this migration were stored queued with a pause message and not_before
UPDATE import_job SET state = 'paused', paused_reason = message
 WHERE state = 'queued' AND not_before IS NOT NULL AND message IS NOT NULL;
DROP INDEX import_job_pending;
CREATE INDEX import_job_pending ON import_job (id) WHERE state IN ('queued', 'paused', 'running');

-- Where a run came from: 1C's exchange, or a file an operator uploaded (POST /api/v1/imports). 1C never joins
-- (or abandons) a manual run, and a manual run never takes 1C's files.
ALTER TABLE exchange_run ADD COLUMN origin text NOT NULL DEFAULT '1c' CHECK (origin IN ('1c', 'manual'));

-- An operator may cancel an outbox entry that is pending or failed (POST /api/v1/outbox/{id}/cancel).
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'processing', 'done', 'failed', 'cancelled'));

-- The orders hand-over view (GET /api/v1/orders/handover) looks batches up by order.
CREATE INDEX sale_batch_order_order ON sale_batch_order (order_id, version);
