package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.ocbridge.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as an operator runs it: a separate JVM started with {@code --config}, the embedded database
 * (also when the tests run as root), readiness on /health, checkauth with curl-like Basic auth, exit code 2 for
 * a bad config, and exit code 0 after SIGTERM.
 */
class ServiceProcessTest {
  @TempDir Path dir;

  private Process launch(Path config, Path log) throws IOException {
    return ServiceProcess.launch(config, log, 0).process();
  }

  @Test
  void invalidConfigurationExitsWithCode2AndNamesTheKey() throws Exception {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"http\":{\"prot\":1}}");
    Path log = dir.resolve("out.log");
    Process p = launch(config, log);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(Files.readString(log).contains("http.prot"), Files.readString(log));
  }

  @Test
  void startsWithTheEmbeddedDatabaseAnswersCheckauthAndStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Path config = writeConfig(port);
    Path log = dir.resolve("service.log");
    Process p = launch(config, log);
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      healthy(config, port, p, log);
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(health.body().contains("\"database\""), health.body());
      // issue 16: the embedded server's generated password is never logged
      String dbPassword = Files.readString(dir.resolve("data/pgprivate/password")).trim();
      assertTrue(dbPassword.length() >= 40 && !read(log).contains(dbPassword), "the password stays out of the log");
      // the service's own JVM unpacks PostgreSQL into the private folder, not the shared /tmp
      Path binaries = dir.resolve("data/pgprivate/bin");
      assertTrue(Files.isDirectory(binaries), "binaries unpacked under " + binaries);
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)));

      String basic = Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
      HttpResponse<byte[]> auth = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/1c/exchange?type=catalog&mode=checkauth"))
          .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofByteArray());
      String body = new String(auth.body(), Charset.forName("windows-1251"));
      assertTrue(body.startsWith("success\nocbridge_sid\n"), body);
      assertTrue(auth.headers().firstValue("Set-Cookie").orElse("").startsWith("ocbridge_sid="));

      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("vertx_http_server"), "Prometheus metrics are served");

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s");
      assertEquals(0, p.exitValue(), read(log));
      String out = read(log);
      assertTrue(out.contains("event=service.stopped clean=true"), out);
      assertTrue(!out.contains("pass\"") && !out.contains(":pass"), "the password is never logged");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void afterSigkillTheNextStartStopsTheLeftoverDatabaseAndIsHealthyAtTheFirstAttempt() throws Exception {
    int port = freePort();
    Path config = writeConfig(port);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Path firstLog = dir.resolve("first.log");
    Process first = launch(config, firstLog);
    long leftover;
    try {
      healthy(config, port, first, firstLog);
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs, the database is not stopped
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      Path pidFile = dir.resolve("data/pgdata/postmaster.pid");
      leftover = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      assertTrue(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false),
          "the killed service's database lives on (it is not the JVM's child)");
    } finally {
      first.destroyForcibly();
    }

    Path secondLog = dir.resolve("second.log");
    Process second = launch(config, secondLog);
    try {
      long t0 = System.nanoTime();
      healthy(config, port, second, secondLog);
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      String out = read(secondLog);
      assertTrue(out.contains("event=db.embedded.leftover pid=" + leftover), out);
      assertTrue(seconds < 50, "healthy at the first start, without waiting out pg_ctl's 60 s: " + seconds + " s\n" + out);
      assertTrue(ProcessHandle.of(leftover).map(h -> !h.isAlive()).orElse(true), "the leftover server was stopped");
      second.destroy();
      assertTrue(second.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, second.exitValue(), read(secondLog));
    } finally {
      second.destroyForcibly();
    }
  }

  /** Issue 16: a port in use is named (http.port) before the database or anything else starts; one line, exit 1. */
  @Test
  void aPortInUseIsNamedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      Path config = writeConfig(taken.getLocalPort());
      Path log = dir.resolve("port.log");
      Process p = launch(config, log);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
      String out = read(log);
      assertEquals(1, p.exitValue(), out);
      assertTrue(out.contains("http.port " + taken.getLocalPort()), out);
      assertTrue(!out.contains("db.embedded.starting") && !out.contains("\tat "), "nothing started, no stack trace: " + out);
    }
  }

  /** Issue 16: a database that cannot be reached names database.url, its password masked. */
  @Test
  void anUnreachableDatabaseNamesDatabaseUrlWithoutItsPassword() throws Exception {
    Path config = dir.resolve("db.json");
    Files.writeString(config, "{\"http\":{\"host\":\"127.0.0.1\",\"port\":0},\"dataDir\":\"" + dir.resolve("data")
        + "\",\"database\":{\"url\":\"postgresql://bridge:s3cretPW@127.0.0.1:" + freePort() + "/bridge\"},"
        + "\"exchange\":{\"username\":\"user\",\"password\":\"pass\"}}");
    Path log = dir.resolve("db.log");
    Process p = launch(config, log);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
    String out = read(log);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("database.url=postgresql://bridge:***@127.0.0.1:"), out);
    assertTrue(!out.contains("s3cretPW"), "the password is never printed: " + out);
  }

  /** Issue 16: a data folder of PostgreSQL 14 (earlier releases) is refused in one line that says what to do. */
  @Test
  void aDataFolderOfAnotherPostgresVersionIsRefusedSayingWhatToDo() throws Exception {
    Path pgdata = Files.createDirectories(dir.resolve("data/pgdata"));
    Files.writeString(pgdata.resolve("PG_VERSION"), "14\n");
    Path log = dir.resolve("pg14.log");
    Process p = launch(writeConfig(freePort()), log);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
    String out = read(log);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("ocbridge: cannot start: " + pgdata + " (database.url=embedded) holds PostgreSQL 14 data,"
        + " but this release embeds PostgreSQL 17"), out);
    assertTrue(out.contains("run scripts/upgrade-embedded-db " + dir.resolve("data")), out);
    assertTrue(!out.contains("\tat ") && !out.contains("db.embedded.started"), "no stack trace, no server: " + out);
    assertEquals("14", Files.readString(pgdata.resolve("PG_VERSION")).trim(), "the folder is left as it was");
  }

  /** Issue 16: SIGTERM while the service is still starting (the embedded database coming up) exits 0. */
  @Test
  void sigtermWhileStartingExitsZero() throws Exception {
    Path config = writeConfig(freePort());
    Path log = dir.resolve("early.log");
    Process p = launch(config, log);
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!read(log).contains("event=service.starting") && System.nanoTime() < deadline) Thread.sleep(20);
      p.destroy(); // SIGTERM before /health could answer
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops");
      assertEquals(0, p.exitValue(), read(log));
    } finally {
      p.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    return ServiceProcess.freePort();
  }

  /** A configuration on loopback with the embedded database under {@code dir/data}. */
  private Path writeConfig(int port) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"http\":{\"host\":\"127.0.0.1\",\"port\":" + port + "},\"dataDir\":\""
        + dir.resolve("data") + "\",\"exchange\":{\"username\":\"user\",\"password\":\"pass\"}}");
    return config;
  }

  /** The process {@code p} (started by {@link #launch}) answers /health 200. */
  private static void healthy(Path config, int port, Process p, Path log) throws Exception {
    ServiceProcess.attach(p, log, port).awaitHealthy();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
