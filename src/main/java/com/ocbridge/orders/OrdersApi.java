package com.ocbridge.orders;

import com.ocbridge.api.ApiError;
import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ApiRouter;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /api/v1/orders} (orders as JSON for 1C HTTP services, from the same store the exchange uses; never
 * status 0) and {@code POST /api/v1/orders/{id}/status} (a status change made in 1C, queued for the shop: 202).
 */
final class OrdersApi {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final OrderStore store;
  private final StatusMapper mapper;
  private final StatusChanges changes;
  /** The last order poll, so an empty list tells whether the shop was read at all; null until wired. */
  private volatile java.util.function.Supplier<JsonObject> poll = () -> null;

  OrdersApi(OrderStore store, StatusMapper mapper, StatusChanges changes) {
    this.store = store;
    this.mapper = mapper;
    this.changes = changes;
  }

  void pollState(java.util.function.Supplier<JsonObject> state) {
    this.poll = state;
  }

  void list(RoutingContext ctx) {
    ValidatedRequest request = ApiRouter.validated(ctx);
    RequestParameter from = request.getQuery().get("from");
    RequestParameter status = request.getQuery().get("status");
    RequestParameter limit = request.getQuery().get("limit");
    LocalDate fromDate;
    try {
      fromDate = absent(from) ? null : LocalDate.parse(from.getString());
    } catch (RuntimeException e) {
      ctx.fail(ApiError.badRequest("from must be a date YYYY-MM-DD"));
      return;
    }
    Future<JsonObject> result = store.list(fromDate, absent(status) ? null : status.getInteger(),
            absent(limit) ? 500 : limit.getInteger())
        .map(orders -> {
          JsonArray list = new JsonArray();
          orders.forEach(o -> list.add(toJson(o)));
          JsonObject body = new JsonObject().put("orders", list);
          JsonObject last = poll.get();
          if (last != null) body.put("poll", last);
          return body;
        });
    ApiResponses.reply(ctx, 200, result);
  }

  void postStatus(RoutingContext ctx) {
    ValidatedRequest request = ApiRouter.validated(ctx);
    long id = request.getPathParameters().get("id").getLong();
    JsonObject body = request.getBody().getJsonObject();
    String status = body.getString("status");
    String comment = body.getString("comment");
    boolean notify = body.getBoolean("notify", false);
    var target = mapper.map(status);
    if (target.isEmpty()) {
      ctx.fail(ApiError.unprocessable("status \"" + status + "\" is neither an orders.statusMap key nor an OpenCart"
          + " order_status_id", new JsonObject().put("status", status)));
      return;
    }
    int statusId = target.get().statusId();
    Future<JsonObject> result = store.find(id).compose(found -> {
      if (found.isEmpty()) return Future.failedFuture(ApiError.notFound("order " + id + " is not known to the bridge"));
      OrderStore.Stored order = found.get();
      // the stored version is part of the key: the same request again is one change, but the same status asked
      // again after the order changed (e.g. it was moved on in the shop) is a new one
      String key = "order.status:" + id + ":" + statusId + ":api:" + OrderJson.sha256(
          status + "|" + comment + "|" + notify + "|" + order.version()).substring(0, 32);
      String text = comment != null ? comment : "1С: " + target.get().key();
      return changes.enqueue(new StatusChange(id, statusId, text, notify, "api", key))
          .map(queued -> new JsonObject().put("queued", true).put("queueId", queued.queueId())
              .put("message", queued.duplicate()
                  ? "the same change was queued before (entry " + queued.queueId() + "); not queued again"
                  : "queued for the shop: order " + id + " → status " + statusId));
    });
    ApiResponses.reply(ctx, 202, result);
  }

  /** The JSON shape of interface.md: id, date, total, customer, phone, address, products (sku, name, qty, price). */
  static JsonObject toJson(Order o) {
    JsonObject json = new JsonObject().put("id", o.orderId())
        .put("date", o.dateAdded() == null ? "" : ISO.format(o.dateAdded()))
        .put("status", o.orderStatusId())
        .put("total", o.total() == null ? "0" : o.total().toPlainString());
    putIfSet(json, "currency", o.currencyCode());
    putIfSet(json, "customer", OrderDocuments.fullName(o));
    if (o.customer() != null) {
      putIfSet(json, "email", o.customer().email());
      putIfSet(json, "phone", o.customer().telephone());
    }
    putIfSet(json, "address", OrderDocuments.address(o.shippingAddress() != null ? o.shippingAddress() : o.paymentAddress()));
    putIfSet(json, "comment", o.comment());
    JsonArray products = new JsonArray();
    if (o.products() != null) {
      for (OrderLine l : o.products()) {
        String sku = OrderDocuments.sku(l);
        BigDecimal price = OrderDocuments.grossUnitPrice(l);
        products.add(new JsonObject().put("sku", sku == null ? "" : sku).put("name", OrderDocuments.lineName(l))
            .put("qty", l.quantity()).put("price", price.toPlainString()));
      }
    }
    return json.put("products", products);
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null && !value.isBlank()) json.put(key, value);
  }

  private static boolean absent(RequestParameter p) {
    return p == null || p.isNull();
  }
}
