package com.ocbridge.orders;

import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ApiRouter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.ArrayList;

/**
 * {@code GET /api/v1/orders/handover?limit=}: the orders the bridge keeps, newest first, with where each stands with
 * 1C and the status changes 1C sent for it (the {@code order.status}/{@code order.note} outbox entries) and their
 * result. States: {@code waiting} (its current version is not handed to 1C yet), {@code handed} (in a
 * {@code mode=query} answer 1C has not confirmed), {@code confirmed} (1C said {@code mode=success}), {@code pushed}
 * (delivered to 1C's HTTP service, {@code onec.push}). {@code at} is when it got there.
 */
final class OrderHandovers {
  static final int DEFAULT_LIMIT = 100;

  private final HandoverStore store;

  OrderHandovers(HandoverStore store) {
    this.store = store;
  }

  void list(RoutingContext ctx) {
    RequestParameter limit = ApiRouter.validated(ctx).getQuery().get("limit");
    int n = limit == null || limit.isNull() ? DEFAULT_LIMIT : limit.getInteger();
    ApiResponses.reply(ctx, 200, store.list(n)
        .map(list -> new JsonObject().put("orders", new JsonArray(new ArrayList<>(list)))));
  }

}
