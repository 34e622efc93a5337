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
  private final Map<String, AtomicLong> items = new ConcurrentHashMap<>();
  private final Map<String, Function<JsonObject, JsonObject>> answers = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1);
  private volatile long lastAnswerNanos;

  public StubShopServer() {
    this(0);
  }

  /** On {@code port} (0: any free one), e.g. where a shop the service was told about comes back. */
  public StubShopServer(int port) {
    answers.put("ping", in -> new JsonObject().put("bridge_version", "1.0.0").put("languages", new JsonArray()
        .add(new JsonObject().put("code", "ru-ru").put("language_id", 1).put("default", true))));
    answers.put("products.stock_price", StubShopServer::allUpdated);
    answers.put("products.upsert", this::allUpserted);
    answers.put("option.upsert", this::optionUpserted);
    answers.put("category.upsert", in -> new JsonObject().put("category_id", ids.incrementAndGet()).put("created", true));
    answers.put("manufacturer.upsert",
        in -> new JsonObject().put("manufacturer_id", ids.incrementAndGet()).put("created", true));
    answers.put("attribute.upsert", in -> new JsonObject().put("attribute_id", ids.incrementAndGet())
        .put("attribute_group_id", 1).put("created", true));
    answers.put("image.put", in -> new JsonObject().put("path", in.getString("path")).put("bytes", 1));
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String op = req.getParam("op");
      calls.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
      // reads (GET, no body) get their query parameters instead, e.g. order.list's id_gt and limit
      JsonObject request = body.length() == 0 ? queryParams(req) : body.toJsonObject();
      if (request.getValue("items") instanceof JsonArray list) {
        items.computeIfAbsent(op, k -> new AtomicLong()).addAndGet(list.size());
      }
      JsonObject data = answers.getOrDefault(op, r -> new JsonObject()).apply(request);
      req.response().putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("data", data).encode())
          .onComplete(v -> lastAnswerNanos = System.nanoTime());
    }));
    server.listen(port, "127.0.0.1").await();
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

  private JsonObject allUpserted(JsonObject request) {
    JsonArray results = new JsonArray();
    JsonArray list = request.getJsonArray("items");
    for (int i = 0; i < list.size(); i++) {
      results.add(new JsonObject().put("index", i).put("product_id", ids.incrementAndGet())
          .put("created", list.getJsonObject(i).getBoolean("create_if_missing")));
    }
    return new JsonObject().put("results", results);
  }

  private JsonObject optionUpserted(JsonObject request) {
    JsonArray values = new JsonArray();
    request.getJsonObject("option").getJsonArray("values").forEach(v -> values.add(new JsonObject()
        .put("external_id", ((JsonObject) v).getString("external_id")).put("option_value_id", ids.incrementAndGet())));
    return new JsonObject().put("option_id", ids.incrementAndGet()).put("created", true).put("values", values);
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

  public Map<String, Long> itemsByOp() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    items.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public void resetCounts() {
    calls.clear();
    items.clear();
  }

  public long lastAnswerNanos() {
    return lastAnswerNanos;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
