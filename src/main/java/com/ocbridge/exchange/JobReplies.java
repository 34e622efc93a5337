package com.ocbridge.exchange;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What 1C is told about an import that finished with items the shop refused: still {@code success} (the rest of
 * the package is applied, and {@code failure} would stop 1C before the offers of every good product), but the
 * lines after it say how many items were not loaded and why, so 1C's exchange log shows them to the operator
 * ("Получен расширенный статус успешного завершения"), and where the full list is.
 */
final class JobReplies {
  static final int REASONS_SHOWN = 3;

  private JobReplies() {}

  static ProtocolReply withErrors(String file, ExchangeStore.Job job) {
    JsonArray errors = new JsonArray();
    if (job.errors() != null) {
      job.errors().forEach(e -> {
        if (e instanceof JsonObject o && !o.getBoolean("note", false)) errors.add(o);
      });
    }
    long refused = refusedCount(job, errors);
    List<String> lines = new ArrayList<>();
    lines.add("ВНИМАНИЕ: импорт " + file + " завершён с ошибками: магазин не принял позиций: " + refused + ".");
    if (job.message() != null) lines.add(job.message());
    for (int i = 0; i < Math.min(REASONS_SHOWN, errors.size()); i++) {
      lines.add(describe(errors.getJsonObject(i)));
    }
    if (errors.size() > REASONS_SHOWN) lines.add("… и ещё " + (refused - REASONS_SHOWN) + ".");
    lines.add("Полный список: GET /api/v1/exchanges/" + job.runId());
    return ProtocolReply.success(lines.toArray(String[]::new));
  }

  private static long refusedCount(ExchangeStore.Job job, JsonArray errors) {
    JsonObject counts = job.counts() == null ? new JsonObject() : job.counts();
    return Math.max(errors.size(), counts.getLong("failed", 0L));
  }

  private static String describe(JsonObject e) {
    String what = switch (e.getString("what", "")) {
      case "product" -> "товар";
      case "offer" -> "предложение";
      case "category" -> "группа";
      case "image" -> "картинка";
      default -> e.getString("what", "позиция");
    };
    String name = e.getString("name");
    return "- " + what + " " + e.getString("id", "") + (name == null ? "" : " «" + name + "»") + ": "
        + e.getString("reason", "").replaceAll("[\\r\\n]+", " ");
  }
}
