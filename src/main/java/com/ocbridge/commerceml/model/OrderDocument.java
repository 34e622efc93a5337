package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <Документ>}: an order, both as the site sends it to 1C ({@code OrdersWriter}, mode=query) and as 1C
 * sends it back (mode=file). Status information travels as requisites; the typed accessors
 * ({@link #paid()}, {@link #posted()}, ...) read them, knowing both the site's and 1C's names.
 *
 * <p>Strings are trimmed and blank strings become null (in the constructor), so a document written by
 * {@code OrdersWriter} and read back is {@code equals} to the original.
 *
 * @param id           the site's order Ид (1C echoes it back)
 * @param number       {@code Номер} (the site's order number)
 * @param number1C     {@code Номер1С} (1C→site, 2.09)
 * @param date1C       {@code Дата1С} (1C→site, 2.09)
 * @param operation    {@code ХозОперация}, "Заказ товара" for orders
 * @param rate         {@code Курс}
 * @param deletionMark the {@code ПометкаУдаления} element (1C→site); null when absent
 * @param version      {@code НомерВерсии} (1C→site)
 * @param requisites   document {@code ЗначенияРеквизитов}, name → value in document order
 * @param base         {@code Основание} (1C→site): on a payment or shipment document, the order it belongs to
 * @param discounts    document {@code Скидки} (site→1C: the coupons, vouchers and reward points of the order)
 */
public record OrderDocument(String id, String number, LocalDate date, LocalTime time, String number1C,
              LocalDate date1C, String operation, String role, String currency, BigDecimal rate,
              BigDecimal sum, String comment, Boolean deletionMark, String version,
              List<Counterparty> counterparties, List<OrderLine> lines,
              Map<String, String> requisites, String base, List<Discount> discounts) implements CmlRecord {

  public static final String OPERATION_ORDER = "Заказ товара";

  public OrderDocument {
    id = Values.clean(id);
    number = Values.clean(number);
    number1C = Values.clean(number1C);
    operation = Values.clean(operation);
    role = Values.clean(role);
    currency = Values.clean(currency);
    comment = Values.clean(comment);
    version = Values.clean(version);
    base = Values.clean(base);
    counterparties = counterparties == null ? List.of() : List.copyOf(counterparties);
    lines = lines == null ? List.of() : List.copyOf(lines);
    requisites = Values.requisitesCopy(requisites);
    discounts = discounts == null ? List.of() : List.copyOf(discounts);
  }

  /** A document without document-level discounts (what the reader reports). */
  public OrderDocument(String id, String number, LocalDate date, LocalTime time, String number1C, LocalDate date1C,
      String operation, String role, String currency, BigDecimal rate, BigDecimal sum, String comment,
      Boolean deletionMark, String version, List<Counterparty> counterparties, List<OrderLine> lines,
      Map<String, String> requisites, String base) {
    this(id, number, date, time, number1C, date1C, operation, role, currency, rate, sum, comment, deletionMark,
        version, counterparties, lines, requisites, base, List.of());
  }

  /** A requisite by name, or null. */
  public String requisite(String name) {
    return requisites.get(name);
  }

  /** "Проведен" (1C: the order document is posted). */
  public Boolean posted() {
    return Values.bool(requisites.get(Requisites.POSTED));
  }

  /** The {@code ПометкаУдаления} element or requisite. */
  public boolean deleted() {
    return Boolean.TRUE.equals(deletionMark)
        || Boolean.TRUE.equals(Values.bool(requisites.get(Requisites.DELETION_MARK)));
  }

  /** "Заказ оплачен" (site) or "Оплачен" (1C). */
  public Boolean paid() {
    Boolean v = Values.bool(requisites.get(Requisites.ORDER_PAID));
    return v != null ? v : Values.bool(requisites.get(Requisites.PAID));
  }

  /** "Отгружен" (1C). */
  public Boolean shipped() {
    return Values.bool(requisites.get(Requisites.SHIPPED));
  }

  /** "Доставка разрешена". */
  public Boolean deliveryAllowed() {
    return Values.bool(requisites.get(Requisites.DELIVERY_ALLOWED));
  }

  /** "Отменен". */
  public Boolean cancelled() {
    return Values.bool(requisites.get(Requisites.CANCELLED));
  }

  /** "Финальный статус". */
  public Boolean finalStatus() {
    return Values.bool(requisites.get(Requisites.FINAL_STATUS));
  }

  /** "Статус заказа", e.g. "[N] Принят" (site) or "Отправлен" (1C). */
  public String statusName() {
    return requisites.get(Requisites.ORDER_STATUS);
  }

  /** "Статуса заказа ИД", e.g. "N". */
  public String statusId() {
    return requisites.get(Requisites.ORDER_STATUS_ID);
  }

  /** "Метод оплаты". */
  public String paymentMethod() {
    return requisites.get(Requisites.PAYMENT_METHOD);
  }

  /** The 1C number: the {@code Номер1С} element (2.09) or the "Номер по 1С" requisite (УНФ-style). */
  public String oneCNumber() {
    return number1C != null ? number1C : requisites.get(Requisites.NUMBER_1C);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.ORDER;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the site's view of an order; the status setters write the requisites 1C reads (§8.5). */
  public static final class Builder {
    private String id;
    private String number;
    private LocalDate date;
    private LocalTime time;
    private String number1C;
    private LocalDate date1C;
    private String operation = OPERATION_ORDER;
    private String role = "Продавец";
    private String currency;
    private BigDecimal rate = BigDecimal.ONE;
    private BigDecimal sum;
    private String comment;
    private Boolean deletionMark;
    private String version;
    private String base;
    private final List<Counterparty> counterparties = new ArrayList<>();
    private final List<OrderLine> lines = new ArrayList<>();
    private final Map<String, String> requisites = new LinkedHashMap<>();
    private final List<Discount> discounts = new ArrayList<>();

    public Builder id(String v) { id = v; return this; }
    public Builder number(String v) { number = v; return this; }
    public Builder date(LocalDate v) { date = v; return this; }
    public Builder time(LocalTime v) { time = v; return this; }
    public Builder number1C(String v) { number1C = v; return this; }
    public Builder date1C(LocalDate v) { date1C = v; return this; }
    public Builder operation(String v) { operation = v; return this; }
    public Builder role(String v) { role = v; return this; }
    public Builder currency(String v) { currency = v; return this; }
    public Builder rate(BigDecimal v) { rate = v; return this; }
    /** The document total; when never set, {@link #build()} sums the lines. */
    public Builder sum(BigDecimal v) { sum = v; return this; }
    public Builder comment(String v) { comment = v; return this; }
    public Builder deletionMark(Boolean v) { deletionMark = v; return this; }
    public Builder version(String v) { version = v; return this; }
    public Builder base(String v) { base = v; return this; }
    public Builder counterparty(Counterparty v) { counterparties.add(v); return this; }
    public Builder line(OrderLine v) { lines.add(v); return this; }
    public Builder requisite(String name, String value) { requisites.put(name, value); return this; }
    /** A document-level discount; one included in the sum also comes off the total {@link #build()} computes. */
    public Builder discount(Discount v) { discounts.add(v); return this; }
    public Builder paymentMethod(String v) { return requisite(Requisites.PAYMENT_METHOD, v); }
    public Builder paid(boolean v) { return requisite(Requisites.ORDER_PAID, Boolean.toString(v)); }
    public Builder deliveryAllowed(boolean v) { return requisite(Requisites.DELIVERY_ALLOWED, Boolean.toString(v)); }
    public Builder cancelled(boolean v) { return requisite(Requisites.CANCELLED, Boolean.toString(v)); }
    public Builder finalStatus(boolean v) { return requisite(Requisites.FINAL_STATUS, Boolean.toString(v)); }
    public Builder status(String v) { return requisite(Requisites.ORDER_STATUS, v); }
    /** "Дата изменения статуса" in the "yyyy-MM-dd HH:mm:ss" form Bitrix writes. */
    public Builder statusChangedAt(LocalDateTime v) {
      return requisite(Requisites.STATUS_CHANGED_AT, Values.formatDateTimeSpace(v));
    }

    public OrderDocument build() {
      BigDecimal total = sum;
      if (total == null && !lines.isEmpty()) {
        total = BigDecimal.ZERO;
        for (OrderLine l : lines) {
          if (l.sum() != null) {
            total = total.add(l.sum());
          }
        }
        for (Discount d : discounts) {
          if (d.sum() != null && Boolean.TRUE.equals(d.includedInSum())) {
            total = total.subtract(d.sum());
          }
        }
      }
      return new OrderDocument(id, number, date, time, number1C, date1C, operation, role, currency, rate,
          total, comment, deletionMark, version, counterparties, lines, requisites, base, discounts);
    }
  }
}
