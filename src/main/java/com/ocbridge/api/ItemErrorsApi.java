package com.ocbridge.api;

import com.ocbridge.exchange.ItemErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.Map;

/**
 * {@code GET /api/v1/errors?q=&exchange=&limit=&before=}: items the shop refused, across exchanges, newest first;
 * {@code nextBefore} is the {@code before} of the next page (null on the last one).
 */
public final class ItemErrorsApi {
  static final int DEFAULT_LIMIT = 100;

  private final ItemErrors errors;

  public ItemErrorsApi(ItemErrors errors) {
    this.errors = errors;
  }

  public void list(RoutingContext ctx) {
    Map<String, RequestParameter> query = ApiRouter.validated(ctx).getQuery();
    String q = text(query.get("q"));
    String exchange = text(query.get("exchange"));
    int limit = absent(query.get("limit")) ? DEFAULT_LIMIT : query.get("limit").getInteger();
    Long before = absent(query.get("before")) ? null : query.get("before").getLong();
    ApiResponses.reply(ctx, 200, errors.list(q, exchange, limit, before).map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(e -> items.add(e.toJson()));
      Long next = list.size() < limit ? null : list.get(list.size() - 1).id();
      return new JsonObject().put("errors", items).put("nextBefore", next);
    }));
  }

  private static String text(RequestParameter p) {
    return absent(p) || p.getString().isEmpty() ? null : p.getString();
  }

  private static boolean absent(RequestParameter p) {
    return p == null || p.isNull();
  }
}
