package com.ocbridge.exchange;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What 1C is told about an import that finished with items the shop refused: still {@code success} (the rest of
 * the package is applied, and {@code failure} would stop 1C before the offers of every good product), but the
 * lines after it say how many items were not loaded and why, so 1C's exchange log shows them to the operator
 * ("Получен расширенный статус успешного завершения"), and where the full list is.
 */
final class JobReplies {
  static final int REASONS_SHOWN = 3;

  private JobReplies() {}

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

  /**
   * A paused import: {@code progress} (1C keeps polling) with how far it got (the stored number the API shows too),
   * why it waits, when it tries again, and what the operator may do.
   */
  static ProtocolReply paused(String file, ExchangeStore.Job job) {
    String reason = job.pausedReason() != null ? job.pausedReason() : "цель импорта недоступна";
    String next;
    if (job.nextAttemptAt() == null) {
      next = "Следующая попытка скоро.";
    } else {
      long seconds = Math.max(0, Duration.between(OffsetDateTime.now(), job.nextAttemptAt()).toSeconds());
      next = "Следующая попытка в " + WHEN.format(job.nextAttemptAt().atZoneSameInstant(ZoneId.systemDefault()))
          + " (через " + seconds + " с), попытка " + (job.attempts() + 1) + " из "
          + ImportJobRunner.MAX_PAUSED_ATTEMPTS + ".";
    }
    return ProtocolReply.progress(String.format(Locale.ROOT, "Импорт %s приостановлен на %s%%: %s.", file,
            percent(job.progress()), reason),
        next + " Файл сохранён, импорт продолжится сам; оператор моста может повторить его сразу или отменить.");
  }

  /** An import an operator cancelled: {@code failure}, so 1C's operator sees that this file was not loaded. */
  static ProtocolReply cancelled(String file, ExchangeStore.Job job) {
    String why = job.message() != null ? job.message() : JobControl.CANCELLED_BY_OPERATOR;
    return ProtocolReply.failure("Импорт " + file + " отменён оператором моста, файл не загружен в магазин ("
        + why + "). Чтобы загрузить его, выполните обмен заново.");
  }

  /**
   * A job whose change plan waits for an operator's approval: {@code failure}, not {@code progress}. 1C repeats
   * {@code mode=import} for as long as it is answered progress (commerceml-protocol.md §3.4) and an approval may take
   * hours: a scheduled exchange would hang in that loop, holding 1C's session. failure ends the loop for this file
   * with the message in 1C's exchange log (a failing file does not stop 1C from sending the next, which then waits
   * behind this one, {@link #behindHeld}); after approval the bridge applies the stored file by itself.
   */
  static ProtocolReply held(String file, ExchangeStore.Job job) {
    String why = job.message() != null ? job.message() : "Обмен ожидает подтверждения в консоли моста";
    return ProtocolReply.failure(why + ".");
  }

  /** A file queued behind a held one of its run: {@code failure} for the same reason as {@link #held}. */
  static ProtocolReply behindHeld(String file, ExchangeStore.Job held) {
    return ProtocolReply.failure("Файл " + file + " сохранён и будет импортирован после подтверждения плана"
        + " изменений " + held.filename() + " в консоли моста (обмен " + held.runId() + "); повторять обмен не нужно");
  }

  /** The percentage as 1C and the API show it: the stored number, whole when it is whole. */
  static String percent(double progress) {
    return progress == Math.rint(progress) ? Long.toString((long) progress)
        : String.format(Locale.ROOT, "%.2f", progress);
  }

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
