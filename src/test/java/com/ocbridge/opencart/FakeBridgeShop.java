package com.ocbridge.opencart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A crude in-memory stand-in for the OCBridge extension, enough to dry-run
 * {@link LiveShopContractTest} without an OpenCart shop:
 * <pre>
 *   java -cp target/test-classes:… com.ocbridge.opencart.FakeBridgeShop 8089
 *   mvn -o test -Dtest=LiveShopContractTest -Docbridge.contract.baseUrl=http://127.0.0.1:8089/ \
 *       -Docbridge.contract.username=Default -Docbridge.contract.apiKey=s3cr3t-KEY-0123456789
 * </pre>
 * It checks the live suite's own logic; it proves nothing about the real extension.
 */
public final class FakeBridgeShop implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong(100);
  private final Map<String, Long> links = new HashMap<>(); // "entity:external_id" -> id
  private final Map<Long, ObjectNode> products = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> categories = new LinkedHashMap<>();

  public static void main(String[] args) {
    WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
        .port(args.length > 0 ? Integer.parseInt(args[0]) : 8089).extensions(new FakeBridgeShop()));
    server.start();
    server.stubFor(any(urlPathEqualTo("/index.php")).willReturn(aResponse().withTransformers("fake-bridge")));
    System.out.println("fake OCBridge shop on http://127.0.0.1:" + server.port() + "/");
  }

  @Override
  public String getName() {
    return "fake-bridge";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    Request req = event.getRequest();
    if (!BridgeStubs.USER.equals(req.getHeader("X-Api-Username")) || !BridgeStubs.KEY.equals(req.getHeader("X-Api-Key"))) {
      return answer(401, err("unauthorized", "Unknown API user or wrong key", JSON.createObjectNode()));
    }
    try {
      String op = req.queryParameter("op").firstValue();
      JsonNode body = req.getBodyAsString().isEmpty() ? JSON.createObjectNode() : JSON.readTree(req.getBodyAsString());
      Object data = switch (op) {
        case "ping" -> JSON.readTree(BridgeStubs.resource("ping.json"));
        case "category.upsert" -> category(body);
        case "category.list" -> JSON.createObjectNode().set("items", JSON.valueToTree(categories.values()));
        case "manufacturer.upsert" -> simpleUpsert("manufacturer", body, "manufacturer_id");
        case "attribute.upsert" -> simpleUpsert("attribute", body, "attribute_id").put("attribute_group_id", 6);
        case "option.upsert" -> option(body);
        case "product.upsert" -> productUpsert(body);
        case "products.upsert" -> {
          ArrayNode results = JSON.createArrayNode();
          int i = 0;
          for (JsonNode item : body.get("items")) {
            results.add(productUpsert(item).put("index", i++));
          }
          yield JSON.createObjectNode().set("results", results);
        }
        case "product.get" -> productGet(req);
        case "products.stock_price" -> stock(body);
        case "image.put" -> JSON.createObjectNode().put("path", body.get("path").asText())
            .put("bytes", Base64.getDecoder().decode(body.get("content_base64").asText()).length);
        case "order_status.list" -> JSON.readTree("{\"items\":[{\"order_status_id\":1,\"name\":\"Pending\"}]}");
        case "order.list" -> JSON.createObjectNode().put("total", 0)
            .put("page", Integer.parseInt(req.queryParameter("page").firstValue()))
            .put("limit", Integer.parseInt(req.queryParameter("limit").firstValue()))
            .set("items", JSON.createArrayNode());
        default -> null;
      };
      if (data == null) {
        return answer(404, err("not_found", "no such op or row", JSON.createObjectNode()));
      }
      if (data instanceof ObjectNode o && o.has("error") && !op.equals("products.upsert")) {
        return answer(o.get("status").asInt(), JSON.createObjectNode().set("error", o.get("error")));
      }
      return answer(200, JSON.createObjectNode().set("data", (JsonNode) data));
    } catch (Exception e) {
      return answer(500, err("internal", e.toString(), JSON.createObjectNode()));
    }
  }

  private ObjectNode category(JsonNode body) {
    String ext = body.at("/match/value").asText();
    Long id = links.get("category:" + ext);
    boolean created = id == null;
    if (created) {
      id = ids.incrementAndGet();
      links.put("category:" + ext, id);
    }
    JsonNode parent = body.at("/category/parent");
    long parentId = parent.has("external_id") ? links.getOrDefault("category:" + parent.get("external_id").asText(), -1L)
        : parent.path("category_id").asLong();
    if (parentId < 0) {
      return failure(422, "validation", "unknown parent", "category.parent");
    }
    ObjectNode row = JSON.createObjectNode().put("category_id", id).put("external_id", ext).put("parent_id", parentId);
    row.set("descriptions", body.at("/category/descriptions"));
    categories.put(id, row);
    return JSON.createObjectNode().put("category_id", id).put("created", created);
  }

  private ObjectNode simpleUpsert(String entity, JsonNode body, String idField) {
    String key = entity + ":" + body.at("/match/value").asText();
    boolean created = !links.containsKey(key);
    long id = links.computeIfAbsent(key, k -> ids.incrementAndGet());
    return JSON.createObjectNode().put(idField, id).put("created", created);
  }

  private ObjectNode option(JsonNode body) {
    ObjectNode r = simpleUpsert("option", body, "option_id");
    ArrayNode values = r.putArray("values");
    for (JsonNode v : body.at("/option/values")) {
      String ext = v.get("external_id").asText();
      values.addObject().put("external_id", ext)
          .put("option_value_id", links.computeIfAbsent("option_value:" + ext, k -> ids.incrementAndGet()));
    }
    return r;
  }

  private ObjectNode productUpsert(JsonNode item) {
    String by = item.at("/match/by").asText();
    String value = item.at("/match/value").asText();
    List<Long> found = find(by, value);
    if (found.size() > 1) {
      return failure(409, "ambiguous", found.size() + " products", null);
    }
    boolean created = found.isEmpty();
    if (created && !item.path("create_if_missing").asBoolean()) {
      return failure(404, "not_found", "no product", null);
    }
    long id = created ? ids.incrementAndGet() : found.get(0);
    ObjectNode row = products.computeIfAbsent(id, k -> JSON.createObjectNode().put("product_id", k).put("master_id", 0)
        .put("date_added", "2026-11-28T21:56:12+03:00"));
    ObjectNode write = ((ObjectNode) item.get("product")).deepCopy();
    if (write.has("manufacturer")) {
      ((ObjectNode) write.get("manufacturer")).put("manufacturer_id",
          links.get("manufacturer:" + write.at("/manufacturer/external_id").asText()));
    }
    for (JsonNode c : write.path("categories")) {
      ((ObjectNode) c).put("category_id", links.get("category:" + c.get("external_id").asText()));
    }
    for (JsonNode a : write.path("attributes")) {
      ((ObjectNode) a.get("attribute")).put("attribute_id", links.get("attribute:" + a.at("/attribute/external_id").asText()));
    }
    for (JsonNode o : write.path("options")) {
      for (JsonNode v : o.path("values")) {
        ((ObjectNode) v).put("option_value_id", links.get("option_value:" + v.at("/option_value/external_id").asText()));
      }
    }
    if (!write.has("external_id") && by.equals("external_id")) {
      write.put("external_id", value);
    }
    row.setAll(write);
    row.put("date_modified", "2026-11-28T21:56:14+03:00");
    return JSON.createObjectNode().put("product_id", id).put("created", created);
  }

  private List<Long> find(String by, String value) {
    return products.entrySet().stream()
        .filter(e -> by.equals("product_id") ? String.valueOf(e.getKey()).equals(value)
            : value.equals(e.getValue().path(by).asText(null)))
        .map(Map.Entry::getKey).toList();
  }

  private Object productGet(Request req) {
    for (String by : List.of("product_id", "external_id", "sku", "model")) {
      var param = req.queryParameter(by);
      if (param.isPresent()) {
        List<Long> found = find(by, param.firstValue());
        return found.size() == 1 ? products.get(found.get(0))
            : failure(found.isEmpty() ? 404 : 409, found.isEmpty() ? "not_found" : "ambiguous", "lookup", null);
      }
    }
    return failure(400, "bad_request", "no key", null);
  }

  private ObjectNode stock(JsonNode body) {
    String by = body.get("match_by").asText();
    ArrayNode results = JSON.createArrayNode();
    int updated = 0;
    for (JsonNode item : body.get("items")) {
      List<Long> found = find(by, item.get("key").asText());
      ObjectNode r = results.addObject().put("key", item.get("key").asText());
      if (found.size() != 1) {
        r.put("status", found.isEmpty() ? "not_found" : "ambiguous");
        continue;
      }
      ObjectNode row = products.get(found.get(0));
      for (String f : List.of("quantity", "price", "status")) {
        if (item.has(f)) {
          row.set(f, item.get(f));
        }
      }
      r.put("product_id", found.get(0)).put("status", "updated");
      updated++;
    }
    ObjectNode data = JSON.createObjectNode().put("updated", updated);
    data.set("results", results);
    return data;
  }

  private static ObjectNode failure(int status, String code, String message, String field) {
    ObjectNode details = JSON.createObjectNode();
    if (field != null) {
      details.putObject("fields").put(field, message);
    }
    ObjectNode o = err(code, message, details);
    o.put("status", status);
    return o;
  }

  private static ObjectNode err(String code, String message, ObjectNode details) {
    ObjectNode o = JSON.createObjectNode();
    o.putObject("error").put("code", code).put("message", message).set("details", details);
    return o;
  }

  private static ResponseDefinition answer(int status, JsonNode body) {
    ObjectNode out = body.deepCopy();
    out.remove("status");
    return new ResponseDefinitionBuilder().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(out.toString()).build();
  }
}
