-- A finished import whose shop refused some items for good is recorded as such, distinct from a clean success.
ALTER TABLE import_job DROP CONSTRAINT import_job_state_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_state_check
  CHECK (state IN ('queued', 'running', 'succeeded', 'succeeded_with_errors', 'failed'));
