package com.ocbridge.stock;

import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ApiRouter;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/stock}: 200 with what was applied, or 202 with the queue id when the shop is down. */
public final class StockApi {
  private final StockService service;

  public StockApi(StockService service) {
    this.service = service;
  }

  public void post(RoutingContext ctx) {
    StockUpdate update;
    try {
      update = StockRequests.parse(ApiRouter.validated(ctx).getBody().get());
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    service.submit(update).onSuccess(result -> {
      if (result instanceof StockService.Applied a) {
        ApiResponses.json(ctx, 200, a.toJson());
      } else if (result instanceof StockService.Queued q) {
        ApiResponses.json(ctx, 202, q.toJson());
      }
    }).onFailure(ctx::fail);
  }
}
