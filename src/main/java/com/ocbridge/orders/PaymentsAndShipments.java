package com.ocbridge.orders;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.Requisites;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Payments and shipments 1C reports, as {@link OrderFact}s: either as requisites of the order document ("Номер/Дата
 * оплаты по 1С", "Оплачен", "Номер/Дата отгрузки по 1С", "Отгружен": samples S#28, S#29), or as documents of their
 * own ({@link OneCDocumentKind#PAYMENT}, {@link OneCDocumentKind#SHIPMENT}) whose {@code Основание} is the order.
 *
 * <p>A fact is keyed by 1C's number of the payment or shipment (else its date, else its {@code Ид}), so the same
 * payment told both ways, or again in a later upload, is one fact. A document that is marked for deletion,
 * cancelled ({@code Отменен}), not posted ({@code Проведен}=false), explicitly unpaid/unshipped or a refund
 * ({@code Признак возврата}) is no payment or shipment.
 */
final class PaymentsAndShipments {
  static final String PAYMENT_DOC_NUMBER = "Номер платежного документа";
  static final String PAYMENT_DATE = "Дата оплаты";
  static final String PAID_FLAG = "Оплачено";
  static final String REFUND = "Признак возврата";
  static final String SHIPMENT_DATE = "Дата отгрузки";
  static final String SHIPPED_FLAG = "Отгружено";
  static final List<String> TRACKING = List.of("Идентификатор отправления", "Трек-номер", "Номер отправления");

  private final DocumentRules rules;

  PaymentsAndShipments(DocumentRules rules) {
    this.rules = rules;
  }

  /** The payment an order document's requisites report. */
  Optional<OrderFact> paymentOfOrder(long orderId, OrderDocument d) {
    return ofOrder(OrderFact.Kind.PAYMENT, orderId, d, d.requisite(Requisites.PAYMENT_NUMBER_1C),
        d.requisite(Requisites.PAYMENT_DATE_1C), d.paid());
  }

  /** The shipment an order document's requisites report. */
  Optional<OrderFact> shipmentOfOrder(long orderId, OrderDocument d) {
    return ofOrder(OrderFact.Kind.SHIPMENT, orderId, d, d.requisite(Requisites.SHIPMENT_NUMBER_1C),
        d.requisite(Requisites.SHIPMENT_DATE_1C), d.shipped());
  }

  /** A fact when the flag says so, or a number or a real date is given, and the flag does not deny it. */
  private Optional<OrderFact> ofOrder(OrderFact.Kind kind, long orderId, OrderDocument d, String number, String date,
      Boolean flag) {
    if (d.deleted() || Boolean.FALSE.equals(flag) || !(Boolean.TRUE.equals(flag) || present(number) || NoteText.realDate(date))) {
      return Optional.empty();
    }
    return Optional.of(fact(kind, orderId, number, date, null, null, null, null));
  }

  /** Why a payment or shipment document does not count, or null when it does. */
  static String notApplicable(OrderDocument d, OneCDocumentKind kind) {
    if (d.deleted()) return "marked for deletion in 1C";
    if (Boolean.TRUE.equals(d.cancelled())) return "cancelled in 1C";
    if (Boolean.FALSE.equals(d.posted())) return "not posted in 1C";
    if (kind == OneCDocumentKind.PAYMENT) {
      if (Boolean.FALSE.equals(d.paid()) || Boolean.FALSE.equals(flag(d.requisite(PAID_FLAG)))) return "not paid";
      if (Boolean.TRUE.equals(flag(d.requisite(REFUND)))) return "a refund";
    } else if (Boolean.FALSE.equals(d.shipped()) || Boolean.FALSE.equals(flag(d.requisite(SHIPPED_FLAG)))) {
      return "not shipped";
    }
    return null;
  }

  /** A payment or shipment document (check {@link #notApplicable} first). */
  OrderFact ofDocument(long orderId, OrderDocument d, OneCDocumentKind kind) {
    boolean payment = kind == OneCDocumentKind.PAYMENT;
    String number = first(d.requisite(payment ? Requisites.PAYMENT_NUMBER_1C : Requisites.SHIPMENT_NUMBER_1C),
        payment ? d.requisite(PAYMENT_DOC_NUMBER) : null, d.oneCNumber(), d.number());
    String date = first(d.requisite(payment ? Requisites.PAYMENT_DATE_1C : Requisites.SHIPMENT_DATE_1C),
        d.requisite(payment ? PAYMENT_DATE : SHIPMENT_DATE), iso(d.date1C()), iso(d.date()));
    String tracking = payment ? null : TRACKING.stream().map(d::requisite).filter(PaymentsAndShipments::present)
        .findFirst().orElse(null);
    return fact(payment ? OrderFact.Kind.PAYMENT : OrderFact.Kind.SHIPMENT, orderId, number, date, d.id(), d.sum(),
        d.currency(), tracking);
  }

  private OrderFact fact(OrderFact.Kind kind, long orderId, String number, String date, String id, BigDecimal sum,
      String currency, String tracking) {
    boolean payment = kind == OrderFact.Kind.PAYMENT;
    String what = (payment ? "order.paid:" : "order.shipped:") + orderId + ":";
    String key = present(number) ? what + "n:" + number.trim()
        : NoteText.realDate(date) ? what + "d:" + NoteText.date(date)
        : present(id) ? what + "id:" + id.trim() : what + "flag";
    StringBuilder note = new StringBuilder("1С: ");
    if (!present(number) && !NoteText.realDate(date) && sum == null) {
      note.append(payment ? "заказ оплачен" : "заказ отгружен");
    } else {
      note.append(payment ? "оплата" : "отгрузка");
      if (present(number)) note.append(" № ").append(number.trim());
      if (NoteText.realDate(date)) note.append(" от ").append(NoteText.date(date));
      if (sum != null) note.append(" на сумму ").append(NoteText.money(sum, currency));
    }
    if (present(tracking)) note.append(", трек-номер ").append(tracking.trim());
    return new OrderFact(kind, key, payment ? rules.paidStatusId() : rules.shippedStatusId(), note.toString());
  }

  private static String iso(java.time.LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static String first(String... values) {
    for (String v : values) if (present(v)) return v;
    return null;
  }

  /** 1C's booleans as the reader knows them ("true", "да", "1", ...); null when absent or something else. */
  private static Boolean flag(String value) {
    if (value == null) return null;
    String t = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (List.of("true", "1", "да", "истина").contains(t)) return Boolean.TRUE;
    if (List.of("false", "0", "нет", "ложь").contains(t)) return Boolean.FALSE;
    return null;
  }

  static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
