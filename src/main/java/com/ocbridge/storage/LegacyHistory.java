package com.ocbridge.storage;

import com.ocbridge.support.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a database that the service's first migration runner set up (table {@code schema_migration(name,
 * checksum, applied_at)}, one row per applied file, SHA-256 of its text), so existing installations upgrade in place.
 *
 * <p>How: Flyway's history gets one row per migration the old runner applied, with Flyway's own checksum of the
 * same file, after the old SHA-256 proved the file unchanged; then Flyway migrates as usual and applies only what
 * is missing. A single baseline at the highest applied version would not do: the old runner followed a hand-kept
 * list, not version order (V300 was applied before V210), so an old database may lack migrations numbered below
 * its newest one, and a baseline would hide them. The history table itself is created by Flyway's baseline at
 * version 0 (below every migration), so its layout stays Flyway's.
 *
 * <p>{@code schema_migration} is left in place, read-only from now on: it keeps the old runner's dates (dropping it
 * in a migration would gain nothing and lose them), and its presence tells {@link Migrations} to look for gaps below
 * the newest version that Flyway must fill (outOfOrder).
 *
 * <p>Blocking JDBC. The old runner's advisory lock is taken for the takeover, so two instances (or an old and a new
 * one) never take over at once; the second finds the work done.
 */
final class LegacyHistory {
  private static final Logger log = LoggerFactory.getLogger(LegacyHistory.class);
  static final String BASELINE_DESCRIPTION = "<< taken over from schema_migration >>";
  /** The old runner's advisory lock key. */
  private static final long LOCK_KEY = 0x0cb_41d9_e000_0001L;
  private static final String INSTALLED_BY = "ocbridge (from schema_migration)";

  private record Applied(String name, String checksum, Timestamp appliedAt) {}

  private LegacyHistory() {}

  /** Whether the old runner's table exists (looked up on the search path, as the old runner named it). */
  static boolean present(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('schema_migration') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Fills Flyway's history from {@code schema_migration} unless that was done already; answers rows written. */
  static int takeOver(Flyway flyway, Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      if (alreadyTakenOver(s)) {
        c.commit();
        return 0;
      }
      List<Applied> applied = read(s);
      Map<String, MigrationInfo> resolved = new HashMap<>();
      for (MigrationInfo m : flyway.info().all()) resolved.put(m.getScript(), m);
      for (Applied a : applied) verify(a, resolved.get(a.name()));
      if (!historyExists(s)) flyway.baseline(); // Flyway's own connection; it creates the table and commits
      int rank = nextRank(s);
      try (PreparedStatement insert = c.prepareStatement("""
          INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
            installed_by, installed_on, execution_time, success)
          VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, 0, true)""")) {
        for (Applied a : applied) {
          MigrationInfo m = resolved.get(a.name());
          insert.setInt(1, rank++);
          insert.setString(2, m.getVersion().getVersion());
          insert.setString(3, m.getDescription());
          insert.setString(4, m.getScript());
          insert.setInt(5, m.getChecksum());
          insert.setString(6, INSTALLED_BY);
          insert.setTimestamp(7, a.appliedAt());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
      log.info("event=db.migrations.taken_over from=schema_migration migrations={}", applied.size());
      return applied.size();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Whether a migration numbered below the newest applied one is missing (Flyway calls it ignored). */
  static boolean hasGap(Flyway strict) {
    for (MigrationInfo m : strict.info().all()) {
      if (m.getState() == MigrationState.IGNORED) return true;
    }
    return false;
  }

  private static boolean historyExists(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Rows besides the baseline mean an earlier takeover finished (it commits baseline and rows together or not). */
  private static boolean alreadyTakenOver(Statement s) throws SQLException {
    if (!historyExists(s)) return false;
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE type <> 'BASELINE'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private static List<Applied> read(Statement s) throws SQLException {
    List<Applied> applied = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT name, checksum, applied_at FROM schema_migration ORDER BY applied_at, name")) {
      while (rs.next()) applied.add(new Applied(rs.getString(1), rs.getString(2), rs.getTimestamp(3)));
    }
    return applied;
  }

  private static int nextRank(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(installed_rank), 0) + 1 FROM flyway_schema_history")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The old runner's rule, once more: an applied file must be unchanged (same SHA-256 of its text). */
  private static void verify(Applied a, MigrationInfo resolved) {
    if (resolved == null) {
      throw new IllegalStateException("schema_migration records " + a.name() + ", which this build does not have in "
          + Migrations.LOCATION + ": the database was migrated by another build; run that build or a newer one");
    }
    if (!Sha256.hex(text(a.name())).equals(a.checksum())) {
      throw new IllegalStateException("migration " + a.name() + " was changed after it had been applied to this"
          + " database (schema_migration holds another checksum); restore the file as it was and put the change in"
          + " a new migration (see README, Migrations)");
    }
  }

  private static String text(String script) {
    String resource = Migrations.LOCATION + "/" + script;
    try (InputStream in = LegacyHistory.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing classpath resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
