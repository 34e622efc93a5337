package com.ocbridge.app;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.config.ConfigException;
import com.ocbridge.config.ConfigLoader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code scripts/run [--config FILE]}: exit 0 after a clean stop (SIGTERM at any moment, also while starting), 2 for
 * an invalid configuration, 1 otherwise (a known start-up problem, such as {@code http.port} in use or
 * {@code database.url} unreachable, in one line naming the key).
 */
public final class Main {
  static {
    // Vert.x and Netty log through SLF4J like the rest of the service: one line per event on stdout.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
  }

  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final long STOP_TIMEOUT_SECONDS = 25;
  private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

  private Main() {}

  public static void main(String[] args) {
    BridgeConfig config;
    try {
      config = new ConfigLoader(System.getenv()).load(ConfigLoader.configPath(args, System.getenv()));
    } catch (ConfigException e) {
      System.err.println("ocbridge: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    // before the first line of the service: every line then has the chosen format
    com.ocbridge.logging.LogFormat.apply(config.log().format());
    BridgeApp app = new BridgeApp(config);
    // SIGTERM / Ctrl-C, at any moment, also while starting: stop accepting, park in-flight work, close the database,
    // and exit 0 (not 143). Installed before "service.starting" is logged, so whoever sees that line can stop us.
    Signal.handle(new Signal("TERM"), sig -> shutdown(app));
    Signal.handle(new Signal("INT"), sig -> shutdown(app));
    log.info("event=service.starting config={}", config);
    try {
      StartupProblem.ensurePortFree(config.http().host(), config.http().port());
      app.start().await(10, TimeUnit.MINUTES);
    } catch (Throwable e) {
      if (STOPPING.get()) return; // SIGTERM during start-up: the signal's shutdown exits 0
      StartupProblem known = known(e);
      if (known != null) {
        log.error("event=service.start.failed error=\"{}\"", known.getMessage());
        System.err.println("ocbridge: cannot start: " + known.getMessage());
      } else {
        log.error("event=service.start.failed error=\"{}\"", e.toString(), e);
      }
      stopQuietly(app);
      System.exit(1);
    }
  }

  /** The start-up problem with a known cause in {@code e}'s chain, or null. */
  private static StartupProblem known(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StartupProblem p) return p;
    }
    return null;
  }

  private static void shutdown(BridgeApp app) {
    STOPPING.set(true);
    log.info("event=service.stopping");
    boolean clean = stopQuietly(app);
    log.info("event=service.stopped clean={}", clean);
    System.exit(clean ? 0 : 1);
  }

  private static boolean stopQuietly(BridgeApp app) {
    try {
      app.stop(Duration.ofSeconds(STOP_TIMEOUT_SECONDS));
      return true;
    } catch (Throwable e) {
      log.error("event=service.stop.failed error=\"{}\"", e.toString());
      return false;
    }
  }
}
