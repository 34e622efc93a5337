package com.ocbridge.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Which runs brought a full catalog, and whether what they did not list has been disabled yet. A full export may be
 * split over several files (1C's "import0_1.xml, import0_2.xml…"), each marked full: disabling at the end of the
 * first would switch off what the later ones list, so deactivation waits for the run's end.
 */
final class FullExports {
  private final Pool pool;

  FullExports(Pool pool) {
    this.pool = pool;
  }

  /** A file of the run was a full catalog. */
  Future<Void> record(String runId) {
    return pool.preparedQuery("""
            INSERT INTO catalog_full_export (run_id) VALUES ($1)
            ON CONFLICT (run_id) DO UPDATE SET files = catalog_full_export.files + 1""")
        .execute(Tuple.of(runId)).mapEmpty();
  }

  /** The run had a full catalog whose missing products have not been disabled yet. */
  Future<Boolean> pending(String runId) {
    return pool.preparedQuery("SELECT 1 FROM catalog_full_export WHERE run_id = $1 AND deactivated_at IS NULL")
        .execute(Tuple.of(runId)).map(rows -> rows.size() > 0);
  }

  Future<Void> markDeactivated(String runId) {
    return pool.preparedQuery("""
            INSERT INTO catalog_full_export (run_id, files, deactivated_at) VALUES ($1, 0, now())
            ON CONFLICT (run_id) DO UPDATE SET deactivated_at = now()""")
        .execute(Tuple.of(runId)).mapEmpty();
  }
}
