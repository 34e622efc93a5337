-- When the uploaded files of a finished exchange run were removed from dataDir (the run's record stays).
ALTER TABLE exchange_run ADD COLUMN files_removed_at timestamptz;
