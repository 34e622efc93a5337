package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock as the shop for the orders ops, answered from an {@link OrderBook}. The stubs match what the contract
 * says a request looks like (§8: path {@code /index.php}, {@code route=extension/ocbridge/api}, {@code op}, the
 * API user headers; GET for reads, POST with a JSON body for {@code order.history_add}); the transformer fills in
 * the answer in the {@code {"data":…}} / {@code {"error":…}} envelope.
 */
final class OrderBookStub implements ResponseDefinitionTransformerV2 {
  static final String NAME = "order-book";
  static final String USER = "bridge";
  static final String KEY = "oc-key-123";

  private volatile OrderBook book;

  OrderBookStub(OrderBook book) {
    this.book = book;
  }

  void use(OrderBook b) {
    this.book = b;
  }

  /** Registers the four order ops on {@code shop}. */
  void install(WireMockServer shop) {
    for (String op : List.of("order.list", "order.get", "order_status.list")) {
      shop.stubFor(op(get(urlPathEqualTo("/index.php")), op).willReturn(answer()));
    }
    shop.stubFor(op(post(urlPathEqualTo("/index.php")), "order.history_add")
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
        .willReturn(answer()));
  }

  static MappingBuilder op(MappingBuilder request, String op) {
    return request.withQueryParam("route", equalTo("extension/ocbridge/api")).withQueryParam("op", equalTo(op))
        .withHeader("X-Api-Username", equalTo(USER)).withHeader("X-Api-Key", equalTo(KEY));
  }

  private static ResponseDefinitionBuilder answer() {
    return aResponse().withTransformers(NAME);
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    var request = event.getRequest();
    String op = request.queryParameter("op").firstValue();
    Map<String, String> q = new HashMap<>();
    for (String name : List.of("date_modified_from", "date_added_from", "id_gt", "status_ids", "limit", "page",
        "order_id", "language")) {
      QueryParameter p = request.queryParameter(name);
      if (p.isPresent()) q.put(name, p.firstValue());
    }
    Object result;
    switch (op) {
      case "order.list" -> result = book.list(q);
      case "order.get" -> {
        JsonObject o = book.get(Long.parseLong(q.get("order_id")));
        result = o != null ? o : new OrderBook.Refusal(404, "not_found", "Order not found");
      }
      case "order_status.list" -> result = book.statusList();
      case "order.history_add" -> result = book.historyAdd(new JsonObject(request.getBodyAsString()));
      default -> result = new OrderBook.Refusal(400, "bad_request", "unknown op " + op);
    }
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
        .withHeader("Content-Type", "application/json; charset=utf-8");
    if (result instanceof OrderBook.Refusal r) {
      return b.withStatus(r.status()).withBody(new JsonObject().put("error", new JsonObject().put("code", r.code())
          .put("message", r.message()).put("details", new JsonObject())).encode()).build();
    }
    return b.withStatus(200).withBody(new JsonObject().put("data", result).encode()).build();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
