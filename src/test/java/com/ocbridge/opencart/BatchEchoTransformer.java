package com.ocbridge.opencart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Answers {@code products.upsert} and {@code products.stock_price} the way the contract describes
 * (one result per item, in input order), deriving each product id from the item's key
 * ({@code "ext-137"} → 137). Tests can then check that results of split batches come back merged
 * in input order. Keys starting with {@code UNKNOWN} are answered {@code not_found}.
 */
public final class BatchEchoTransformer implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "batch-echo";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    try {
      JsonNode body = MAPPER.readTree(serveEvent.getRequest().getBodyAsString());
      boolean stock = body.has("match_by");
      ObjectNode data = MAPPER.createObjectNode();
      ArrayNode results = data.putArray("results");
      int index = 0;
      int updated = 0;
      for (JsonNode item : body.get("items")) {
        ObjectNode r = results.addObject();
        if (item.has("content_base64")) { // images.put: the picture stored where it was asked to go
          r.put("index", index++).put("path", item.get("path").asText()).put("bytes", 1);
          continue;
        }
        String key = stock ? item.get("key").asText() : item.get("match").get("value").asText();
        if (stock) {
          r.put("key", key);
          if (key.startsWith("UNKNOWN")) {
            r.put("status", "not_found");
          } else {
            r.put("product_id", idOf(key));
            r.put("status", "updated");
            updated++;
          }
        } else {
          r.put("index", index);
          r.put("product_id", idOf(key));
          r.put("created", true);
        }
        index++;
      }
      if (stock) {
        data.put("updated", updated);
      }
      return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody("{\"data\":" + data + "}")
          .build();
    } catch (Exception e) {
      return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
          .withStatus(400).withBody("{\"error\":{\"code\":\"bad_request\",\"message\":\"" + e + "\",\"details\":{}}}")
          .build();
    }
  }

  private static long idOf(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
  }
}
