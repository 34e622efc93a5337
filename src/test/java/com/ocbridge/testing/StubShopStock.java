package com.ocbridge.testing;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WireMock response transformer that answers {@code products.stock_price} as the OCBridge v1 contract says
 * (§4): one result per item, in input order, {@code updated} for keys the shop knows and {@code not_found} for the
 * rest, HTTP 200 even when some items fail. Stubs opt in with {@code .withTransformers(StubShopStock.NAME)}.
 */
public final class StubShopStock implements ResponseTransformerV2 {
  public static final String NAME = "stub-shop-stock";
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public StubShopStock know(String... keys) {
    known.addAll(Set.of(keys));
    return this;
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    JsonObject request = new JsonObject(event.getRequest().getBodyAsString());
    JsonArray results = new JsonArray();
    int updated = 0;
    JsonArray items = request.getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      String key = items.getJsonObject(i).getValue("key").toString();
      boolean found = known.contains(key);
      if (found) updated++;
      JsonObject r = new JsonObject().put("key", key).put("status", found ? "updated" : "not_found");
      if (found) r.put("product_id", request.getString("match_by").equals("product_id") ? Long.parseLong(key) : 900 + i);
      results.add(r);
    }
    String body = new JsonObject().put("data", new JsonObject().put("updated", updated).put("results", results)).encode();
    return Response.Builder.like(response).but().body(body).build();
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
