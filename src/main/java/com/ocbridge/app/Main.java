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
 * {@code scripts/run [--config FILE]}: exit 0 after a clean stop, 2 for an invalid configuration, 1 otherwise.
 */
public final class Main {
  static {
    // Vert.x and Netty log through SLF4J like the rest of the service: one line per event on stdout.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
  }

  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final long STOP_TIMEOUT_SECONDS = 25;

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
    log.info("event=service.starting config={}", config);
    BridgeApp app = new BridgeApp(config);
    try {
      app.start().await(10, TimeUnit.MINUTES);
    } catch (Throwable e) {
      log.error("event=service.start.failed error=\"{}\"", e.toString(), e);
      stopQuietly(app);
      System.exit(1);
      return;
    }
    // SIGTERM / Ctrl-C: stop accepting, park in-flight work, close the database, and exit 0 (not 143).
    Signal.handle(new Signal("TERM"), sig -> shutdown(app));
    Signal.handle(new Signal("INT"), sig -> shutdown(app));
  }

  private static void shutdown(BridgeApp app) {
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
