-- One logical exchange with 1C: every checkauth/init/file/import of one run of 1C's "exchange with website".
-- 1C may call checkauth and init several times in one run, so files belong to the run, not to a session.
CREATE TABLE exchange_run (
  id                   text PRIMARY KEY,
  type                 text NOT NULL CHECK (type IN ('catalog', 'sale')),
  state                text NOT NULL CHECK (state IN ('open', 'completed', 'abandoned')),
  client_version       text,
  current_upload       text,
  deactivate_timestamp bigint,
  started_at           timestamptz NOT NULL DEFAULT now(),
  last_seen_at         timestamptz NOT NULL DEFAULT now(),
  completed_at         timestamptz
);
CREATE INDEX exchange_run_open ON exchange_run (type, last_seen_at) WHERE state = 'open';

-- The cookie handed out by checkauth, and the Bitrix-style sessid key newer clients echo back.
CREATE TABLE exchange_session (
  cookie       text PRIMARY KEY,
  sessid       text NOT NULL,
  run_id       text NOT NULL REFERENCES exchange_run (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

-- Files received with mode=file. generation grows when a new upload replaces a complete file of the same name.
CREATE TABLE exchange_file (
  run_id     text NOT NULL REFERENCES exchange_run (id),
  name       text NOT NULL,
  generation int NOT NULL DEFAULT 1,
  bytes      bigint NOT NULL DEFAULT 0,
  chunks     int NOT NULL DEFAULT 0,
  state      text NOT NULL CHECK (state IN ('receiving', 'complete')),
  unpacked   boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, name)
);

-- Background work started by mode=import: unpacking an archive, or importing one XML file.
CREATE TABLE import_job (
  id          bigserial PRIMARY KEY,
  run_id      text NOT NULL REFERENCES exchange_run (id),
  kind        text NOT NULL CHECK (kind IN ('unzip', 'import')),
  filename    text NOT NULL,
  generation  int NOT NULL,
  state       text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  progress    numeric(5, 2) NOT NULL DEFAULT 0,
  message     text,
  counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
  attempts    int NOT NULL DEFAULT 0,
  lease_until timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  started_at  timestamptz,
  finished_at timestamptz,
  UNIQUE (run_id, kind, filename, generation)
);
CREATE INDEX import_job_pending ON import_job (id) WHERE state IN ('queued', 'running');
