package com.ocbridge.storage;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL while the service runs: when a query fails and the server process is gone (the OOM
 * killer, {@code kill -9}, a crash), it is started again on its folder and port, so the service heals without an
 * operator; what happened stays visible in {@code /health} ({@code embedded-database}: restarts, when, why).
 * Meanwhile every database call fails fast and 1C is answered that the service is busy; nothing is lost, because
 * whatever was not committed was never confirmed to anyone.
 */
public final class DatabaseSupervisor {
  private static final Logger log = LoggerFactory.getLogger(DatabaseSupervisor.class);
  static final long CHECK_MS = 3_000;

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedDatabase server;
  private long timer = -1;
  private volatile boolean restarting;
  private volatile int restarts;
  private volatile Instant lastRestartAt;
  private volatile String lastProblem;

  public DatabaseSupervisor(Vertx vertx, Pool pool, EmbeddedDatabase server) {
    this.vertx = vertx;
    this.pool = pool;
    this.server = server;
  }

  public void start() {
    timer = vertx.setPeriodic(CHECK_MS, t -> check());
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
  }

  /** One check: a failing query with no server process behind it restarts the server (on a worker thread). */
  Future<Void> check() {
    if (restarting) return Future.succeededFuture();
    return Database.ping(pool).recover(failure -> {
      restarting = true;
      return vertx.executeBlocking(() -> {
        if (server.running()) return false; // the server runs: a passing problem, the pool reconnects by itself
        server.restart();
        return true;
      }, false).map(restarted -> {
        if (restarted) {
          restarts++;
          lastRestartAt = Instant.now();
          lastProblem = "the embedded PostgreSQL had stopped (" + failure.getMessage() + "); it was started again";
          log.warn("event=db.embedded.recovered restarts={} reason=\"{}\"", restarts, failure.getMessage());
        }
        return (Void) null;
      }).recover(e -> {
        lastProblem = "the embedded PostgreSQL is down and could not be started again: " + e;
        log.error("event=db.embedded.restart_failed error=\"{}\" (retrying in {} ms)", e.toString(), CHECK_MS);
        return Future.succeededFuture();
      }).andThen(ar -> restarting = false);
    });
  }

  /** For /health: DOWN while the server is being started again, otherwise UP with what happened so far. */
  public Handler<Promise<Status>> healthProcedure() {
    return promise -> {
      JsonObject data = new JsonObject().put("restarts", restarts)
          .put("lastRestartAt", lastRestartAt == null ? null : lastRestartAt.toString())
          .put("lastProblem", lastProblem);
      promise.complete(restarting ? Status.KO(data.put("state", "restarting")) : Status.OK(data));
    };
  }
}
