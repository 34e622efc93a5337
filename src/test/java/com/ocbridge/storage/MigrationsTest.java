package com.ocbridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flyway over the real embedded PostgreSQL: fresh databases, the old runner's databases, changed files, failures. */
class MigrationsTest {
  /** The files of db/migration: the old runner's list and every migration added since. */
  static final List<String> FILES = migrationFiles();
  static final int ALL = FILES.size();
  /** Migrations added after the old runner's time, which its databases still need. */
  static final int NEWER = ALL - OldRunner.LIST.size();
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static List<String> migrationFiles() {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFreshDatabaseGetsEveryMigrationOnceAndASecondRunAppliesNothing() throws Exception {
    String url = TestDatabase.newDatabase();
    assertEquals(ALL, apply(url));
    assertEquals(0, apply(url));
    try (Connection c = jdbc(url)) {
      assertEquals(ALL, count(c, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL' AND success"));
      assertEquals(FILES.get(ALL - 1).substring(1, FILES.get(ALL - 1).indexOf("__")),
          text(c, "SELECT max(version) FROM flyway_schema_history"));
      assertFalse(bool(c, "SELECT to_regclass('schema_migration') IS NOT NULL"), "no table of the old runner");
    }
  }

  /**
   * An installation the old runner migrated up to V210 (its list applied V300 before V210, so V220, V230 and V240
   * are missing below its newest version) upgrades in place: the gap and the newer files run, its rows stay.
   */
  @Test
  void aDatabaseOfTheOldRunnerIsTakenOverAndUpgradedInPlaceWithItsData() throws Exception {
    String url = TestDatabase.newDatabase();
    try (Connection c = jdbc(url); Statement s = c.createStatement()) {
      OldRunner.applyFirst(c, 10);
      s.execute("INSERT INTO stock_message(message_id, state) VALUES ('kept-1', 'applied')");
    }
    assertEquals(ALL - 10, apply(url), "V220, V230, V240, V320, V400, V410 and what came after the old runner");
    assertEquals(0, apply(url));
    try (Connection c = jdbc(url)) {
      assertEquals(ALL, count(c, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL' AND success"));
      assertEquals(10, count(c, "SELECT count(*) FROM flyway_schema_history WHERE installed_by LIKE '%schema_migration%'"));
      assertEquals(1, count(c, "SELECT count(*) FROM stock_message WHERE message_id = 'kept-1'"), "data kept");
      assertTrue(bool(c, "SELECT to_regclass('catalog_full_export') IS NOT NULL"), "V230 filled the gap");
      assertEquals(1, count(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'catalog_product'"
          + " AND column_name = 'awaiting_offer'"), "V220 filled the gap");
      assertEquals(10, count(c, "SELECT count(*) FROM schema_migration"), "the old table is left as it was");
    }
  }

  @Test
  void aDatabaseTheOldRunnerFinishedGetsOnlyTheNewerMigrations() throws Exception {
    String url = TestDatabase.newDatabase();
    try (Connection c = jdbc(url)) {
      OldRunner.applyFirst(c, OldRunner.LIST.size());
    }
    assertEquals(NEWER, apply(url), "only what came after the old runner");
    try (Connection c = jdbc(url)) {
      assertEquals(ALL, count(c, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL'"));
    }
  }

  @Test
  void aFileChangedAfterTheOldRunnerAppliedItIsRefusedAndNothingChanges() throws Exception {
    String url = TestDatabase.newDatabase();
    try (Connection c = jdbc(url); Statement s = c.createStatement()) {
      OldRunner.applyFirst(c, 3);
      s.execute("UPDATE schema_migration SET checksum = 'f00d' WHERE name = 'V002__job_errors.sql'");
    }
    String message = failure(url);
    assertTrue(message.contains("V002__job_errors.sql was changed after it had been applied"), message);
    try (Connection c = jdbc(url)) {
      assertFalse(bool(c, "SELECT to_regclass('flyway_schema_history') IS NOT NULL"), "no history written");
      assertFalse(bool(c, "SELECT to_regclass('outbox') IS NOT NULL"), "nothing migrated");
    }
  }

  /** Flyway's checksum of an applied file no longer matches the file (as after an edit): refused, said so. */
  @Test
  void aMigrationChangedAfterFlywayAppliedItIsRefused() throws Exception {
    String url = TestDatabase.newDatabase();
    apply(url);
    try (Connection c = jdbc(url); Statement s = c.createStatement()) {
      s.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE script = 'V002__job_errors.sql'");
    }
    String message = failure(url);
    assertTrue(message.contains("was changed after it had been applied"), message);
    assertTrue(message.contains("002"), "names the migration: " + message);
    assertFalse(message.contains("\n"), "one line: " + message);
  }

  @Test
  void aDatabaseThatCannotBeReachedIsNamedWithoutItsPassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String message = failure("postgresql://bridge:s3cretPW@127.0.0.1:" + port + "/bridge");
    assertTrue(message.contains("cannot connect to 127.0.0.1:" + port + "/bridge as user bridge"), message);
    assertTrue(message.contains("check database.url"), message);
    assertFalse(message.contains("s3cretPW"), message);
  }

  /** Two instances starting at once on a fresh database and on one of the old runner: each file runs once. */
  @Test
  void twoInstancesStartingAtOnceApplyEachMigrationOnce() throws Exception {
    String fresh = TestDatabase.newDatabase();
    String old = TestDatabase.newDatabase();
    try (Connection c = jdbc(old)) {
      OldRunner.applyFirst(c, 9);
    }
    for (String url : List.of(fresh, old)) {
      Vertx other = Vertx.vertx();
      try {
        List<Future<Integer>> both = new ArrayList<>(List.of(Migrations.apply(vertx, url), Migrations.apply(other, url)));
        Future.all(both).await(120, TimeUnit.SECONDS);
        int applied = both.get(0).result() + both.get(1).result();
        assertEquals(url.equals(fresh) ? ALL : ALL - 9, applied, url);
        try (Connection c = jdbc(url)) {
          assertEquals(ALL, count(c, "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE type = 'SQL'"));
          assertEquals(ALL, count(c, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL'"));
        }
      } finally {
        other.close().await();
      }
    }
  }

  private static int apply(String url) throws Exception {
    return Migrations.apply(vertx, url).await(120, TimeUnit.SECONDS);
  }

  private static String failure(String url) {
    Exception e = assertThrows(Exception.class, () -> apply(url));
    return e.getMessage();
  }

  static Connection jdbc(String url) throws SQLException {
    JdbcTarget t = JdbcTarget.from(url);
    return new org.postgresql.Driver().connect(t.url(), t.properties());
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean bool(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
