package com.ocbridge.orders;

import com.ocbridge.commerceml.CommerceMlReader;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.exchange.ImportProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code sale} import: an orders document 1C uploaded ({@code type=sale&mode=file}) read with the streaming
 * reader; every order document becomes at most one queued status change for the shop.
 *
 * <p>Per document: find our order by {@code Ид} (what {@code mode=query} wrote), else by {@code Номер} (1C
 * configurations that put their own GUID into {@code Ид}); map with {@link StatusMapper}; skip when the order
 * already has that status; queue with a unique key of order + status + a hash of the document's fields (version,
 * deletion mark, sum, requisites), so uploading the same document again queues nothing. Unknown orders and
 * statuses without a mapping are per-item errors of the job; they never fail the file. Documents that are not
 * orders (payments, shipments: other {@code ХозОперация}) are counted and skipped.
 */
final class StatusDocumentProcessor implements ImportProcessor {
  private final Vertx vertx;
  private final CommerceMlReader reader = new CommerceMlReader();
  private final OrderStore store;
  private final StatusMapper mapper;
  private final StatusChanges changes;

  StatusDocumentProcessor(Vertx vertx, OrderStore store, StatusMapper mapper, StatusChanges changes) {
    this.vertx = vertx;
    this.store = store;
    this.mapper = mapper;
    this.changes = changes;
  }

  /** Counts and per-item errors of one file. */
  private static final class Tally {
    final Map<String, Long> counts = new LinkedHashMap<>();
    final List<JsonObject> errors = new ArrayList<>();

    void count(String key) {
      counts.merge(key, 1L, Long::sum);
    }

    long get(String key) {
      return counts.getOrDefault(key, 0L);
    }
  }

  @Override
  public Future<ImportOutcome> process(ImportTask task) {
    Tally tally = new Tally();
    for (String key : List.of("documents", "queued", "repeated", "unchanged", "unmapped", "unknown", "skipped")) {
      tally.counts.put(key, 0L);
    }
    return reader.read(vertx, task.file(), record -> record instanceof OrderDocument d
            ? apply(d, tally, task) : Future.succeededFuture())
        .map(summary -> {
          task.progress().accept(100);
          String text = String.format("Документов: %d; изменений статуса в очереди: %d; повторных: %d; без изменений: %d;"
                  + " без сопоставления статуса: %d; неизвестных заказов: %d", tally.get("documents"),
              tally.get("queued"), tally.get("repeated"), tally.get("unchanged"), tally.get("unmapped"),
              tally.get("unknown"));
          task.log().info("sale.import.applied", "file={} counts={}", task.filename(), new JsonObject(
              new LinkedHashMap<>(tally.counts)).encode());
          return new ImportOutcome(text, tally.counts, tally.errors);
        });
  }

  private Future<Void> apply(OrderDocument d, Tally tally, ImportTask task) {
    tally.count("documents");
    if (d.operation() != null && !OrderDocument.OPERATION_ORDER.equalsIgnoreCase(d.operation())) {
      tally.count("skipped");
      return Future.succeededFuture();
    }
    return findOrder(d).compose(found -> {
      if (found.isEmpty()) {
        tally.count("unknown");
        tally.errors.add(new JsonObject().put("what", "order").put("id", d.id()).put("number", d.number())
            .put("reason", "no such order in the shop (as of the last poll): neither Ид nor Номер is a known order id"));
        return Future.succeededFuture();
      }
      OrderStore.Stored order = found.get();
      long orderId = order.order().orderId();
      Optional<StatusMapper.Target> target = mapper.map(d);
      if (target.isEmpty()) {
        tally.count("unmapped");
        tally.errors.add(new JsonObject().put("what", "status").put("id", Long.toString(orderId))
            .put("reason", "no orders.statusMap key matches this document; it offers " + StatusMapper.candidates(d)));
        return Future.succeededFuture();
      }
      StatusMapper.Target t = target.get();
      if (t.statusId() == order.order().orderStatusId()) {
        tally.count("unchanged");
        return Future.succeededFuture();
      }
      StatusChange change = new StatusChange(orderId, t.statusId(), comment(d, t), false, "1c-document",
          "order.status:" + orderId + ":" + t.statusId() + ":doc:" + fingerprint(d));
      return changes.enqueue(change).map(queued -> {
        tally.count(queued.duplicate() ? "repeated" : "queued");
        if (!queued.duplicate()) {
          task.log().info("sale.status.queued", "order={} status={} key=\"{}\" queueId={}", orderId, t.statusId(),
              t.key(), queued.queueId());
        }
        return null;
      });
    });
  }

  private Future<Optional<OrderStore.Stored>> findOrder(OrderDocument d) {
    Long byId = orderId(d.id());
    Long byNumber = orderId(d.number());
    Future<Optional<OrderStore.Stored>> first = byId == null ? Future.succeededFuture(Optional.empty()) : store.find(byId);
    return first.compose(found -> found.isPresent() || byNumber == null || byNumber.equals(byId)
        ? Future.succeededFuture(found) : store.find(byNumber));
  }

  private static Long orderId(String text) {
    if (text == null) return null;
    String s = text.trim();
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) return null;
    return Long.parseLong(s);
  }

  private static String comment(OrderDocument d, StatusMapper.Target t) {
    String number = d.oneCNumber();
    return "1С: " + t.key() + (number == null ? "" : " (документ " + number + ")");
  }

  /** What makes this document this document, for the "same document twice" check. */
  static String fingerprint(OrderDocument d) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.id()).append('|').append(d.number()).append('|').append(d.version()).append('|')
        .append(d.deleted()).append('|').append(d.sum() == null ? "" : d.sum().stripTrailingZeros().toPlainString());
    new TreeMap<>(d.requisites()).forEach((k, v) -> sb.append('|').append(k).append('=').append(v));
    return OrderJson.sha256(sb.toString()).substring(0, 32);
  }
}
