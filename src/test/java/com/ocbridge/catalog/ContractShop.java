package com.ocbridge.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.ocbridge.opencart.BridgeStubs;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WireMock shop that answers the OCBridge v1 catalog operations the way the contract (opencart-bridge-v1.md
 * §4–§7) describes them, and keeps what it was told so tests can check the resulting shop state as well as the
 * requests. Each op has its own stub (path, route, op, auth headers, JSON content type, body shape); a request
 * that matches none gets WireMock's 404, which the client reports as a contract violation.
 *
 * <p>It checks what a real extension would refuse: references to unknown categories, manufacturers,
 * attributes, options and option values (422 with the JSON path), batches outside 1–100 / 1–1000 items, and a
 * product upsert without create_if_missing for an unknown product (not_found). Tests can make it refuse chosen
 * products (422) and go down (503) after a number of requests.
 */
final class ContractShop implements ResponseDefinitionTransformerV2 {
  static final String NAME = "contract-shop";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Call(String op, JsonNode body) {}

  private final AtomicLong ids = new AtomicLong(1000);
  private final Map<String, Long> categories = new HashMap<>();
  private final Map<String, Long> manufacturers = new HashMap<>();
  private final Map<String, Long> attributes = new HashMap<>();
  private final Map<String, Long> options = new HashMap<>();
  private final Map<String, Long> optionValues = new HashMap<>();
  final Map<String, ObjectNode> products = new LinkedHashMap<>();
  private final Map<String, Long> productIds = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  final Set<String> reject = ConcurrentHashMap.newKeySet();
  /** Requests still answered before the shop "goes down" (503); negative = never. */
  final AtomicInteger answersBeforeOutage = new AtomicInteger(-1);

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Registers one stub per operation the catalog sync uses. */
  static void stub(WireMockServer wm) {
    wm.stubFor(BridgeStubs.get("ping").willReturn(answer()));
    wm.stubFor(BridgeStubs.post("category.upsert").withRequestBody(matchingJsonPath("$.match.by"))
        .withRequestBody(matchingJsonPath("$.category.descriptions")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("manufacturer.upsert").withRequestBody(matchingJsonPath("$.match.value"))
        .withRequestBody(matchingJsonPath("$.manufacturer.name")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("attribute.upsert").withRequestBody(matchingJsonPath("$.match.value"))
        .withRequestBody(matchingJsonPath("$.attribute.descriptions")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("option.upsert").withRequestBody(matchingJsonPath("$.match.value"))
        .withRequestBody(matchingJsonPath("$.option.type")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("products.upsert").withRequestBody(matchingJsonPath("$.items[0].match.by"))
        .withRequestBody(matchingJsonPath("$.items[0].product")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("products.stock_price").withRequestBody(matchingJsonPath("$.match_by"))
        .withRequestBody(matchingJsonPath("$.items[0].key")).willReturn(answer()));
    wm.stubFor(BridgeStubs.post("image.put").withRequestBody(matchingJsonPath("$.path"))
        .withRequestBody(matchingJsonPath("$.content_base64")).willReturn(answer()));
  }

  private static ResponseDefinitionBuilder answer() {
    return aResponse().withTransformers(NAME);
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<Call> calls(String op) {
    return calls.stream().filter(c -> c.op().equals(op)).toList();
  }

  synchronized void forgetCalls() {
    calls.clear();
  }

  synchronized ObjectNode product(String externalId) {
    return products.get(externalId);
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    var request = event.getRequest();
    String op = request.queryParameter("op").firstValue();
    try {
      JsonNode body = request.getBodyAsString().isEmpty() ? JSON.createObjectNode() : JSON.readTree(request.getBodyAsString());
      calls.add(new Call(op, body));
      if (answersBeforeOutage.get() == 0) {
        return reply(503, error("internal", "Service Unavailable", JSON.createObjectNode()));
      }
      if (answersBeforeOutage.get() > 0) answersBeforeOutage.decrementAndGet();
      JsonNode data = switch (op) {
        case "ping" -> JSON.readTree(BridgeStubs.resource("ping.json"));
        case "category.upsert" -> category(body);
        case "manufacturer.upsert" -> byKey(manufacturers, body.path("match").path("value").asText(), "manufacturer_id");
        case "attribute.upsert" -> byKey(attributes, body.path("match").path("value").asText(), "attribute_id")
            .put("attribute_group_id", 7);
        case "option.upsert" -> option(body);
        case "products.upsert" -> productsUpsert(body);
        case "products.stock_price" -> stockPrice(body);
        case "image.put" -> JSON.createObjectNode().put("path", body.path("path").asText())
            .put("bytes", Base64.getDecoder().decode(body.path("content_base64").asText()).length);
        default -> throw new Refusal(400, "bad_request", "unknown op " + op, JSON.createObjectNode());
      };
      return reply(200, JSON.createObjectNode().set("data", data));
    } catch (Refusal r) {
      return reply(r.status, error(r.code, r.getMessage(), r.details));
    } catch (Exception e) {
      return reply(400, error("bad_request", String.valueOf(e), JSON.createObjectNode()));
    }
  }

  private static final class Refusal extends RuntimeException {
    final int status;
    final String code;
    final ObjectNode details;

    Refusal(int status, String code, String message, ObjectNode details) {
      super(message);
      this.status = status;
      this.code = code;
      this.details = details;
    }
  }

  private static Refusal invalid(String path, String message) {
    ObjectNode details = JSON.createObjectNode();
    details.putObject("fields").put(path, message);
    return new Refusal(422, "validation", "Invalid data", details);
  }

  private ObjectNode byKey(Map<String, Long> table, String key, String idField) {
    boolean created = !table.containsKey(key);
    long id = table.computeIfAbsent(key, k -> ids.incrementAndGet());
    return JSON.createObjectNode().put(idField, id).put("created", created);
  }

  private ObjectNode category(JsonNode body) {
    JsonNode parent = body.path("category").path("parent");
    if (parent.has("external_id") && !categories.containsKey(parent.get("external_id").asText())) {
      throw invalid("category.parent", "unknown category " + parent.get("external_id").asText());
    }
    return byKey(categories, body.path("match").path("value").asText(), "category_id");
  }

  private ObjectNode option(JsonNode body) {
    ObjectNode result = byKey(options, body.path("match").path("value").asText(), "option_id");
    ArrayNode values = result.putArray("values");
    for (JsonNode v : body.path("option").path("values")) {
      String id = v.path("external_id").asText();
      values.addObject().put("external_id", id).put("option_value_id", optionValues.computeIfAbsent(id, k -> ids.incrementAndGet()));
    }
    return result;
  }

  private ObjectNode productsUpsert(JsonNode body) {
    JsonNode items = body.path("items");
    if (!items.isArray() || items.size() < 1 || items.size() > 100) throw invalid("items", "1 to 100 items");
    ObjectNode data = JSON.createObjectNode();
    ArrayNode results = data.putArray("results");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      ObjectNode r = results.addObject().put("index", i);
      try {
        if (!"external_id".equals(item.path("match").path("by").asText())) throw invalid("match.by", "expected external_id here");
        String key = item.path("match").path("value").asText();
        JsonNode product = item.path("product");
        if (reject.contains(key)) throw invalid("descriptions.ru-ru.name", "1 to 255 characters");
        checkReferences(product);
        Long id = productIds.get(key);
        boolean created = id == null;
        if (created) {
          if (!item.path("create_if_missing").asBoolean()) throw new Refusal(404, "not_found", "No product matches", JSON.createObjectNode());
          if (product.path("model").asText("").isEmpty()) throw invalid("model", "1 to 64 characters");
          id = ids.incrementAndGet();
          productIds.put(key, id);
          products.put(key, JSON.createObjectNode());
        }
        merge(products.get(key), product);
        r.put("product_id", id).put("created", created);
      } catch (Refusal refusal) {
        r.putObject("error").put("code", refusal.code).put("message", refusal.getMessage()).set("details", refusal.details);
      }
    }
    return data;
  }

  private void checkReferences(JsonNode product) {
    int i = 0;
    for (JsonNode c : product.path("categories")) {
      if (c.has("category_id") && !categories.containsValue(c.get("category_id").asLong())) {
        throw invalid("categories." + i, "unknown category");
      }
      i++;
    }
    JsonNode m = product.path("manufacturer");
    if (m.has("manufacturer_id") && !manufacturers.containsValue(m.get("manufacturer_id").asLong())) {
      throw invalid("manufacturer", "unknown manufacturer");
    }
    for (JsonNode a : product.path("attributes")) {
      if (!attributes.containsValue(a.path("attribute").path("attribute_id").asLong())) throw invalid("attributes", "unknown attribute");
    }
    for (JsonNode o : product.path("options")) {
      if (!options.containsValue(o.path("option").path("option_id").asLong())) throw invalid("options", "unknown option");
      for (JsonNode v : o.path("values")) {
        if (!optionValues.containsValue(v.path("option_value").path("option_value_id").asLong())) {
          throw invalid("options.values", "unknown option value");
        }
      }
    }
  }

  /** PATCH semantics (§6.1): present keys replace, absent keys stay. */
  private static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      target.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  private ObjectNode stockPrice(JsonNode body) {
    JsonNode items = body.path("items");
    if (!items.isArray() || items.size() < 1 || items.size() > 1000) throw invalid("items", "1 to 1000 items");
    if (!"external_id".equals(body.path("match_by").asText())) throw invalid("match_by", "expected external_id here");
    ObjectNode data = JSON.createObjectNode();
    ArrayNode results = data.putArray("results");
    int updated = 0;
    for (JsonNode item : items) {
      String key = item.path("key").asText();
      ObjectNode r = results.addObject().put("key", key);
      ObjectNode product = products.get(key);
      if (product == null) {
        r.put("status", "not_found");
        continue;
      }
      for (String field : List.of("quantity", "price", "status")) {
        if (item.has(field)) product.set(field, item.get(field));
      }
      if (item.has("option_values")) product.set("option_stock", item.get("option_values"));
      r.put("product_id", productIds.get(key)).put("status", "updated");
      updated++;
    }
    data.put("updated", updated);
    return data;
  }

  private static ObjectNode error(String code, String message, ObjectNode details) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("code", code).put("message", message).set("details", details);
    return root;
  }

  private static ResponseDefinition reply(int status, JsonNode body) {
    return new ResponseDefinitionBuilder().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
  }
}
