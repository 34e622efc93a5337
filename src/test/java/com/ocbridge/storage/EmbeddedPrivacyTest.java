package com.ocbridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the embedded PostgreSQL is private. Before, any local user could run
 * {@code psql -h 127.0.0.1 -p <port> -U postgres -c "COPY ... TO PROGRAM ..."} against it (trust) with the service's
 * rights. Now a connection without the generated password is refused over TCP and over the Unix socket (whose folder
 * only the service can enter), from Java and, where the machine allows it, as the unprivileged user {@code nobody}
 * with psql; the service's own URL connects. A folder of an earlier release (trust) is converted on start.
 */
class EmbeddedPrivacyTest {
  private static Vertx vertx;
  @TempDir Path dataDir;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aConnectionWithoutThePasswordIsRefusedAndTheServiceConnects() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
      Row settings = query(db.url("postgres"), "SELECT current_setting('server_version_num'),"
          + " current_setting('password_encryption'), current_setting('listen_addresses'),"
          + " current_setting('unix_socket_directories'), current_setting('fsync')");
      assertEquals(IncompatibleDataFolder.EMBEDDED_MAJOR, settings.getString(0).length() == 6
          ? Integer.parseInt(settings.getString(0).substring(0, 2)) : -1, "the bundled PostgreSQL 17 runs");
      assertEquals("scram-sha-256", settings.getString(1));
      assertEquals("127.0.0.1", settings.getString(2), "TCP on loopback only");
      Path privateDir = dataDir.toAbsolutePath().resolve("pgprivate");
      assertEquals(privateDir.toString(), settings.getString(3), "the socket is in the private folder, not /tmp");
      assertEquals("on", settings.getString(4));

