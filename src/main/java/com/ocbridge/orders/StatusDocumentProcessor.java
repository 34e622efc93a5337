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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code sale} import: the documents 1C uploaded ({@code type=sale&mode=file}) read with the streaming reader;
 * every document becomes at most one history entry for the shop.
 *
 * <p>An order document ({@code ХозОперация} "Заказ товара", or none) is found by {@code Ид} (what
 * {@code mode=query} wrote), else by {@code Номер} (1C configurations that put their own GUID into {@code Ид}),
 * either with or without {@code orders.numberPrefix}. A payment or shipment document is found by its
 * {@code Основание}. What the document says becomes {@link OrderFact}s: the status by {@link StatusMapper} (unless
 * the order already has it), the payment and shipment its requisites report ({@link PaymentsAndShipments}), and what
 * 1C changed in the lines and total ({@link OrderChanges}). Facts the shop was already told are dropped
 * ({@link StatusChanges#record}); the new ones of one document become one entry: one history line per fact, and the
 * status of the strongest (the statusMap's, else {@code orders.shippedStatusId}, else {@code orders.paidStatusId};
 * a payment never moves a shipped order back), or no status change at all (a note) when none applies.
 *
 * <p>Unknown orders and order documents that neither map to a status nor report anything are per-item errors of
 * the job; they never fail the file. Other documents, and payments or shipments 1C cancelled, are skipped.
 */
final class StatusDocumentProcessor implements ImportProcessor {
  private static final List<String> COUNTS = List.of("documents", "queued", "repeated", "unchanged", "unmapped",
      "unknown", "skipped", "payments", "shipments", "contentChanges");

  private final Vertx vertx;
  private final CommerceMlReader reader = new CommerceMlReader();
  private final OrderStore store;
  private final StatusMapper mapper;
  private final StatusChanges changes;
  private final DocumentRules rules;
  private final PaymentsAndShipments payments;

  StatusDocumentProcessor(Vertx vertx, OrderStore store, StatusMapper mapper, StatusChanges changes,
      DocumentRules rules) {
    this.vertx = vertx;
    this.store = store;
    this.mapper = mapper;
    this.changes = changes;
    this.rules = rules;
    this.payments = new PaymentsAndShipments(rules);
  }

  /** Counts and per-item errors of one file. */
  private static final class Tally {
    final Map<String, Long> counts = new LinkedHashMap<>();
    final List<JsonObject> errors = new ArrayList<>();

    Tally() {
      COUNTS.forEach(k -> counts.put(k, 0L));
    }

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
    return reader.read(vertx, task.file(), record -> record instanceof OrderDocument d
            ? apply(d, tally, task) : Future.succeededFuture())
        .map(summary -> {
          task.progress().accept(100);
          String text = String.format("Документов: %d; изменений статуса в очереди: %d; повторных: %d; без изменений: %d;"
                  + " без сопоставления статуса: %d; неизвестных заказов: %d; оплат: %d; отгрузок: %d;"
                  + " изменённых заказов: %d; пропущено: %d", tally.get("documents"), tally.get("queued"),
              tally.get("repeated"), tally.get("unchanged"), tally.get("unmapped"), tally.get("unknown"),
              tally.get("payments"), tally.get("shipments"), tally.get("contentChanges"), tally.get("skipped"));
          task.log().info("sale.import.applied", "file={} counts={}", task.filename(), new JsonObject(
              new LinkedHashMap<>(tally.counts)).encode());
          return new ImportOutcome(text, tally.counts, tally.errors);
        });
  }

  private Future<Void> apply(OrderDocument d, Tally tally, ImportTask task) {
    tally.count("documents");
    OneCDocumentKind kind = OneCDocumentKind.of(d.operation());
    return switch (kind) {
      case ORDER -> applyOrder(d, tally, task);
      case PAYMENT, SHIPMENT -> applyPaymentOrShipment(d, kind, tally, task);
      case OTHER -> {
        tally.count("skipped");
        yield Future.succeededFuture();
      }
    };
  }

  private Future<Void> applyOrder(OrderDocument d, Tally tally, ImportTask task) {
    return findOrder(d).compose(found -> {
      if (found.isEmpty()) {
        unknown(tally, d, "такого заказа нет в магазине (по последнему опросу): ни Ид, ни Номер не совпадают с номером"
            + " заказа сайта; документ пропущен");
        return Future.succeededFuture();
      }
      OrderStore.Stored order = found.get();
      long orderId = order.order().orderId();
      int current = order.order().orderStatusId();
      Optional<StatusMapper.Target> target = mapper.map(d);
      boolean statusUnchanged = target.isPresent() && target.get().statusId() == current;
      List<OrderFact> facts = new ArrayList<>();
      target.filter(t -> t.statusId() != current).ifPresent(t -> facts.add(new OrderFact(OrderFact.Kind.STATUS,
          "order.status:" + orderId + ":" + t.statusId() + ":doc:" + fingerprint(d), t.statusId(), comment(d, t))));
      payments.paymentOfOrder(orderId, d).ifPresent(facts::add);
      payments.shipmentOfOrder(orderId, d).ifPresent(facts::add);
      OrderChanges.of(order, d).ifPresent(facts::add);
      if (facts.isEmpty()) {
        if (statusUnchanged) {
          tally.count("unchanged");
        } else {
          tally.count("unmapped");
          tally.errors.add(new JsonObject().put("what", "status").put("id", Long.toString(orderId))
              .put("reason", "статус документа не сопоставлен: ни один ключ orders.statusMap не подходит; документ предлагает "
              + StatusMapper.candidates(d) + "; добавьте нужный ключ в orders.statusMap"));
        }
        return Future.succeededFuture();
      }
      return submit(order, facts, statusUnchanged, tally, task);
    });
  }

  private Future<Void> applyPaymentOrShipment(OrderDocument d, OneCDocumentKind kind, Tally tally, ImportTask task) {
    Long orderId = rules.numbers().orderId(d.base());
    if (orderId == null) {
      unknown(tally, d, "документ (" + kind.name().toLowerCase(Locale.ROOT)
          + ") без Основания, указывающего на заказ сайта; документ пропущен");
      return Future.succeededFuture();
    }
    String notApplicable = PaymentsAndShipments.notApplicable(d, kind);
    if (notApplicable != null) {
      tally.count("skipped");
      task.log().info("sale.document.skipped", "kind={} id={} order={} reason=\"{}\"", kind, d.id(), orderId,
          notApplicable);
      return Future.succeededFuture();
    }
    return store.find(orderId).compose(found -> {
      if (found.isEmpty()) {
        unknown(tally, d, "Основание " + d.base() + " не является заказом магазина (по последнему опросу); документ пропущен");
        return Future.succeededFuture();
      }
      return submit(found.get(), List.of(payments.ofDocument(orderId, d, kind)), false, tally, task);
    });
  }

  /** Records the facts; the new ones become one entry. */
  private Future<Void> submit(OrderStore.Stored order, List<OrderFact> facts, boolean statusUnchanged, Tally tally,
      ImportTask task) {
    long orderId = order.order().orderId();
    return changes.record(orderId, facts, fresh -> change(order, fresh)).map(recorded -> {
      if (recorded.queued().isEmpty()) {
        tally.count(statusUnchanged ? "unchanged" : "repeated");
        return null;
      }
      StatusChanges.Queued queued = recorded.queued().get();
      tally.count(queued.duplicate() ? "repeated" : "queued");
      for (OrderFact f : recorded.fresh()) {
        switch (f.kind()) {
          case PAYMENT -> tally.count("payments");
          case SHIPMENT -> tally.count("shipments");
          case CONTENT -> tally.count("contentChanges");
          default -> { }
        }
      }
      task.log().info("sale.history.queued", "order={} facts={} queueId={}", orderId,
          recorded.fresh().stream().map(f -> f.kind().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")),
          queued.queueId());
      return null;
    });
  }

  /** One entry for the new facts of one document: a line each, the strongest status (see the class comment). */
  private StatusChange change(OrderStore.Stored order, List<OrderFact> fresh) {
    long orderId = order.order().orderId();
    int current = order.order().orderStatusId();
    int status = 0;
    for (OrderFact.Kind kind : List.of(OrderFact.Kind.STATUS, OrderFact.Kind.SHIPMENT, OrderFact.Kind.PAYMENT)) {
      Optional<OrderFact> f = fresh.stream().filter(x -> x.kind() == kind && x.statusId() != 0).findFirst();
      if (f.isEmpty()) continue;
      boolean backwards = kind == OrderFact.Kind.PAYMENT && rules.shippedStatusId() != 0
          && current == rules.shippedStatusId();
      if (!backwards) status = f.get().statusId();
      break;
    }
    // the status it already has (as of the last poll) is no change: a note reads the live one and keeps it
    if (status == current) status = 0;
    String comment = fresh.stream().map(OrderFact::note).collect(Collectors.joining("\n"));
    String key = fresh.size() == 1 ? fresh.get(0).key() : "order.1c:" + orderId + ":" + OrderJson.sha256(
        fresh.stream().map(OrderFact::key).sorted().collect(Collectors.joining("\n"))).substring(0, 32);
    return new StatusChange(orderId, status, comment, false, "1c-document", key);
  }

  private static void unknown(Tally tally, OrderDocument d, String reason) {
    tally.count("unknown");
    tally.errors.add(new JsonObject().put("what", "order").put("id", d.id()).put("number", d.number())
        .put("reason", reason));
  }

  private Future<Optional<OrderStore.Stored>> findOrder(OrderDocument d) {
    Long byId = rules.numbers().orderId(d.id());
    Long byNumber = rules.numbers().orderId(d.number());
    Future<Optional<OrderStore.Stored>> first = byId == null ? Future.succeededFuture(Optional.empty()) : store.find(byId);
    return first.compose(found -> found.isPresent() || byNumber == null || byNumber.equals(byId)
        ? Future.succeededFuture(found) : store.find(byNumber));
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
