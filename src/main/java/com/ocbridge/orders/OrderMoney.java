package com.ocbridge.orders;

import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderLine;
import com.ocbridge.opencart.model.OrderTotal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The money of an order as the buyer saw it, for the query document and the push alike.
 *
 * <ul>
 *   <li><b>Currency.</b> OpenCart stores every amount in the shop's default currency and the order's
 *       {@code currency_value} (order currency per default-currency unit); the buyer saw each amount times that
 *       value, rounded to kopecks/cents. So does 1C: all amounts are in the order's currency.
 *   <li><b>Lines</b> are at unit price including tax ({@code price + tax}), {@code gross} = unit × quantity.
 *   <li><b>Discounts</b> are the negative totals: {@code coupon}, {@code voucher}, {@code reward} and any other
 *       (store credit, a discount module). The total stays exactly what was paid: whatever the lines, the delivery
 *       and the discount rows leave over is tax OpenCart moved (a coupon or reward row is net of the tax it takes
 *       off, shipping tax sits in the tax totals) or rounding; a shortfall goes to the discounts, a surplus to the
 *       delivery line. Only an order with neither (a surcharge total without shipping) keeps a difference.
 *   <li><b>{@link OrderSettings.Discounts#LINE}</b> spreads each discount over the goods lines in proportion to what
 *       is left of them, kopecks rounded half up and the remainder on the largest line; what exceeds the goods (a
 *       voucher paying for shipping too) goes to the delivery line.
 * </ul>
 */
final class OrderMoney {
  /** Totals that are not discounts even when negative. */
  private static final Set<String> NOT_DISCOUNTS = Set.of("sub_total", "total", "tax", "shipping");
  /** Discounts OpenCart computes net, taking their tax off the tax totals: what a shortfall belongs to. */
  private static final Set<String> TAXED_DISCOUNTS = Set.of("coupon", "reward");

  private OrderMoney() {}

  /** A discount, or a line's share of one. */
  record Part(String name, BigDecimal amount, String code) {}

  /**
   * One line: {@code sum} = {@code gross} less its {@code discounts} (line placement only), {@code tax} the tax in
   * {@code sum}, {@code taxRate} the percentage ("20") or null when the line has no tax.
   */
  record Line(BigDecimal unitPrice, BigDecimal quantity, BigDecimal gross, List<Part> discounts, BigDecimal sum,
      BigDecimal tax, String taxRate) {
    BigDecimal discount() {
      return discounts.stream().map(Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  /**
   * @param goods     the product lines, in order
   * @param delivery  the delivery line, or null for an order without shipping
   * @param discounts all discounts of the order (whatever the placement)
   * @param onLines   whether the discounts were spread over the lines (else they belong to the document)
   * @param total     what the buyer pays
   */
  record Amounts(List<Line> goods, Line delivery, List<Part> discounts, boolean onLines, BigDecimal total) {
    BigDecimal goodsGross() {
      return goods.stream().map(Line::gross).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal discountTotal() {
      return discounts.stream().map(Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  static Amounts of(Order o, OrderSettings.Discounts placement) {
    BigDecimal rate = o.currencyValue() != null && o.currencyValue().signum() > 0 ? o.currencyValue() : BigDecimal.ONE;
    List<Line> goods = new ArrayList<>();
    if (o.products() != null) {
      for (OrderLine l : o.products()) goods.add(goodsLine(l, rate));
    }
    BigDecimal shipping = OrderDocuments.shippingCost(o);
    BigDecimal delivery = shipping == null ? null : money(shipping, rate);
    List<Part> discounts = new ArrayList<>();
    if (o.totals() != null) {
      for (OrderTotal t : o.totals()) {
        if (t.value() != null && t.value().signum() < 0 && !NOT_DISCOUNTS.contains(t.code())) {
          discounts.add(new Part(discountName(t), money(t.value().negate(), rate), t.code()));
        }
      }
    }
    BigDecimal gross = goods.stream().map(Line::gross).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal charged = gross.add(delivery == null ? BigDecimal.ZERO : delivery);
    BigDecimal total = o.total() == null ? charged.subtract(sum(discounts)) : money(o.total(), rate);
    BigDecimal gap = charged.subtract(sum(discounts)).subtract(total);
    if (gap.signum() > 0 && !discounts.isEmpty()) {
      discounts = absorb(discounts, gap);
    } else if (gap.signum() < 0 && delivery != null) {
      delivery = delivery.subtract(gap);
    }
    Line deliveryLine = delivery == null ? null
        : new Line(delivery, BigDecimal.ONE, delivery, List.of(), delivery, BigDecimal.ZERO, null);
    if (placement == OrderSettings.Discounts.LINE && !discounts.isEmpty()) {
      return spread(goods, deliveryLine, discounts, total);
    }
    return new Amounts(goods, deliveryLine, discounts, false, total);
  }

  private static Line goodsLine(OrderLine l, BigDecimal rate) {
    BigDecimal price = l.price() == null ? BigDecimal.ZERO : l.price();
    BigDecimal unitTax = l.tax() == null ? BigDecimal.ZERO : l.tax();
    BigDecimal unit = money(price.add(unitTax), rate);
    BigDecimal qty = BigDecimal.valueOf(l.quantity());
    BigDecimal gross = unit.multiply(qty);
    BigDecimal tax = money(unitTax, rate).multiply(qty);
    String taxRate = unitTax.signum() > 0 && price.signum() > 0
        ? unitTax.multiply(BigDecimal.valueOf(100)).divide(price, 2, RoundingMode.HALF_UP).stripTrailingZeros()
            .toPlainString() : null;
    return new Line(unit, qty, gross, List.of(), gross, tax, taxRate);
  }

  /** {@code value} in the order's currency, rounded to kopecks as OpenCart shows it. */
  static BigDecimal money(BigDecimal value, BigDecimal rate) {
    return value.multiply(rate).setScale(2, RoundingMode.HALF_UP);
  }

  /** The shortfall onto the discounts it belongs to: the taxed ones (coupon, reward) if any, else all. */
  private static List<Part> absorb(List<Part> discounts, BigDecimal gap) {
    List<BigDecimal> weights = discounts.stream()
        .map(d -> TAXED_DISCOUNTS.contains(d.code()) ? d.amount() : BigDecimal.ZERO).toList();
    if (weights.stream().allMatch(w -> w.signum() == 0)) weights = discounts.stream().map(Part::amount).toList();
    List<BigDecimal> extra = proportional(gap, weights);
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < discounts.size(); i++) {
      Part d = discounts.get(i);
      out.add(new Part(d.name(), d.amount().add(extra.get(i)), d.code()));
    }
    return out;
  }

  /** Each discount over what is left of the goods lines; beyond the goods, onto the delivery line. */
  private static Amounts spread(List<Line> goods, Line delivery, List<Part> discounts, BigDecimal total) {
    List<BigDecimal> left = new ArrayList<>(goods.stream().map(Line::gross).toList());
    List<List<Part>> shares = new ArrayList<>();
    goods.forEach(g -> shares.add(new ArrayList<>()));
    BigDecimal deliveryLeft = delivery == null ? BigDecimal.ZERO : delivery.gross();
    List<Part> deliveryShares = new ArrayList<>();
    for (Part d : discounts) {
      BigDecimal onGoods = d.amount().min(sum(left));
      List<BigDecimal> split = proportional(onGoods, left);
      for (int i = 0; i < left.size(); i++) {
        if (split.get(i).signum() > 0) {
          shares.get(i).add(new Part(d.name(), split.get(i), d.code()));
          left.set(i, left.get(i).subtract(split.get(i)));
        }
      }
      BigDecimal rest = d.amount().subtract(onGoods).min(deliveryLeft);
      if (rest.signum() > 0) {
        deliveryShares.add(new Part(d.name(), rest, d.code()));
        deliveryLeft = deliveryLeft.subtract(rest);
      }
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < goods.size(); i++) {
      Line g = goods.get(i);
      BigDecimal sum = left.get(i);
      BigDecimal tax = g.gross().signum() == 0 ? g.tax()
          : g.tax().multiply(sum).divide(g.gross(), 2, RoundingMode.HALF_UP);
      lines.add(new Line(g.unitPrice(), g.quantity(), g.gross(), List.copyOf(shares.get(i)), sum, tax, g.taxRate()));
    }
    Line d = delivery == null ? null : new Line(delivery.unitPrice(), delivery.quantity(), delivery.gross(),
        List.copyOf(deliveryShares), deliveryLeft, delivery.tax(), delivery.taxRate());
    return new Amounts(lines, d, discounts, true, total);
  }

  /**
   * {@code amount} split in proportion to {@code weights}, each part rounded half up to kopecks and the remainder
   * on the largest weight (the first of equals), so the parts add up exactly. All zero weights: nothing to split.
   */
  static List<BigDecimal> proportional(BigDecimal amount, List<BigDecimal> weights) {
    BigDecimal base = sum(weights);
    List<BigDecimal> parts = new ArrayList<>();
    if (base.signum() <= 0) {
      weights.forEach(w -> parts.add(BigDecimal.ZERO));
      return parts;
    }
    int largest = 0;
    for (int i = 0; i < weights.size(); i++) {
      parts.add(amount.multiply(weights.get(i)).divide(base, 2, RoundingMode.HALF_UP));
      if (weights.get(i).compareTo(weights.get(largest)) > 0) largest = i;
    }
    parts.set(largest, parts.get(largest).add(amount.subtract(sum(parts))));
    return parts;
  }

  /**
   * "Купон (SALE10)", "Подарочный сертификат (GIFT-1)", "Бонусные баллы (100)": the kind in Russian (1C's users
   * read it, whatever language the shop's checkout had) with the code from OpenCart's title "Coupon (SALE10)";
   * another discount keeps its title.
   */
  static String discountName(OrderTotal t) {
    String title = t.title() == null ? "" : t.title().trim();
    String kind = switch (t.code() == null ? "" : t.code().toLowerCase(Locale.ROOT)) {
      case "coupon" -> "Купон";
      case "voucher" -> "Подарочный сертификат";
      case "reward" -> "Бонусные баллы";
      default -> null;
    };
    if (kind == null) return title.isEmpty() ? t.code() : title;
    int open = title.lastIndexOf('(');
    int close = title.lastIndexOf(')');
    String code = open >= 0 && close > open ? title.substring(open + 1, close).trim() : "";
    return code.isEmpty() ? kind : kind + " (" + code + ")";
  }

  private static BigDecimal sum(List<?> values) {
    BigDecimal s = BigDecimal.ZERO;
    for (Object v : values) s = s.add(v instanceof Part p ? p.amount() : (BigDecimal) v);
    return s;
  }
}
