package com.ocbridge.realshop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shop must hold after a catalog exchange of some CommerceML files, derived from {@link CmlFacts} by the
 * rules README.md states ("What a catalog exchange does to the shop"):
 *
 * <ul>
 *   <li>every Товар a product: name = Наименование, sku and model = Артикул (else the Ид), enabled unless
 *       ПометкаУдаления, in the categories of its groups, with its manufacturer, pictures and property texts;</li>
 *   <li>price = the offer's price of the first price type (a product with characteristics: its plain offer's price,
 *       else the lowest characteristic price); quantity = stock summed over warehouses (characteristics: their sum),
 *       whole units, never negative; a product without any offer keeps OpenCart's defaults (0, 0);</li>
 *   <li>characteristics: one select option per characteristic kind; each value with the summed quantity of the
 *       characteristics having it and the difference between their lowest price and the product price; a
 *       characteristic without ХарактеристикиТовара (UT 11: the variant only in the name, "Сапоги (38)") becomes a
 *       value of the option "Вариант" named by the text in the last parentheses.</li>
 * </ul>
 */
final class ExpectedCatalog {
  static final String FALLBACK_OPTION = "Вариант";
  private static final Pattern LAST_PARENTHESES = Pattern.compile("\\(([^()]+)\\)\\s*$");

  record Value(String kind, String value, int quantity, BigDecimal priceDifference, List<String> characteristicIds) {}

  record Product(CmlFacts.Product source, boolean hasOffers, BigDecimal price, int quantity,
      Map<String, Map<String, Value>> options, Map<String, String> attributes) {
    String id() {
      return source.id();
    }

    String sku() {
      return clip(source.sku() != null ? source.sku() : source.id(), 64);
    }

    String name() {
      return clip(source.name() != null ? source.name() : sku(), 255);
    }

    boolean singleKind() {
      return options.size() == 1;
    }

    boolean hasVariants() {
      return !options.isEmpty();
    }
  }

  final CmlFacts facts;
  final Map<String, Product> products = new LinkedHashMap<>();

  ExpectedCatalog(CmlFacts facts) {
    this.facts = facts;
    String priceType = facts.firstPriceType();
    Map<String, List<CmlFacts.Offer>> byProduct = new LinkedHashMap<>();
    facts.offers.values().forEach(o -> byProduct.computeIfAbsent(o.productId(), k -> new ArrayList<>()).add(o));
    for (CmlFacts.Product p : facts.products.values()) {
      products.put(p.id(), product(p, byProduct.getOrDefault(p.id(), List.of()), priceType));
    }
  }

  /** Offers whose product is in none of the files (split sets whose goods file comes later). */
  List<CmlFacts.Offer> offersWithoutProduct() {
    return facts.offers.values().stream().filter(o -> !facts.products.containsKey(o.productId())).toList();
  }

  private Product product(CmlFacts.Product p, List<CmlFacts.Offer> offers, String priceType) {
    CmlFacts.Offer plain = null;
    List<CmlFacts.Offer> characteristics = new ArrayList<>();
    for (CmlFacts.Offer o : offers) {
      if (Boolean.TRUE.equals(o.deleted())) continue;
      if (o.characteristicId() == null) plain = o; else characteristics.add(o);
    }
    Map<String, String> attributes = attributes(p);
    if (characteristics.isEmpty()) {
      BigDecimal price = plain == null ? null : price(plain, priceType);
      Integer quantity = plain == null ? null : whole(plain.quantity());
      return new Product(p, !offers.isEmpty(), money(price == null ? BigDecimal.ZERO : price),
          quantity == null ? 0 : quantity, Map.of(), attributes);
    }
    BigDecimal lowest = null;
    BigDecimal total = null;
    for (CmlFacts.Offer o : characteristics) {
      BigDecimal price = price(o, priceType);
      if (price != null && (lowest == null || price.compareTo(lowest) < 0)) lowest = price;
      if (o.quantity() != null) total = (total == null ? BigDecimal.ZERO : total).add(o.quantity().max(BigDecimal.ZERO));
    }
    BigDecimal plainPrice = plain == null ? null : price(plain, priceType);
    BigDecimal base = plainPrice != null ? plainPrice : lowest;
    Integer quantity = total != null ? whole(total) : plain != null ? whole(plain.quantity()) : null;

    Map<String, Map<String, List<CmlFacts.Offer>>> kinds = new LinkedHashMap<>();
    for (CmlFacts.Offer o : characteristics) {
      for (CmlFacts.Characteristic c : kindsOf(o)) {
        kinds.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).computeIfAbsent(c.value(), k -> new ArrayList<>()).add(o);
      }
    }
    Map<String, Map<String, Value>> options = new LinkedHashMap<>();
    kinds.forEach((kind, values) -> {
      Map<String, Value> out = new LinkedHashMap<>();
      values.forEach((value, having) -> {
        int q = 0;
        BigDecimal low = null;
        for (CmlFacts.Offer o : having) {
          Integer w = whole(o.quantity());
          if (w != null) q += w;
          BigDecimal price = price(o, priceType);
          if (price != null && (low == null || price.compareTo(low) < 0)) low = price;
        }
        BigDecimal difference = low == null || base == null ? BigDecimal.ZERO : low.subtract(base);
        out.put(value, new Value(kind, value, q, money(difference),
            having.stream().map(CmlFacts.Offer::characteristicId).toList()));
      });
      options.put(kind, out);
    });
    return new Product(p, true, money(base == null ? BigDecimal.ZERO : base), quantity == null ? 0 : quantity,
        options, attributes);
  }

  private static List<CmlFacts.Characteristic> kindsOf(CmlFacts.Offer o) {
    List<CmlFacts.Characteristic> usable = o.characteristics().stream()
        .filter(c -> c.name() != null && !c.name().isEmpty() && c.value() != null && !c.value().isEmpty()).toList();
    if (!usable.isEmpty()) return usable;
    String value = null;
    if (o.name() != null) {
      Matcher m = LAST_PARENTHESES.matcher(o.name());
      value = m.find() ? m.group(1).trim() : o.name();
    }
    return List.of(new CmlFacts.Characteristic(FALLBACK_OPTION, value != null ? value : o.characteristicId()));
  }

  private static BigDecimal price(CmlFacts.Offer o, String priceType) {
    if (priceType != null && o.prices().containsKey(priceType)) return o.prices().get(priceType);
    return null;
  }

  /** Property name → text (references resolved to the dictionary's text; unresolved GUIDs are not shown). */
  private Map<String, String> attributes(CmlFacts.Product p) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (CmlFacts.PropertyValue v : p.properties()) {
      CmlFacts.Property property = facts.properties.get(v.propertyId());
      if (property == null || property.name() == null || v.value() == null || v.value().isBlank()) continue;
      String text = property.dictionary().getOrDefault(v.value(), v.value());
      if (!property.dictionary().containsKey(v.value()) && looksLikeGuid(text)) continue;
      texts.merge(property.name(), text, (a, b) -> a.equals(b) ? a : a + ", " + b);
    }
    return texts;
  }

  private static boolean looksLikeGuid(String s) {
    return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
  }

  static Integer whole(BigDecimal q) {
    if (q == null) return null;
    if (q.signum() <= 0) return 0;
    BigDecimal floor = q.setScale(0, RoundingMode.FLOOR);
    return floor.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : floor.intValueExact();
  }

  static BigDecimal money(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.HALF_UP);
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
