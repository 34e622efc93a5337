package com.ocbridge.stock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A stock message: its optional {@code messageId} (dedup key) and its lines. Also the outbox payload. */
public record StockUpdate(String messageId, List<StockLine> lines) {

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    for (StockLine l : lines) {
      JsonObject item = new JsonObject();
      if (l.sku() != null) item.put("sku", l.sku());
      if (l.id() != null) item.put("id", l.id());
      if (l.characteristic() != null) item.put("characteristic", l.characteristic());
      if (l.quantity() != null) item.put("qty", l.quantity().toPlainString());
      if (l.price() != null) item.put("price", l.price().toPlainString());
      items.add(item);
    }
    return new JsonObject().put("messageId", messageId).put("items", items);
  }

  public static StockUpdate fromJson(JsonObject json) {
    List<StockLine> lines = new ArrayList<>();
    for (Object o : json.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      lines.add(new StockLine(item.getString("sku"), item.getString("id"), item.getString("characteristic"),
          decimal(item.getString("qty")), decimal(item.getString("price"))));
    }
    return new StockUpdate(json.getString("messageId"), lines);
  }

  private static BigDecimal decimal(String s) {
    return s == null ? null : new BigDecimal(s);
  }
}
