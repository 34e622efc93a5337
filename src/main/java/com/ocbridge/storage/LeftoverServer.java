package com.ocbridge.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL an earlier run left on this data folder. The server is started through {@code pg_ctl}, so
 * it is not the JVM's child: when the service is killed (SIGKILL, the OOM killer) it lives on, holding the data
 * folder, and the next start used to wait 60 s for a server that could not start ("Gave up waiting") and fail; only
 * the start after that worked. Before starting, the server named by {@code postmaster.pid} is stopped when it is
 * still running on this folder (SIGTERM: it has no clients left, so it shuts down cleanly; SIGKILL after 30 s), and
 * a pid file whose process is gone or is not that server is removed.
 *
 * <p>Blocking (waits for the process): called from {@link EmbeddedDatabase#start} before the event loops start.
 */
final class LeftoverServer {
  private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private LeftoverServer() {}

  static void stopIfRunning(Path pgdata) throws IOException {
    Path pidFile = pgdata.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) return;
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    long pid = lines.isEmpty() ? -1 : parse(lines.get(0));
    Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (process.isEmpty() || !process.get().isAlive() || !servesFolder(pid, pgdata)) {
      log.warn("event=db.embedded.stale_pid_file pid={} file={}: no server of this folder runs under that pid; removed",
          pid, pidFile);
      Files.deleteIfExists(pidFile);
      return;
    }
    ProcessHandle server = process.get();
    log.warn("event=db.embedded.leftover pid={} dir={}: a server of an earlier run (the service was killed) still runs"
        + " on this folder; stopping it", pid, pgdata);
    server.destroy();
    if (!waitForExit(server, STOP_WAIT_SECONDS)) {
      log.warn("event=db.embedded.leftover_kill pid={}: did not stop within {} s; killed", pid, STOP_WAIT_SECONDS);
      server.destroyForcibly();
      waitForExit(server, 10);
    }
    log.info("event=db.embedded.leftover_stopped pid={}", pid);
  }

  /** Whether a server of {@code pgdata} is running: its pid file names a live postgres process of this folder. */
  static boolean running(Path pgdata) {
    Path pidFile = pgdata.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      long pid = lines.isEmpty() ? -1 : parse(lines.get(0));
      return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && servesFolder(pid, pgdata);
    } catch (IOException e) {
      return false; // no pid file: no server
    }
  }

  private static boolean waitForExit(ProcessHandle process, long seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (Exception timeoutOrGone) {
      return !process.isAlive();
    }
  }

  /** Is {@code pid} a postgres process started on {@code pgdata}? (its command line names the folder) */
  private static boolean servesFolder(long pid, Path pgdata) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    try {
      String cmd = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
      return cmd.contains("postgres") && cmd.contains(pgdata.toString());
    } catch (IOException | SecurityException e) {
      // no /proc (not Linux): the pid file lies in this folder, so a live postgres under its pid is taken as ours
      return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.contains("postgres")).orElse(false);
    }
  }

  private static long parse(String line) {
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
