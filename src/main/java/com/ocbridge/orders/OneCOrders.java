package com.ocbridge.orders;

import com.ocbridge.onec.OneCOrder;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderAddress;
import com.ocbridge.opencart.model.OrderLine;
import com.ocbridge.opencart.model.OrderLineOption;
import com.ocbridge.opencart.model.OrderTotal;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An OpenCart order as 1C's orders HTTP service takes it (onec-http-services.md §2.2, schema 1). Amounts follow
 * the query document: unit prices include tax; discounts are the shop's negative totals (coupons, vouchers).
 */
final class OneCOrders {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private OneCOrders() {}

  static OneCOrder from(Order o) {
    String storeId = Integer.toString(o.storeId() == null ? 0 : o.storeId());
    String id = Long.toString(o.orderId());
    List<OneCOrder.Item> items = new ArrayList<>();
    BigDecimal itemsTotal = BigDecimal.ZERO;
    if (o.products() != null) {
      int n = 1;
      for (OrderLine l : o.products()) {
        BigDecimal unit = OrderDocuments.grossUnitPrice(l);
        BigDecimal amount = unit.multiply(BigDecimal.valueOf(l.quantity()));
        itemsTotal = itemsTotal.add(amount);
        String variant = OrderDocuments.characteristicId(l);
        items.add(new OneCOrder.Item(n++, OrderDocuments.sku(l), blankToNull(l.externalId()), variant,
            OrderDocuments.lineName(l), Integer.toString(l.quantity()), unit.toPlainString(), "0",
            amount.toPlainString(), null, characteristics(l)));
      }
    }
    BigDecimal shipping = OrderDocuments.shippingCost(o);
    BigDecimal discount = discount(o);
    OrderAddress ship = o.shippingAddress() != null ? o.shippingAddress() : o.paymentAddress();
    OneCOrder.Shipping delivery = new OneCOrder.Shipping(
        o.shippingMethod() == null ? null : o.shippingMethod().code(), plain(shipping),
        ship == null ? null : new OneCOrder.Address(ship.postcode(), ship.city(),
            Stream.of(ship.address1(), ship.address2()).filter(s -> s != null && !s.isBlank())
                .collect(Collectors.joining(", "))));
    OneCOrder.Payment payment = new OneCOrder.Payment(o.paymentMethod() == null ? null : o.paymentMethod().code(),
        "unknown", plain(o.total()), null);
    var c = o.customer();
    OneCOrder.Customer customer = new OneCOrder.Customer(
        c == null || c.customerId() == null || c.customerId() == 0 ? null : Long.toString(c.customerId()),
        "person", OrderDocuments.fullName(o), c == null ? null : c.email(), c == null ? null : c.telephone(), null, null);
    return new OneCOrder(OneCOrder.SCHEMA_VERSION, OneCOrder.SOURCE_OPENCART, storeId, id, id,
        o.dateAdded() == null ? null : ISO.format(o.dateAdded()), o.currencyCode(), null, customer, delivery, payment,
        o.comment(), items, new OneCOrder.Totals(itemsTotal.toPlainString(), plain(discount), plain(shipping),
            plain(o.total())));
  }

  /** The same characteristics the query document carries (see {@link OrderDocuments#characteristics}). */
  private static List<OneCOrder.Characteristic> characteristics(OrderLine l) {
    return OrderDocuments.characteristics(l).stream()
        .map(c -> new OneCOrder.Characteristic(c.name(), c.value())).toList();
  }

  private static BigDecimal discount(Order o) {
    if (o.totals() == null) return BigDecimal.ZERO;
    return o.totals().stream().map(OrderTotal::value).filter(Objects::nonNull).filter(v -> v.signum() < 0)
        .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
  }

  private static String plain(BigDecimal v) {
    return v == null ? "0" : v.toPlainString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
