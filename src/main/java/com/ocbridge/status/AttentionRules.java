package com.ocbridge.status;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.outbox.OutboxStats;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What needs a person, most severe first. No contact from 1C for a long time is not listed: 1C may just be idle.
 * Pure: everything comes in as figures, so the rules are tested without a service.
 */
final class AttentionRules {
  /** An outbox entry waiting longer than this is worth a look even if it has not failed for good. */
  static final Duration OUTBOX_BACKLOG = Duration.ofMinutes(15);

  private AttentionRules() {}

  record Inputs(ShopReachability.State shop, List<BreakerBoard.Breaker> breakers, OutboxStats outbox,
      ExchangeStore.ImportSummary imports, OrderPollTracker.Poll poll) {}

  static List<Attention> of(Inputs in) {
    List<Attention> list = new ArrayList<>();
    if (in.shop().unreachable()) {
      list.add(new Attention("shop_unreachable", Attention.Severity.CRITICAL, in.shop().since(),
          "Магазин недоступен. " + in.shop().reason() + " Мост сам проверяет связь каждые несколько секунд:"
              + " импорт ждёт, остатки и статусы заказов копятся в очереди и уйдут, когда магазин ответит."
              + " Проверьте, что сайт работает, расширение OCBridge включено и адрес opencart.baseUrl верен.",
          new JsonObject().put("reason", in.shop().reason())));
    }
    for (BreakerBoard.Breaker b : in.breakers()) {
      if (!b.open()) continue;
      boolean oneC = b.name().startsWith("onec");
      list.add(new Attention("breaker_open", Attention.Severity.WARNING, b.since(),
          "Предохранитель " + b.name() + " разомкнут после повторных ошибок: запросы этого вида к "
              + (oneC ? "1С" : "магазину") + " пока не отправляются. Мост сам пробует снова и замкнёт его, когда "
              + (oneC ? "1С" : "магазин") + " ответит; если это длится долго, проверьте "
              + (oneC ? "HTTP-сервис 1С и настройки onec.push." : "магазин."),
          new JsonObject().put("breaker", b.name())));
    }
    if (in.outbox() != null && in.outbox().failed() > 0) {
      list.add(new Attention("outbox_failed", Attention.Severity.CRITICAL, null,
          "Не доставлено после всех попыток: " + in.outbox().failed() + " (очередь доставки). Мост их больше не"
              + " повторяет. Посмотрите причину (GET /api/v1/outbox?status=failed) и после исправления повторите"
              + " доставку (POST /api/v1/outbox/{id}/retry).",
          new JsonObject().put("count", in.outbox().failed())));
    }
    if (in.outbox() != null && in.outbox().oldestPendingSeconds() > OUTBOX_BACKLOG.toSeconds()) {
      long minutes = (long) (in.outbox().oldestPendingSeconds() / 60);
      list.add(new Attention("outbox_backlog", Attention.Severity.WARNING, null,
          "Самая старая запись очереди доставки ждёт " + minutes + " мин. Мост продолжает попытки; обычно причина —"
              + " недоступный магазин или 1С.",
          new JsonObject().put("oldestPendingSeconds", (long) in.outbox().oldestPendingSeconds())
              .put("pending", in.outbox().pending())));
    }
    if (in.imports() != null && in.imports().paused() > 0) {
      list.add(new Attention("import_paused", Attention.Severity.WARNING, null,
          "Импорт приостановлен, файлов: " + in.imports().paused() + ". Магазин был недоступен; мост повторит импорт"
              + " сам и продолжит с места остановки (после примерно двух часов неудач задание завершится ошибкой)."
              + " Проверьте магазин.",
          new JsonObject().put("count", in.imports().paused())));
    }
    if (in.imports() != null && in.imports().held() > 0) {
      list.add(new Attention("plan_held", Attention.Severity.WARNING, null,
          "Импорт ждёт подтверждения, файлов: " + in.imports().held() + ". План изменений нарушает правило"
              + " catalog.approval.* или catalog.maxDisableShare; в магазин ничего не записано. Откройте обмен в"
              + " консоли, проверьте план и подтвердите или отклоните его.",
          new JsonObject().put("count", in.imports().held())));
    }
    if (in.imports() != null && in.imports().failed24h() > 0) {
      list.add(new Attention("import_failed", Attention.Severity.WARNING, null,
          "За последние 24 часа заданий импорта завершилось ошибкой: " + in.imports().failed24h() + ". Мост их не"
              + " повторяет. Посмотрите причину в списке обменов (GET /api/v1/exchanges) и повторите обмен из 1С.",
          new JsonObject().put("count", in.imports().failed24h())));
    }
    OrderPollTracker.Poll poll = in.poll();
    if (poll != null && !poll.ok()) {
      list.add(new Attention("order_poll_failing", Attention.Severity.WARNING, poll.failingSince(),
          "Новые заказы не читаются из магазина. " + poll.error() + " Мост повторяет опрос сам; заказы не"
              + " теряются и будут прочитаны, когда опрос пройдёт.",
          new JsonObject().put("reason", poll.error())));
    }
    list.sort(Comparator.comparing(Attention::severity)); // stable: within a severity, the order above
    return list;
  }
}
