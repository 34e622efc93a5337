package com.ocbridge.orders;

import com.ocbridge.onec.OneCOrder;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderAddress;
import com.ocbridge.opencart.model.OrderLine;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An OpenCart order as 1C's orders HTTP service takes it (onec-http-services.md §2.2, schema 1), with the same
 * buyer ({@link OrderBuyers}), amounts ({@link OrderMoney}) and number as the query document: money in the order's
 * currency, unit prices including tax; with {@code orders.discounts = line} every item carries its share of the
 * discounts ({@code amount} = quantity × unitPrice − discount), otherwise the items are at full price and the
 * discounts are in {@code totals.discount} only. Always: totals.items − totals.discount + totals.delivery =
 * totals.total, what was paid.
 */
final class OneCOrders {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private OneCOrders() {}

  static OneCOrder from(Order o) {
    return from(o, OrderSettings.DEFAULTS);
  }

  static OneCOrder from(Order o, OrderSettings settings) {
    String storeId = Integer.toString(o.storeId() == null ? 0 : o.storeId());
    String id = Long.toString(o.orderId());
    OrderMoney.Amounts money = OrderMoney.of(o, settings.discounts());
    List<OneCOrder.Item> items = new ArrayList<>();
    if (o.products() != null) {
      for (int i = 0; i < o.products().size(); i++) {
        OrderLine l = o.products().get(i);
        OrderMoney.Line m = money.goods().get(i);
        items.add(new OneCOrder.Item(i + 1, OrderDocuments.sku(l), blankToNull(l.externalId()),
            OrderDocuments.characteristicId(l), OrderDocuments.lineName(l), m.quantity().toPlainString(),
            m.unitPrice().toPlainString(), m.discount().setScale(2).toPlainString(), m.sum().toPlainString(),
            m.taxRate(), characteristics(l)));
      }
    }
    OrderMoney.Line delivery = money.delivery();
    OrderAddress ship = o.shippingAddress() != null ? o.shippingAddress() : o.paymentAddress();
    String deliveryCost = plain(delivery == null ? null : delivery.gross());
    OneCOrder.Shipping shipping = new OneCOrder.Shipping(
        o.shippingMethod() == null ? null : o.shippingMethod().code(), deliveryCost,
        ship == null ? null : new OneCOrder.Address(ship.postcode(), ship.city(),
            Stream.of(ship.address1(), ship.address2()).filter(s -> s != null && !s.isBlank())
                .collect(Collectors.joining(", "))));
    OneCOrder.Payment payment = new OneCOrder.Payment(o.paymentMethod() == null ? null : o.paymentMethod().code(),
        "unknown", plain(money.total()), null);
    OrderBuyers.Buyer buyer = OrderBuyers.of(o, settings);
    var c = o.customer();
    OneCOrder.Customer customer = new OneCOrder.Customer(
        c == null || c.customerId() == null || c.customerId() == 0 ? null : Long.toString(c.customerId()),
        buyer.company() ? "company" : "person", buyer.name(), buyer.email(), buyer.phone(), buyer.inn(),
        buyer.kpp());
    OffsetDateTime created = o.dateAdded() == null || settings.timeZone() == null ? o.dateAdded()
        : o.dateAdded().atZoneSameInstant(settings.timeZone()).toOffsetDateTime();
    return new OneCOrder(OneCOrder.SCHEMA_VERSION, OneCOrder.SOURCE_OPENCART, storeId, id,
        OrderDocuments.number(o, settings), created == null ? null : ISO.format(created), o.currencyCode(), null,
        customer, shipping, payment, o.comment(), items, new OneCOrder.Totals(plain(money.goodsGross()),
            plain(money.discountTotal()), deliveryCost, plain(money.total())));
  }

  /** The same characteristics the query document carries (see {@link OrderDocuments#characteristics}). */
  private static List<OneCOrder.Characteristic> characteristics(OrderLine l) {
    return OrderDocuments.characteristics(l).stream()
        .map(c -> new OneCOrder.Characteristic(c.name(), c.value())).toList();
  }

  /** Money as the contract's decimal string with kopecks: "1850.00"; none = "0.00". */
  private static String plain(BigDecimal v) {
    return (v == null ? BigDecimal.ZERO : v).setScale(2).toPlainString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
