package com.ocbridge.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bridge-v1 shop that answers every catalog operation at once, for the benchmark: it measures the sync, not
 * the shop. Answers have the contract's shapes (one result per item, in order); requests are counted per op.
 */
final class StubShop {
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> items = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1);
  private HttpServer server;

  Future<Integer> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return s.actualPort();
    });
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  Map<String, Long> calls() {
    Map<String, Long> copy = new TreeMap<>();
    calls.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  Map<String, Long> items() {
    Map<String, Long> copy = new TreeMap<>();
    items.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  void reset() {
    calls.clear();
    items.clear();
  }

  private void handle(HttpServerRequest req) {
    String op = req.getParam("op");
    req.body().onSuccess(body -> {
      calls.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
      JsonObject in = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      JsonObject data = new JsonObject();
      switch (op) {
        case "products.upsert" -> {
          JsonArray results = new JsonArray();
          JsonArray list = in.getJsonArray("items");
          for (int i = 0; i < list.size(); i++) {
            results.add(new JsonObject().put("index", i).put("product_id", ids.incrementAndGet())
                .put("created", list.getJsonObject(i).getBoolean("create_if_missing")));
          }
          count(op, list.size());
          data.put("results", results);
        }
        case "products.stock_price" -> {
          JsonArray results = new JsonArray();
          JsonArray list = in.getJsonArray("items");
          for (int i = 0; i < list.size(); i++) {
            results.add(new JsonObject().put("key", list.getJsonObject(i).getString("key")).put("status", "updated"));
          }
          count(op, list.size());
          data.put("updated", list.size()).put("results", results);
        }
        case "option.upsert" -> {
          JsonArray values = new JsonArray();
          in.getJsonObject("option").getJsonArray("values").forEach(v -> values.add(new JsonObject()
              .put("external_id", ((JsonObject) v).getString("external_id")).put("option_value_id", ids.incrementAndGet())));
          data.put("option_id", ids.incrementAndGet()).put("created", true).put("values", values);
        }
        case "category.upsert" -> data.put("category_id", ids.incrementAndGet()).put("created", true);
        case "manufacturer.upsert" -> data.put("manufacturer_id", ids.incrementAndGet()).put("created", true);
        case "attribute.upsert" -> data.put("attribute_id", ids.incrementAndGet()).put("attribute_group_id", 1).put("created", true);
        case "image.put" -> data.put("path", in.getString("path")).put("bytes", 1);
        default -> {
          req.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
              .end(new JsonObject().put("error", new JsonObject().put("code", "bad_request").put("message", "op " + op)
                  .put("details", new JsonObject())).encode());
          return;
        }
      }
      req.response().putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("data", data).encode());
    });
  }

  private void count(String op, int n) {
    items.computeIfAbsent(op, k -> new AtomicLong()).addAndGet(n);
  }
}
