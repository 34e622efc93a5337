package com.ocbridge.stock;

import com.ocbridge.ordering.DataVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A stock message: its optional {@code messageId} (dedup key), its lines, and its {@code version}: when the bridge
 * received it ({@link DataVersion}), which stays with it in the outbox, so a message queued while the shop was down
 * never overwrites what a newer one wrote meanwhile. Also the outbox payload.
 */
public record StockUpdate(String messageId, List<StockLine> lines, long version) {

  /** A message received now. */
  public StockUpdate(String messageId, List<StockLine> lines) {
    this(messageId, lines, DataVersion.now());
  }

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
    return new JsonObject().put("messageId", messageId).put("items", items).put("version", version);
  }

  /** {@code queuedAt}: the version of a message queued before versions were stored (its outbox entry's creation). */
  public static StockUpdate fromJson(JsonObject json, long queuedAt) {
    List<StockLine> lines = new ArrayList<>();
    for (Object o : json.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      lines.add(new StockLine(item.getString("sku"), item.getString("id"), item.getString("characteristic"),
          decimal(item.getString("qty")), decimal(item.getString("price"))));
    }
    return new StockUpdate(json.getString("messageId"), lines, json.getLong("version", queuedAt));
  }

  private static BigDecimal decimal(String s) {
    return s == null ? null : new BigDecimal(s);
  }
}
