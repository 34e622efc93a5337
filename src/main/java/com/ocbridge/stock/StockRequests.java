package com.ocbridge.stock;

import com.ocbridge.api.ApiError;
import com.ocbridge.api.InputScreen;
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
 * Refused per field (400, the field named): a quantity above {@value #MAX_QTY}, a price above {@value #MAX_PRICE},
 * more than {@value #MAX_SCALE} decimals (the shop stores 4; trailing zeros do not count), numbers that are not
 * finite, and text holding control characters.
 */
final class StockRequests {
  static final long MAX_QTY = 1_000_000_000L;
  static final long MAX_PRICE = 1_000_000_000_000L;
  static final int MAX_SCALE = 4;
  private static final BigDecimal QTY_LIMIT = BigDecimal.valueOf(MAX_QTY);
  private static final BigDecimal PRICE_LIMIT = BigDecimal.valueOf(MAX_PRICE);

  private StockRequests() {}

  static StockUpdate parse(Object body) {
    JsonArray items;
    String messageId = null;
    if (body instanceof JsonArray array) {
      items = array;
    } else if (body instanceof JsonObject object) {
      items = object.getJsonArray("items");
      Object id = object.getValue("messageId");
      messageId = id == null ? null : id.toString();
      if (messageId != null && InputScreen.forbiddenControl(messageId) >= 0) {
        throw new ApiError(400, "bad_request", "messageId " + InputScreen.describeControl(InputScreen.forbiddenControl(messageId)),
            new JsonObject().put("fields", new JsonObject().put("messageId",
                InputScreen.describeControl(InputScreen.forbiddenControl(messageId)))));
      }
    } else {
      throw ApiError.badRequest("the body must be a JSON array of items or an object with items");
    }
    if (items == null) throw ApiError.badRequest("items is required");
    if (items.size() > InputScreen.MAX_ITEMS) {
      throw new ApiError(413, "payload_too_large", "a stock message holds at most " + InputScreen.MAX_ITEMS + " items",
          new JsonObject().put("maxItems", InputScreen.MAX_ITEMS));
    }
    Map<String, StockLine> bySku = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject item)) throw badItem(i, "", "is not an object");
      String sku = text(item, "sku", i);
      String id = text(item, "id", i);
      String characteristic = text(item, "characteristic", i);
      if (sku == null && id == null) throw badItem(i, "sku", "is required (or id, the 1C Ид)");
      BigDecimal qty = number(item.getValue("qty"), i, "qty");
      BigDecimal price = number(item.getValue("price"), i, "price");
      if (qty != null && qty.signum() < 0) throw badItem(i, "qty", "is negative");
      if (price != null && price.signum() < 0) throw badItem(i, "price", "is negative");
      if (qty != null && qty.compareTo(QTY_LIMIT) > 0) throw badItem(i, "qty", "is larger than " + MAX_QTY);
      if (price != null && price.compareTo(PRICE_LIMIT) > 0) throw badItem(i, "price", "is larger than " + MAX_PRICE);
      if (qty != null && scale(qty) > MAX_SCALE) throw badItem(i, "qty", "has more than " + MAX_SCALE + " decimals");
      if (price != null && scale(price) > MAX_SCALE) throw badItem(i, "price", "has more than " + MAX_SCALE + " decimals");
      StockLine line = new StockLine(sku, id, characteristic, qty, price);
      bySku.put(line.label(), line);
    }
    return new StockUpdate(messageId, List.copyOf(new ArrayList<>(bySku.values())));
  }

  private static String text(JsonObject item, String field, int index) {
    Object value = item.getValue(field);
    if (value == null) return null;
    if (!(value instanceof String) && !(value instanceof Number)) throw badItem(index, field, "is not a string");
    String text = value.toString().strip();
    if (text.isEmpty()) throw badItem(index, field, "is empty");
    int bad = InputScreen.forbiddenControl(text);
    if (bad >= 0) throw badItem(index, field, InputScreen.describeControl(bad));
    return text;
  }

  private static BigDecimal number(Object value, int index, String field) {
    if (value == null) return null;
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) throw badItem(index, field, "is not a finite number");
    }
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw badItem(index, field, "is not a finite number");
      }
    }
    if (!(value instanceof String)) throw badItem(index, field, "is not a number");
    if (value.toString().length() > 64) throw badItem(index, field, "is not a number (too long)");
    String text = value.toString().strip().replace('\u00a0', ' ').replace(" ", "").replace(',', '.');
    if (text.isEmpty()) return null;
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw badItem(index, field, "is not a number: '" + printable(value.toString()) + "'");
    }
  }

  /** Decimals that matter: 15.5000 has one. */
  private static int scale(BigDecimal n) {
    return n.signum() == 0 ? 0 : n.stripTrailingZeros().scale();
  }

  private static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().limit(64).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }

  private static ApiError badItem(int index, String field, String problem) {
    String name = field.isEmpty() ? "items[" + index + "]" : "items[" + index + "]." + field;
    return new ApiError(400, "bad_request", name + " " + problem,
        new JsonObject().put("fields", new JsonObject().put(name, problem)));
  }
}