      assertRefusedFromJava(db.port());
      assertEquals("rwx------", permissions(privateDir));
      assertEquals("rw-------", permissions(privateDir.resolve("password")));
      // zonky unpacks its binaries once per JVM: where an earlier test of this JVM started an ephemeral server they
      // stay in its shared folder; the service (one server per JVM) has them here, shown by ServiceProcessTest
      if (Files.isDirectory(privateDir.resolve("bin"))) {
        assertEquals("rwx------", permissions(privateDir.resolve("bin")), "zonky's unpacked binaries");
      }
      assertEquals(db.url("postgres"), "postgresql://postgres:" + Files.readString(privateDir.resolve("password"))
          .trim() + "@127.0.0.1:" + db.port() + "/postgres", "the service's URL carries the stored password");
      assertNoTrust(dataDir.resolve("pgdata/pg_hba.conf"));
      assertRefusedToNobody(db.port(), privateDir, Files.readString(privateDir.resolve("password")).trim());
    }
  }

  @Test
  void aTrustFolderOfAnEarlierReleaseIsConvertedOnStart() throws Exception {
    Path pgdata = dataDir.toAbsolutePath().resolve("pgdata");
    // exactly as the earlier release made its folder: zonky's defaults, trust for everyone
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false)
        .start(); Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept(v text); INSERT INTO kept VALUES ('from the earlier release')");
    }
    assertTrue(Files.readString(pgdata.resolve("pg_hba.conf")).contains("trust"), "the old folder trusts everyone");

    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
      assertEquals("from the earlier release", query(db.url("postgres"), "SELECT v FROM kept").getString(0));
      assertRefusedFromJava(db.port());
      assertNoTrust(pgdata.resolve("pg_hba.conf"));
      assertTrue(Files.exists(dataDir.resolve("pgprivate/password"))
          && !Files.exists(dataDir.resolve("pgprivate/password.new")), "the password is confirmed");
    }
    try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) { // a later start keeps the same password
      assertEquals("from the earlier release", query(again.url("postgres"), "SELECT v FROM kept").getString(0));
    }
  }

  @Test
  void aFolderOfAnotherMajorVersionIsRefusedSayingWhatToDo() throws IOException {
    Path pgdata = Files.createDirectories(dataDir.resolve("pgdata"));
    Files.writeString(pgdata.resolve("PG_VERSION"), "14\n");
    IncompatibleDataFolder older = assertThrows(IncompatibleDataFolder.class, () -> EmbeddedDatabase.start(dataDir));
    assertTrue(older.getMessage().contains("holds PostgreSQL 14 data, but this release embeds PostgreSQL 17"),
        older.getMessage());
    assertTrue(older.getMessage().contains("scripts/upgrade-embedded-db " + dataDir.toAbsolutePath()),
        older.getMessage());
    assertFalse(older.getMessage().contains("\n"), "one line");

    Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
    IncompatibleDataFolder newer = assertThrows(IncompatibleDataFolder.class, () -> EmbeddedDatabase.start(dataDir));
    assertTrue(newer.getMessage().contains("made by a newer release"), newer.getMessage());
    assertFalse(Files.exists(dataDir.resolve("pgprivate")), "nothing was started or created");
  }

  @Test
  void theEphemeralTestServerIsPrivateToo() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.startEphemeral()) {
      assertEquals(1, query(db.url("postgres"), "SELECT 1").getInteger(0));
      assertRefusedFromJava(db.port());
    }
  }

  /** Vert.x and JDBC as user postgres: no password, and a wrong one, are refused. */
  private static void assertRefusedFromJava(int port) {
    for (String url : List.of("postgresql://postgres@127.0.0.1:" + port + "/postgres",
        "postgresql://postgres:wrong@127.0.0.1:" + port + "/postgres")) {
      Pool pool = Database.pool(vertx, url, 1);
      try {
        Throwable refused = assertThrows(Exception.class, () -> Database.ping(pool).await(30, TimeUnit.SECONDS), url);
        assertNotNull(refused.getMessage(), url);
      } finally {
        pool.close().await();
      }
    }
    SQLException jdbc = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres").close());
    assertTrue(jdbc.getMessage().contains("password"), jdbc.getMessage());
  }

  /**
   * The attack of issue 16 itself, as user {@code nobody} with Debian's psql: over TCP without the password, and over
   * the socket (whose folder nobody may enter). With the password, nobody gets in over TCP: the server was reachable,
   * so the refusals above are the server's (or the folder's) doing.
   */
  private static void assertRefusedToNobody(int port, Path socketDir, String password) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "psql as user nobody is not tried: the tests do not run as root (runuser needs root)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
        "psql as user nobody is not tried: no /usr/bin/psql (Debian's postgresql-client) or no runuser here");
    String copy = "COPY (SELECT 1) TO PROGRAM 'id'";
    Result tcp = psqlAsNobody(null, "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c", copy);
    assertTrue(tcp.exit != 0 && tcp.output.contains("password"), "refused over TCP: " + tcp);
    Result socket = psqlAsNobody(null, "-h", socketDir.toString(), "-p", Integer.toString(port), "-U", "postgres",
        "-c", copy);
    assertTrue(socket.exit != 0 && socket.output.contains("Permission denied"), "socket out of reach: " + socket);
    Result withPassword = psqlAsNobody(password, "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
        "-tAc", "SELECT 42");
    assertEquals(0, withPassword.exit, "the control connection with the password: " + withPassword);
    assertEquals("42", withPassword.output.trim());
  }

  private record Result(int exit, String output) {}

  private static Result psqlAsNobody(String password, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "psql", "-w", "-d", "postgres"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
    if (password != null) builder.environment().put("PGPASSWORD", password);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql ends");
    return new Result(p.exitValue(), out);
  }

  private static Row query(String url, String sql) {
    Pool pool = Database.pool(vertx, url, 1);
    try {
      return pool.query(sql).execute().await(60, TimeUnit.SECONDS).iterator().next();
    } catch (Exception e) {
      throw new AssertionError("the service's URL connects: " + e, e);
    } finally {
      pool.close().await();
    }
  }

  private static void assertNoTrust(Path hba) throws IOException {
    for (String line : Files.readAllLines(hba)) {
      String rule = line.strip();
      if (rule.isEmpty() || rule.startsWith("#")) continue;
      assertTrue(rule.endsWith("scram-sha-256") && !rule.contains("trust") && !rule.contains("replication"),
          "only password rules: " + rule);
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
