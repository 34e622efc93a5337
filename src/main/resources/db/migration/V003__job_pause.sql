-- A job whose target (the shop) is unreachable waits in the queue until not_before instead of failing; later jobs
-- of the same exchange wait behind it, so files are still applied in the order 1C sent them.
ALTER TABLE import_job ADD COLUMN not_before timestamptz;
