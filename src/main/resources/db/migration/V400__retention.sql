-- Retention (com.ocbridge.retention.Retention): the indexes its batched deletes walk, oldest first. Each is on a
-- column that is written once (or, for processed_at, once when the entry is done), so none of them costs the hot
-- path a HOT update: exchange_session.last_seen_at and stock_message.updated_at change on every call and are only
-- checked on the rows the index already found.
CREATE INDEX outbox_done_at ON outbox (processed_at) WHERE status = 'done';
CREATE INDEX stock_message_created ON stock_message (created_at);
CREATE INDEX sale_batch_confirmed ON sale_batch (confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX exchange_session_created ON exchange_session (created_at);

-- History entries queued before V320 used their fact's key as the outbox unique key and were never written to
-- order_fact: StatusChanges.record found them only in the outbox. Once retention removes done outbox entries, that
-- would let a document 1C uploads again apply such a fact a second time, so the keys are remembered as facts now.
-- (For entries queued since V320 this adds nothing: their facts are there already, or the key is no fact's key.)
INSERT INTO order_fact (order_id, fact_key, outbox_id, created_at)
SELECT (payload ->> 'orderId')::bigint, unique_key, id, created_at FROM outbox
 WHERE type IN ('order.status', 'order.note') AND payload ->> 'orderId' IS NOT NULL
ON CONFLICT (order_id, fact_key) DO NOTHING;
