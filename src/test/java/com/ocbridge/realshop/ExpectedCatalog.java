package com.ocbridge.realshop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the shop must hold after a catalog exchange of some CommerceML files, derived from {@link CmlFacts} by the
 * rules README.md states ("What a catalog exchange does to the shop"):
 *
 * <ul>
 *   <li>every Товар a product: name = Наименование, sku and model = Артикул (else the Ид), enabled once the package
 *       gave it an offer (created hidden until then) unless ПометкаУдаления, in the categories of its groups, with its manufacturer, pictures and property texts;</li>
 *   <li>price = the offer's price of the first price type (a product with characteristics: its plain offer's price,
 *       else the lowest characteristic price); quantity = stock summed over warehouses (characteristics: their sum),
 *       whole units, never negative; a product without any offer keeps OpenCart's defaults (0, 0) and stays hidden;</li>
 *   <li>characteristics ({@code catalog.variants = combinations}): one required option per product, named by the
 *       kinds in order of first appearance ("Размер, Цвет"; one kind: "Размер"), one value per characteristic
 *       reading its values in that order ("40, белый"), with the characteristic's own quantity and the difference
 *       between its price and the product price, so that the cart's price of every value is 1C's price; a
 *       characteristic without ХарактеристикиТовара (UT 11: the variant only in the name, "Сапоги (38)") has the
 *       kind "Вариант" and the value in the last parentheses.</li>
 * </ul>
 */
final class ExpectedCatalog {
  static final String FALLBACK_OPTION = "Вариант";
  private static final Pattern LAST_PARENTHESES = Pattern.compile("\\(([^()]+)\\)\\s*$");

  /** One characteristic as the storefront must sell it: its value text, 1C's price and stock. */
  record Value(String value, String characteristicId, String sku, int quantity, BigDecimal price,
      BigDecimal priceDifference, Map<String, String> kinds) {}

  /** {@code option} and {@code kinds} are null/empty and {@code variants} empty for a product without characteristics. */
  record Product(CmlFacts.Product source, boolean hasOffers, BigDecimal price, int quantity, String option,
      List<String> kinds, Map<String, Value> variants, Map<String, String> attributes) {
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
      return kinds.size() == 1;
    }

    boolean hasVariants() {
      return !variants.isEmpty();
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
          quantity == null ? 0 : quantity, null, List.of(), Map.of(), attributes);
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

    List<String> kinds = new ArrayList<>();
    for (CmlFacts.Offer o : characteristics) {
      for (CmlFacts.Characteristic c : kindsOf(o)) if (!kinds.contains(c.name())) kinds.add(c.name());
    }
    Map<String, Value> variants = new LinkedHashMap<>();
    for (CmlFacts.Offer o : characteristics) {
      Map<String, String> values = new LinkedHashMap<>();
      for (CmlFacts.Characteristic c : kindsOf(o)) values.put(c.name(), c.value());
      String text = kinds.stream().filter(values::containsKey).map(values::get).collect(Collectors.joining(", "));
      BigDecimal price = price(o, priceType);
      BigDecimal own = price != null ? price : base;
      Integer q = whole(o.quantity());
      Value previous = variants.put(text, new Value(text, o.characteristicId(), o.sku(), q == null ? 0 : q,
          own == null ? null : money(own), money(own == null || base == null ? BigDecimal.ZERO : own.subtract(base)),
          values));
      if (previous != null) throw new IllegalStateException("two characteristics read '" + text + "' in " + p.id());
    }
    return new Product(p, true, money(base == null ? BigDecimal.ZERO : base), quantity == null ? 0 : quantity,
        String.join(", ", kinds), List.copyOf(kinds), variants, attributes);
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
