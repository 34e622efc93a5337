package com.ocbridge.orders;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.Requisites;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderAddress;
import com.ocbridge.opencart.model.OrderCustomer;
import com.ocbridge.opencart.model.OrderLineOption;
import com.ocbridge.opencart.model.OrderTotal;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An OpenCart order as the CommerceML {@code Документ} 1C loads from {@code mode=query} (protocol reference §8.5).
 *
 * <ul>
 *   <li>{@code Ид} and {@code Номер} are the OpenCart order id: 1C echoes {@code Ид} back in its status documents,
 *       and {@code Номер} is what a person compares, so the status pipeline finds the order by either.
 *   <li>Line {@code Ид} is the 1C product GUID the catalog exchange gave the product ({@code external_id}), with
 *       {@code #<characteristic GUID>} when an option value came from a 1C characteristic; 1C cannot match a line by
 *       anything else. A product created in the shop by hand has none and goes as {@code oc-product-<id>}, with its
 *       SKU in {@code Артикул} for 1C setups that match by article.
 *   <li>Prices are per unit including tax ({@code price + tax} in OpenCart): what the buyer pays, which is what
 *       1C's order amounts are. The delivery is the {@code ORDER_DELIVERY} service line (the {@code shipping} total).
 *   <li>Status, payment and delivery method go as the requisites Bitrix writes, with the ids that {@code mode=info}
 *       lists, so 1C's mapping tables work: {@code Статус заказа} "[id] name", {@code Статуса заказа ИД},
 *       {@code Метод оплаты}/{@code Метод оплаты ИД}, {@code Способ доставки}/{@code Метод доставки ИД}.
 * </ul>
 */
final class OrderDocuments {
  static final String PAYMENT_METHOD_ID = "Метод оплаты ИД";
  static final String DELIVERY_METHOD_ID = "Метод доставки ИД";

  private OrderDocuments() {}

  static OrderDocument from(Order o) {
    OrderDocument.Builder b = OrderDocument.builder()
        .id(Long.toString(o.orderId()))
        .number(Long.toString(o.orderId()))
        .currency(o.currencyCode())
        .rate(o.currencyValue() == null ? BigDecimal.ONE : o.currencyValue())
        .sum(o.total())
        .comment(o.comment())
        .counterparty(buyer(o));
    if (o.dateAdded() != null) {
      b.date(o.dateAdded().toLocalDate()).time(o.dateAdded().toLocalTime().truncatedTo(ChronoUnit.SECONDS));
    }
    if (o.products() != null) {
      o.products().forEach(line -> b.line(line(line)));
    }
    BigDecimal shipping = shippingCost(o);
    if (shipping != null) {
      b.line(OrderLine.delivery(o.shippingMethod() != null && o.shippingMethod().name() != null
          ? o.shippingMethod().name() : "Доставка заказа", shipping));
    }
    if (o.paymentMethod() != null) {
      b.paymentMethod(o.paymentMethod().name());
      b.requisite(PAYMENT_METHOD_ID, o.paymentMethod().code());
    }
    if (o.shippingMethod() != null) {
      b.requisite(Requisites.DELIVERY_METHOD, o.shippingMethod().name());
      b.requisite(DELIVERY_METHOD_ID, o.shippingMethod().code());
    }
    String address = address(o.shippingAddress());
    if (address != null) b.requisite(Requisites.DELIVERY_ADDRESS, address);
    b.status("[" + o.orderStatusId() + "] " + (o.orderStatus() == null ? "" : o.orderStatus()));
    b.requisite(Requisites.ORDER_STATUS_ID, Integer.toString(o.orderStatusId()));
    b.cancelled(false);
    return b.build();
  }

  static Counterparty buyer(Order o) {
    OrderCustomer c = o.customer();
    OrderAddress pay = o.paymentAddress();
    String first = firstNonBlank(c == null ? null : c.firstname(), pay == null ? null : pay.firstname());
    String last = firstNonBlank(c == null ? null : c.lastname(), pay == null ? null : pay.lastname());
    String id = c != null && c.customerId() != null && c.customerId() > 0
        ? "oc-customer-" + c.customerId() : "oc-guest-" + o.orderId();
    List<Contact> contacts = new ArrayList<>();
    if (c != null && !blank(c.email())) contacts.add(new Contact("Почта", c.email()));
    if (c != null && !blank(c.telephone())) contacts.add(new Contact("Телефон рабочий", c.telephone()));
    String address = address(pay != null ? pay : o.shippingAddress());
    return Counterparty.buyer(id, last, first, address, contacts);
  }

  static OrderLine line(com.ocbridge.opencart.model.OrderLine l) {
    BigDecimal unit = grossUnitPrice(l);
    return OrderLine.goods(lineId(l), sku(l), lineName(l), OrderLine.PIECE, unit, BigDecimal.valueOf(l.quantity()),
        characteristics(l));
  }

  static String lineId(com.ocbridge.opencart.model.OrderLine l) {
    String product = blank(l.externalId()) ? "oc-product-" + l.productId() : l.externalId();
    String characteristic = characteristicId(l);
    return characteristic == null ? product : product + "#" + characteristic;
  }

  /**
   * The 1C characteristic of a line: the product's variant as the catalog sync linked it, which is the offer's
   * "product#characteristic" Ид (the part after '#'), or an older link holding the bare characteristic Ид.
   * Values the sync derived ("pv-…": a kind's value shared by several characteristics, e.g. the constant colour
   * when options are made per kind) are no characteristic and are passed over, so the option of the varying kind
   * still counts wherever it stands.
   */
  static String characteristicId(com.ocbridge.opencart.model.OrderLine l) {
    if (l.options() == null) return null;
    String variant = l.options().stream().map(OrderLineOption::productOptionValueExternalId)
        .filter(OrderDocuments::isVariantLink).findFirst().orElse(null);
    if (variant == null) return null;
    int hash = variant.indexOf('#');
    return hash >= 0 ? variant.substring(hash + 1) : variant;
  }

  /** An option value's external id that names a 1C characteristic (not blank, not a derived "pv-" id). */
  static boolean isVariantLink(String productOptionValueExternalId) {
    return !blank(productOptionValueExternalId) && !productOptionValueExternalId.startsWith("pv-");
  }

  /**
   * The chosen variant as 1C's {@code ХарактеристикиТовара}, for the query document and the 1C push alike. The
   * catalog sync makes one option per product named by the kinds joined with ", " and valued by the
   * characteristic's values joined the same way ("Размер, Цвет" = "40, белый"), so such an option is split back
   * into its kinds when name and value have the same number of parts; any other option (one kind, one option per
   * kind, a shop's own option) is one characteristic as it stands.
   */
  static List<Characteristic> characteristics(com.ocbridge.opencart.model.OrderLine l) {
    if (l.options() == null) return List.of();
    List<Characteristic> list = new ArrayList<>();
    for (OrderLineOption o : l.options()) {
      if (blank(o.name()) || blank(o.value())) continue;
      String[] names = o.name().split(", ");
      String[] values = o.value().split(", ");
      if (names.length > 1 && names.length == values.length) {
        for (int i = 0; i < names.length; i++) {
          if (!blank(names[i]) && !blank(values[i])) list.add(new Characteristic(names[i].trim(), values[i].trim()));
        }
      } else {
        list.add(new Characteristic(o.name().trim(), o.value().trim()));
      }
    }
    return list;
  }

  static String sku(com.ocbridge.opencart.model.OrderLine l) {
    return firstNonBlank(l.sku(), l.model());
  }

  /** The product name, with the chosen option values as "Сапоги (38, чёрный)" the way Bitrix names them. */
  static String lineName(com.ocbridge.opencart.model.OrderLine l) {
    if (l.options() == null || l.options().isEmpty()) return l.name();
    String values = l.options().stream().map(OrderLineOption::value).filter(v -> !blank(v))
        .collect(Collectors.joining(", "));
    return values.isEmpty() ? l.name() : l.name() + " (" + values + ")";
  }

  static BigDecimal grossUnitPrice(com.ocbridge.opencart.model.OrderLine l) {
    BigDecimal price = l.price() == null ? BigDecimal.ZERO : l.price();
    return l.tax() == null ? price : price.add(l.tax());
  }

  /** The {@code shipping} total, or null when the order has none (pickup, digital goods). */
  static BigDecimal shippingCost(Order o) {
    if (o.totals() == null) return null;
    return o.totals().stream().filter(t -> "shipping".equals(t.code())).map(OrderTotal::value)
        .filter(Objects::nonNull).reduce(BigDecimal::add).orElse(null);
  }

  /** "101000, Russian Federation, Moscow, Moscow, Lenina 1" — postcode, country, zone, city, street lines. */
  static String address(OrderAddress a) {
    if (a == null) return null;
    String text = Stream.of(a.postcode(), a.country(), a.zone(), a.city(), a.address1(), a.address2())
        .filter(s -> !blank(s)).map(String::trim).collect(Collectors.joining(", "));
    return text.isEmpty() ? null : text;
  }

  static String fullName(Order o) {
    Counterparty buyer = buyer(o);
    return buyer.name();
  }

  static String firstNonBlank(String a, String b) {
    return !blank(a) ? a : (!blank(b) ? b : null);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
