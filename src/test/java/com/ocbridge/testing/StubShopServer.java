package com.ocbridge.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A minimal OCBridge v1 shop for benchmarks: answers instantly, in the contract's envelope, and counts calls per
 * op and the time of the last answer. (WireMock would measure WireMock; this measures us.) Ops without an
 * answer function get {@code {"data":{}}}. Answer functions get the JSON body, or for a request without one (GET)
 * its query parameters as strings.
 */
public final class StubShopServer implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Map<String, Function<JsonObject, JsonObject>> answers = new ConcurrentHashMap<>();
  private volatile long lastAnswerNanos;

  public StubShopServer() {
    answers.put("products.stock_price", StubShopServer::allUpdated);
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String op = req.getParam("op");
      calls.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
      // reads (GET, no body) get their query parameters instead, e.g. order.list's id_gt and limit
      JsonObject request = body.length() == 0 ? queryParams(req) : body.toJsonObject();
      JsonObject data = answers.getOrDefault(op, r -> new JsonObject()).apply(request);
      req.response().putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("data", data).encode())
          .onComplete(v -> lastAnswerNanos = System.nanoTime());
    }));
    server.listen(0, "127.0.0.1").await();
  }

  private static JsonObject queryParams(io.vertx.core.http.HttpServerRequest req) {
    JsonObject params = new JsonObject();
    req.params().forEach(e -> params.put(e.getKey(), e.getValue()));
    return params;
  }

  public StubShopServer answer(String op, Function<JsonObject, JsonObject> answer) {
    answers.put(op, answer);
    return this;
  }

  public static JsonObject allUpdated(JsonObject request) {
    JsonArray results = new JsonArray();
    JsonArray items = request.getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      results.add(new JsonObject().put("key", items.getJsonObject(i).getValue("key").toString()).put("status", "updated")
          .put("product_id", i + 1));
    }
    return new JsonObject().put("updated", items.size()).put("results", results);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  public long calls(String op) {
    AtomicLong n = calls.get(op);
    return n == null ? 0 : n.get();
  }

  public long totalCalls() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public Map<String, Long> callsByOp() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    calls.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public void resetCounts() {
    calls.clear();
  }

  public long lastAnswerNanos() {
    return lastAnswerNanos;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
