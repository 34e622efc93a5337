-- Basic-auth calls without a cookie look up the sessions of a run (ExchangeStore.continueOrStartRun, issue 16):
-- without this index each such call scanned every session row retention had not purged yet.
CREATE INDEX IF NOT EXISTS exchange_session_run ON exchange_session (run_id);
