-- Runs whose catalog included a full export (СодержитТолькоИзменения=false): what it did not list is disabled once,
-- after its last file (mode=deactivate, mode=complete or the run's end), never at the end of each file of a split
-- export. deactivated_at says that has happened (CatalogImportProcessor, FullExports).
CREATE TABLE catalog_full_export (
  run_id         text PRIMARY KEY,
  files          int NOT NULL DEFAULT 1,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  deactivated_at timestamptz
);
