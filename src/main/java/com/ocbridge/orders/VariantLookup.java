package com.ocbridge.orders;

import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderLine;
import com.ocbridge.opencart.model.OrderLineOption;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the 1C characteristic of order lines whose option value the shop no longer has. When a product_option_value
 * is removed (1C dropped or recreated the characteristic, the product's options were rebuilt), OpenCart's
 * {@code order_option} row keeps the option's name and value text but loses the link, so the line would go to 1C
 * as the bare product. The catalog sync's own staging of 1C's offers ({@code catalog_offer}) still knows which
 * characteristic showed those values, and the line gets its {@code product#characteristic} back from there.
 *
 * <p>An offer matches when the multiset of its characteristic's values equals the multiset of the chosen option
 * values (both split on ", ", which is how the sync joins several kinds into one option). An offer staged without
 * kinds is matched by what the sync showed for it: the text in the last parentheses of its name ("Сапоги (38)"
 * → 38). The sync tells apart two characteristics that read the same by appending the SKU ("40, белый (EK-38)"),
 * so an option value that ends in an offer's SKU in parentheses also matches that offer without it. Only an
 * unambiguous answer is taken: a line that matches no offer, or two, stays product-only, as it was.
 */
final class VariantLookup {
  private static final Logger log = LoggerFactory.getLogger(VariantLookup.class);
  /** The same rule the catalog sync names kind-less characteristics by (StockAggregator). */
  private static final Pattern LAST_PARENTHESES = Pattern.compile("\\(([^()]+)\\)\\s*$");
  private static final String SEPARATOR = ", ";

  /** A product's characteristic offer as staged: its values, split into parts and sorted (a multiset). */
  record Offer(String characteristicId, List<String> values, String sku, boolean deleted) {}

  private final Pool pool;

  VariantLookup(Pool pool) {
    this.pool = pool;
  }

  /** The orders with the lines that can be resolved resolved; the same list when none needs it (no query then). */
  Future<List<Order>> resolve(List<Order> orders) {
    Set<String> products = new LinkedHashSet<>();
    for (Order o : orders) {
      if (o.products() == null) continue;
      for (OrderLine l : o.products()) {
        if (needsLookup(l)) products.add(l.externalId());
      }
    }
    if (products.isEmpty()) return Future.succeededFuture(orders);
    return offersOf(products).map(offers -> orders.stream().map(o -> resolve(o, offers)).toList());
  }

  /** One query for the whole batch: the characteristic offers of these products, deleted ones included. */
  private Future<Map<String, List<Offer>>> offersOf(Set<String> products) {
    return pool.preparedQuery("""
            SELECT product_external_id, characteristic_id, name, characteristics, sku, deleted FROM catalog_offer
            WHERE product_external_id = ANY($1) AND characteristic_id IS NOT NULL AND characteristic_id <> ''""")
        .execute(Tuple.of((Object) products.toArray(String[]::new)))
        .map(rows -> {
          Map<String, List<Offer>> byProduct = new HashMap<>();
          for (Row r : rows) {
            String characteristic = r.getString("characteristic_id");
            byProduct.computeIfAbsent(r.getString("product_external_id"), k -> new ArrayList<>())
                .add(new Offer(characteristic, offerValues(r.getString("name"), r.getValue("characteristics"),
                    characteristic), r.getString("sku"), r.getBoolean("deleted")));
          }
          return byProduct;
        });
  }

  /** A line with options, a 1C product and no link to a characteristic ("pv-" values name none). */
  static boolean needsLookup(OrderLine l) {
    return l.options() != null && !l.options().isEmpty() && !OrderDocuments.blank(l.externalId())
        && l.options().stream().map(OrderLineOption::productOptionValueExternalId)
            .noneMatch(OrderDocuments::isVariantLink);
  }

  private static Order resolve(Order o, Map<String, List<Offer>> offers) {
    if (o.products() == null || o.products().stream().noneMatch(VariantLookup::needsLookup)) return o;
    List<OrderLine> lines = o.products().stream().map(l -> resolve(o.orderId(), l, offers)).toList();
    return new Order(o.orderId(), o.invoiceNo(), o.invoicePrefix(), o.storeId(), o.orderStatusId(), o.orderStatus(),
        o.dateAdded(), o.dateModified(), o.currencyCode(), o.currencyValue(), o.total(), o.languageCode(),
        o.comment(), o.ip(), o.customer(), o.paymentAddress(), o.shippingAddress(), o.paymentMethod(),
        o.shippingMethod(), lines, o.totals(), o.history());
  }

  private static OrderLine resolve(long orderId, OrderLine l, Map<String, List<Offer>> offers) {
    if (!needsLookup(l)) return l;
    List<String> chosen = l.options().stream().map(OrderLineOption::value).toList();
    String characteristic = match(chosen, offers.getOrDefault(l.externalId(), List.of()));
    if (characteristic == null) {
      log.debug("event=orders.variant.unresolved order={} line={} product={} values=\"{}\"", orderId,
          l.orderProductId(), l.externalId(), String.join(SEPARATOR, parts(chosen)));
      return l;
    }
    log.info("event=orders.variant.resolved order={} line={} product={} characteristic={}", orderId,
        l.orderProductId(), l.externalId(), characteristic);
    return withLink(l, l.externalId() + "#" + characteristic);
  }

  /**
   * The one characteristic showing exactly these option values (as the order has them, unsplit), or null. Live
   * offers first: when 1C recreated a
   * characteristic, the deleted one and its successor show the same values, and the successor is the one 1C can
   * still take an order for; a deleted offer is taken only when no live one matches (the variant is gone from the
   * catalog, but it is what was sold).
   */
  static String match(List<String> optionValues, List<Offer> offers) {
    List<String> chosen = parts(optionValues);
    if (chosen.isEmpty()) return null;
    String live = only(optionValues, chosen, offers, false);
    if (live != null) return live.isEmpty() ? null : live;
    String deleted = only(optionValues, chosen, offers, true);
    return deleted == null || deleted.isEmpty() ? null : deleted;
  }

  /** Among offers with this deleted flag: the one match, "" for several, null for none. */
  private static String only(List<String> optionValues, List<String> chosen, List<Offer> offers, boolean deleted) {
    String found = null;
    for (Offer offer : offers) {
      if (offer.deleted() != deleted || !shows(offer, optionValues, chosen)) continue;
      if (found != null && !found.equals(offer.characteristicId())) return "";
      found = offer.characteristicId();
    }
    return found;
  }

  /** The offer's values are the chosen ones, or are once the offer's own " (SKU)" is taken off an option value. */
  private static boolean shows(Offer offer, List<String> optionValues, List<String> chosen) {
    if (offer.values().equals(chosen)) return true;
    if (offer.sku() == null || offer.sku().isBlank()) return false;
    String suffix = " (" + offer.sku().trim() + ")";
    for (int i = 0; i < optionValues.size(); i++) {
      String v = optionValues.get(i);
      if (v == null || !v.trim().endsWith(suffix)) continue;
      List<String> stripped = new ArrayList<>(optionValues);
      String trimmed = v.trim();
      stripped.set(i, trimmed.substring(0, trimmed.length() - suffix.length()));
      if (offer.values().equals(parts(stripped))) return true;
    }
    return false;
  }

  /**
   * The line with its variant link on the first option that has none (on the first option when each carries a
   * derived "pv-" id), so that {@link OrderDocuments#characteristicId} finds it.
   */
  private static OrderLine withLink(OrderLine l, String link) {
    List<OrderLineOption> options = new ArrayList<>(l.options());
    int at = 0;
    for (int i = 0; i < options.size(); i++) {
      if (OrderDocuments.blank(options.get(i).productOptionValueExternalId())) {
        at = i;
        break;
      }
    }
    OrderLineOption o = options.get(at);
    options.set(at, new OrderLineOption(o.productOptionId(), o.productOptionValueId(), o.name(), o.value(), o.type(),
        o.optionValueExternalId(), link));
    return new OrderLine(l.orderProductId(), l.productId(), l.masterId(), l.externalId(), l.name(), l.model(), l.sku(),
        l.quantity(), l.price(), l.tax(), l.total(), l.reward(), List.copyOf(options));
  }

  /**
   * What the sync made of an offer's characteristic: its kinds' values, or for one staged without kinds the text
   * in the last parentheses of its name (the whole name without parentheses, the Ид without a name).
   */
  static List<String> offerValues(String name, Object characteristics, String characteristicId) {
    List<String> values = new ArrayList<>();
    if (characteristics instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (!(a.getValue(i) instanceof JsonObject c)) continue;
        if (c.getString("name") != null && c.getString("value") != null) values.add(c.getString("value"));
      }
    }
    if (values.isEmpty()) {
      String value = characteristicId;
      if (name != null) {
        Matcher m = LAST_PARENTHESES.matcher(name);
        value = m.find() ? m.group(1).trim() : name;
      }
      values.add(value);
    }
    return parts(values);
  }

  /** The values split on ", ", trimmed, blanks left out, sorted: equal lists = equal multisets. */
  static List<String> parts(List<String> values) {
    List<String> parts = new ArrayList<>();
    for (String v : values) {
      if (v == null) continue;
      for (String p : v.split(SEPARATOR)) {
        if (!p.isBlank()) parts.add(p.trim());
      }
    }
    parts.sort(null);
    return parts;
  }
}
