package com.ocbridge.outbox;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.concurrent.TimeUnit;

/**
 * The "outbox" health procedure: UP with the outbox figures as details, DOWN when the outbox table cannot be read
 * (database unreachable). A growing backlog is not DOWN: the outbox exists to hold work while a remote is away,
 * and restarting this service would not bring the remote back. Alert on the metrics instead.
 */
public final class OutboxHealth {
  private OutboxHealth() {}

  /** Register with {@code healthChecks.register("outbox", 3_000, OutboxHealth.procedure(outbox))}. */
  public static Handler<Promise<Status>> procedure(Outbox outbox) {
    return promise -> outbox.stats()
        .timeout(2_500, TimeUnit.MILLISECONDS)
        .onSuccess(stats -> promise.tryComplete(Status.OK(stats.toJson())))
        .onFailure(e -> promise.tryComplete(Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage())))));
  }
}
