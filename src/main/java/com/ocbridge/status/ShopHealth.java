package com.ocbridge.status;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * The {@code opencart} health check: DOWN with the reason and since when while the shop is unreachable (or not
 * checked yet), UP with the last answer otherwise. Informational: /health stays 200 while the shop is down, since a
 * restart of the bridge would not bring the shop back and the bridge keeps working (it queues and pauses).
 */
public final class ShopHealth {
  private ShopHealth() {}

  public static Handler<Promise<Status>> procedure(ShopReachability reachability) {
    return promise -> {
      ShopReachability.State s = reachability.state();
      JsonObject data = new JsonObject().put("since", s.since() == null ? null : s.since().toString())
          .put("lastOkAt", s.lastOkAt() == null ? null : s.lastOkAt().toString());
      promise.tryComplete(s.reachable() ? Status.OK(data) : Status.KO(data.put("reason", s.reason())));
    };
  }
}
