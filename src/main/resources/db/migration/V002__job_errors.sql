-- Per-item problems of an import (a product the shop rejected, an unknown reference), shown by
-- GET /api/v1/exchanges/{id}; the import goes on past them.
ALTER TABLE import_job ADD COLUMN errors jsonb NOT NULL DEFAULT '[]'::jsonb;
