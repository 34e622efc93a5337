package com.ocbridge.stock;

import com.ocbridge.api.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two shapes 1C code sends ({@code [{"sku","qty"}]} or {@code {"messageId","items":[…]}}, already
 * validated against the contract) into a {@link StockUpdate}. Numbers may be JSON numbers or strings, with a
 * decimal comma as 1C writes them ("15,000"). A line naming the same product or characteristic twice keeps the last.
 */
final class StockRequests {
  private StockRequests() {}

  static StockUpdate parse(Object body) {
    JsonArray items;
    String messageId = null;
    if (body instanceof JsonArray array) {
      items = array;
    } else if (body instanceof JsonObject object) {
      items = object.getJsonArray("items");
      messageId = object.getString("messageId");
    } else {
      throw ApiError.badRequest("the body must be a JSON array of items or an object with items");
    }
    Map<String, StockLine> bySku = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      String sku = text(item, "sku", i);
      String id = text(item, "id", i);
      String characteristic = text(item, "characteristic", i);
      if (sku == null && id == null) throw badItem(i, "sku", "is required (or id, the 1C Ид)");
      BigDecimal qty = number(item.getValue("qty"), i, "qty");
      BigDecimal price = number(item.getValue("price"), i, "price");
      if (qty != null && qty.signum() < 0) throw badItem(i, "qty", "is negative");
      if (price != null && price.signum() < 0) throw badItem(i, "price", "is negative");
      StockLine line = new StockLine(sku, id, characteristic, qty, price);
      bySku.put(line.label(), line);
    }
    return new StockUpdate(messageId, List.copyOf(new ArrayList<>(bySku.values())));
  }

  private static String text(JsonObject item, String field, int index) {
    Object value = item.getValue(field);
    if (value == null) return null;
    String text = value.toString().strip();
    if (text.isEmpty()) throw badItem(index, field, "is empty");
    return text;
  }

  private static BigDecimal number(Object value, int index, String field) {
    if (value == null) return null;
    if (value instanceof Number n) return new BigDecimal(n.toString());
    String text = value.toString().strip().replace('\u00a0', ' ').replace(" ", "").replace(',', '.');
    if (text.isEmpty()) return null;
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw badItem(index, field, "is not a number: '" + value + "'");
    }
  }

  private static ApiError badItem(int index, String field, String problem) {
    return new ApiError(400, "bad_request", "items[" + index + "]." + field + " " + problem,
        new JsonObject().put("fields", new JsonObject().put("items[" + index + "]." + field, problem)));
  }
}
