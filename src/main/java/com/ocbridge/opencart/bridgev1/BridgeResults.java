package com.ocbridge.opencart.bridgev1;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.model.ItemError;
import com.ocbridge.opencart.model.Page;
import com.ocbridge.opencart.model.Product;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import com.ocbridge.opencart.model.UpsertResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code data} of the shop's answers (contract §4) into the client's records. */
final class BridgeResults {
  private BridgeResults() {}

  static List<ProductUpsertItemResult> upsertItemResults(JsonNode data, int count, int offset) {
    ProductUpsertItemResult[] byIndex = new ProductUpsertItemResult[count];
    JsonNode results = required(data, "results");
    int position = 0;
    for (JsonNode r : results) {
      int local = r.has("index") ? r.get("index").asInt() : position;
      position++;
      if (local < 0 || local >= count) {
        continue; // not one of ours; the missing-result check below reports the gap
      }
      JsonNode error = r.get("error");
      byIndex[local] = error != null && error.isObject()
          ? new ProductUpsertItemResult(offset + local, null, null, itemError(error))
          : new ProductUpsertItemResult(offset + local, r.path("product_id").asLong(),
          r.path("created").asBoolean(), null);
    }
    List<ProductUpsertItemResult> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(byIndex[i] != null ? byIndex[i] : new ProductUpsertItemResult(offset + i, null, null,
          new ItemError(ErrorKind.SERVER, null, "The shop's answer has no result for this item", Map.of())));
    }
    return list;
  }

  static ItemError itemError(JsonNode error) {
    String code = error.path("code").asText(null);
    return new ItemError(BridgeAnswers.kindOf(code, 0), code, error.path("message").asText(null),
        BridgeAnswers.detailsOf(error));
  }

  /**
   * Pairs results with items by position when the shop answered one result per item (the
   * contract's case), otherwise by key, so duplicate keys in one batch still line up.
   */
  static List<StockPriceResult> stockResults(JsonNode data, List<StockItem> chunk, int offset) {
    List<JsonNode> results = new ArrayList<>();
    required(data, "results").forEach(results::add);
    List<StockPriceResult> list = new ArrayList<>(chunk.size());
    boolean positional = results.size() == chunk.size();
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < chunk.size(); i++) {
      String key = chunk.get(i).key();
      JsonNode match = null;
      if (positional) {
        match = results.get(i);
      } else {
        for (int r = 0; r < results.size() && match == null; r++) {
          if (!used.contains(r) && key.equals(results.get(r).path("key").asText())) {
            used.add(r);
            match = results.get(r);
          }
        }
      }
      list.add(match == null
          ? new StockPriceResult(offset + i, key, null, StockStatus.UNKNOWN,
          "The shop's answer has no result for this item")
          : new StockPriceResult(offset + i, key,
          match.hasNonNull("product_id") ? match.get("product_id").asLong() : null,
          StockStatus.fromWire(match.path("status").asText()), match.path("message").asText(null)));
    }
    return list;
  }

  static Product product(JsonNode data) throws Exception {
    return new Product(required(data, "product_id").asLong(), data.path("master_id").asLong(0),
        BridgeJson.parseDate(data.path("date_added").asText(null)),
        BridgeJson.parseDate(data.path("date_modified").asText(null)),
        BridgeJson.MAPPER.treeToValue(data, ProductWrite.class));
  }

  static UpsertResult upsertResult(JsonNode data, String idField) {
    return new UpsertResult(required(data, idField).asLong(), data.path("created").asBoolean());
  }

  static <T> Page<T> page(JsonNode data, Class<T> itemType) throws Exception {
    JavaType type = BridgeJson.MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
    required(data, "items");
    return BridgeJson.MAPPER.treeToValue(data, type);
  }

  static <T> List<T> items(JsonNode data, Class<T> itemType) throws Exception {
    JavaType type = BridgeJson.MAPPER.getTypeFactory().constructCollectionType(List.class, itemType);
    return BridgeJson.MAPPER.treeToValue(required(data, "items"), type);
  }

  static JsonNode required(JsonNode data, String field) {
    JsonNode value = data == null ? null : data.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("field \"" + field + "\" is missing in " + abbreviate(data));
    }
    return value;
  }

  static String abbreviate(JsonNode data) {
    String text = String.valueOf(data);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
