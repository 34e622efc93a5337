package com.ocbridge.stock;

import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ApiRouter;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/stock}: 200 with what was applied, or 202 with the queue id when the shop is down. */
public final class StockApi {
  /** Told about each message taken and what became of it (metrics); must not block. */
  public interface Listener {
    Listener NONE = new Listener() { };

    default void received() { }

    default void applied(int lines, int unknown) { }

    default void queued() { }
  }

  private final StockService service;
  private final Listener listener;

  public StockApi(StockService service) {
    this(service, Listener.NONE);
  }

  public StockApi(StockService service, Listener listener) {
    this.service = service;
    this.listener = listener;
  }

  public void post(RoutingContext ctx) {
    StockUpdate update;
    try {
      update = StockRequests.parse(ApiRouter.validated(ctx).getBody().get());
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    listener.received();
    service.submit(update).onSuccess(result -> {
      if (result instanceof StockService.Applied a) {
        listener.applied(a.updated(), a.unknown().size());
        ApiResponses.json(ctx, 200, a.toJson());
      } else if (result instanceof StockService.Queued q) {
        listener.queued();
        ApiResponses.json(ctx, 202, q.toJson());
      }
    }).onFailure(ctx::fail);
  }
}
