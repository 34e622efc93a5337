package com.ocbridge.orders;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.Discount;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.Requisites;
import com.ocbridge.commerceml.model.Tax;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderAddress;
import com.ocbridge.opencart.model.OrderLineOption;
import com.ocbridge.opencart.model.OrderTotal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 *   <li>{@code Ид} is the OpenCart order id: 1C echoes it back in its status documents. {@code Номер} is what a
 *       person compares: {@code orders.numberPrefix} + id ("OC-123"); {@link #orderIdFromNumber} reads it back.
 *   <li>{@code Дата}/{@code Время} are the shop's local time (OpenCart's dates come with the shop's offset), or
 *       {@code orders.timeZone}'s when set.
 *   <li>The buyer is a private person ({@code ПолноеНаименование}, {@code Фамилия}, {@code Имя},
 *       {@code АдресРегистрации}) or a company ({@code ОфициальноеНаименование}, {@code ЮридическийАдрес},
 *       {@code ИНН}, {@code КПП}), see {@link OrderBuyers}.
 *   <li>Line {@code Ид} is the 1C product GUID the catalog exchange gave the product ({@code external_id}), with
 *       {@code #<characteristic GUID>} when an option value came from a 1C characteristic; 1C cannot match a line by
 *       anything else. A product created in the shop by hand has none and goes as {@code oc-product-<id>}, with its
 *       SKU in {@code Артикул} for 1C setups that match by article.
 *   <li>Money is in the order's currency ({@code Валюта}), with {@code Курс} the default-currency units per unit of
 *       it, and what the buyer pays ({@link OrderMoney}): unit prices include tax (a taxed line also gets
 *       {@code СтавкиНалогов} and {@code Налоги}, {@code УчтеноВСумме}); coupons, vouchers and reward points are
 *       {@code Скидки} with {@code УчтеноВСумме} = true, on the document (its {@code Сумма} is the lines less
 *       them) or on the lines (each line's {@code Сумма} is its price × quantity less its share). Either way the
 *       document {@code Сумма} is what was paid. The delivery is the {@code ORDER_DELIVERY} service line.
 *   <li>Status, payment and delivery method go as the requisites Bitrix writes, with the ids that {@code mode=info}
 *       lists, so 1C's mapping tables work: {@code Статус заказа} "[id] name", {@code Статуса заказа ИД},
 *       {@code Метод оплаты}/{@code Метод оплаты ИД}, {@code Способ доставки}/{@code Метод доставки ИД}.
 * </ul>
 */
final class OrderDocuments {
  static final String PAYMENT_METHOD_ID = "Метод оплаты ИД";
  static final String DELIVERY_METHOD_ID = "Метод доставки ИД";
  static final String DEFAULT_DELIVERY_NAME = "Доставка заказа";

  private OrderDocuments() {}

  static OrderDocument from(Order o) {
    return from(o, OrderSettings.DEFAULTS);
  }

  static OrderDocument from(Order o, OrderSettings settings) {
    OrderMoney.Amounts money = OrderMoney.of(o, settings.discounts());
    OrderDocument.Builder b = OrderDocument.builder()
        .id(Long.toString(o.orderId()))
        .number(number(o, settings))
        .currency(o.currencyCode())
        .rate(rate(o))
        .sum(money.total())
        .comment(o.comment())
        .counterparty(counterparty(OrderBuyers.of(o, settings)));
    LocalDateTime added = localTime(o.dateAdded(), settings.timeZone());
    if (added != null) {
      b.date(added.toLocalDate()).time(added.toLocalTime().truncatedTo(ChronoUnit.SECONDS));
    }
    if (o.products() != null) {
      for (int i = 0; i < o.products().size(); i++) b.line(line(o.products().get(i), money.goods().get(i)));
    }
    if (money.delivery() != null) {
      OrderMoney.Line d = money.delivery();
      String name = !settings.delivery().name().isEmpty() ? settings.delivery().name()
          : o.shippingMethod() != null && !blank(o.shippingMethod().name()) ? o.shippingMethod().name()
          : DEFAULT_DELIVERY_NAME;
      OrderLine line = OrderLine.delivery(name, settings.delivery().sku(), d.unitPrice());
      b.line(d.discounts().isEmpty() ? line : line.withDiscounts(discounts(d.discounts()), d.sum()));
    }
    if (!money.onLines()) discounts(money.discounts()).forEach(b::discount);
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

  /** {@code Номер}: the prefix and the order id. */
  static String number(Order o, OrderSettings settings) {
    return settings.numberPrefix() + o.orderId();
  }

  /**
   * The order id in a {@code Номер} 1C sends back ("OC-123" with prefix "OC-", or a plain "123" written before the
   * prefix was set); null when it is no order number. Where the status pipeline matches an echoed {@code Номер}
   * it must read it with this (or {@link OrderNumbers}, the same rule).
   */
  static Long orderIdFromNumber(String number, String prefix) {
    return new OrderNumbers(prefix).orderId(number);
  }

  /**
   * {@code Курс} as 1C reads it: units of the default currency per unit of the document currency (1C's
   * КурсВзаиморасчетов, e.g. 95.2381 for EUR in a rouble shop), i.e. 1 / OpenCart's {@code currency_value}
   * (which is the other way round: 0.0105 EUR per rouble). 1 for an order in the default currency.
   */
  static BigDecimal rate(Order o) {
    BigDecimal v = o.currencyValue();
    if (v == null || v.signum() <= 0 || v.compareTo(BigDecimal.ONE) == 0) return BigDecimal.ONE;
    return BigDecimal.ONE.divide(v, 4, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** The shop's local time of {@code t} (its own offset), or the time in {@code zone} when one is configured. */
  static LocalDateTime localTime(OffsetDateTime t, ZoneId zone) {
    if (t == null) return null;
    return zone == null ? t.toLocalDateTime() : t.atZoneSameInstant(zone).toLocalDateTime();
  }

  static Counterparty counterparty(OrderBuyers.Buyer buyer) {
    List<Contact> contacts = new ArrayList<>();
    if (buyer.email() != null) contacts.add(new Contact("Почта", buyer.email()));
    if (buyer.phone() != null) contacts.add(new Contact("Телефон рабочий", buyer.phone()));
    if (buyer.company()) {
      return Counterparty.company(buyer.id(), buyer.companyName(), buyer.inn(), buyer.kpp(), buyer.legalAddress(),
          contacts, buyer.personName().isEmpty() ? null : buyer.personName());
    }
    return Counterparty.buyer(buyer.id(), buyer.lastName(), buyer.firstName(), buyer.address(), contacts);
  }

  /** A goods line at the amounts {@link OrderMoney} worked out for it. */
  static OrderLine line(com.ocbridge.opencart.model.OrderLine l, OrderMoney.Line m) {
    OrderLine line = OrderLine.goods(lineId(l), sku(l), lineName(l), OrderLine.PIECE, m.unitPrice(), m.quantity(),
        characteristics(l));
    if (m.taxRate() != null) {
      line = line.withTaxes(List.of(new TaxRate(Tax.VAT, m.taxRate())),
          List.of(new Tax(Tax.VAT, Boolean.TRUE, m.tax(), m.taxRate())));
    }
    return m.discounts().isEmpty() ? line : line.withDiscounts(discounts(m.discounts()), m.sum());
  }

  private static List<Discount> discounts(List<OrderMoney.Part> parts) {
    return parts.stream().map(p -> Discount.included(p.name(), p.amount())).toList();
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

  /** The person who ordered, "last first" (the API's order list shows it). */
  static String fullName(Order o) {
    return OrderBuyers.of(o, OrderSettings.DEFAULTS).personName();
  }

  static String firstNonBlank(String a, String b) {
    return !blank(a) ? a : (!blank(b) ? b : null);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
