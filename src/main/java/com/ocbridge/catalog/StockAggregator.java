package com.ocbridge.catalog;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import com.ocbridge.commerceml.model.Characteristic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offers of one product → its price, quantity and options.
 *
 * <ul>
 *   <li>Plain offer only: its price and quantity.</li>
 *   <li>Characteristic offers ({@code product#characteristic}): quantity = their sum; price = the plain offer's
 *       price if there is one, else the lowest characteristic price; one select option per characteristic kind
 *       (Размер, Цвет…), each value with the summed quantity of the characteristics that have it and the
 *       difference between their lowest price and the product price. A characteristic 1C sent without
 *       {@code ХарактеристикиТовара} (UT 11 puts the variant only into the name, "Ботфорты (38)") becomes a value
 *       of the fallback option, named by the text in the last parentheses.</li>
 *   <li>Quantities are whole, never negative (OpenCart's column is an int); deleted offers do not count.</li>
 * </ul>
 */
final class StockAggregator {
  private static final Pattern LAST_PARENTHESES = Pattern.compile("\\(([^()]+)\\)\\s*$");

  private final String fallbackOption;

  StockAggregator(String fallbackOption) {
    this.fallbackOption = fallbackOption;
  }

  record OptionValueSpec(String value, String externalId, String sku, int quantity, BigDecimal priceDifference) {}

  record OptionSpec(String name, List<OptionValueSpec> values) {}

  /** Quantities are left out: a stock change must not look like a change of the option structure. */
  private record ValueShape(String value, String externalId, String sku, BigDecimal priceDifference) {}

  private record OptionShape(String name, List<ValueShape> values) {}

  record ProductStock(BigDecimal price, Integer quantity, List<OptionSpec> options) {
    /** Null when the product has no options, so a product that never had any needs no option write. */
    String optionsHash() {
      if (options.isEmpty()) return null;
      List<OptionShape> shape = new ArrayList<>();
      for (OptionSpec o : options) {
        shape.add(new OptionShape(o.name(), o.values().stream()
            .map(v -> new ValueShape(v.value(), v.externalId(), v.sku(), v.priceDifference())).toList()));
      }
      return Hashes.ofJson(shape);
    }

    String optionStockHash() {
      if (options.isEmpty()) return null;
      StringBuilder sb = new StringBuilder();
      options.forEach(o -> o.values().forEach(v -> sb.append(v.externalId()).append('=').append(v.quantity()).append(';')));
      return Hashes.of(sb.toString());
    }

    /** Per option value stock, by the value's external id (the key products.stock_price matches on). */
    Map<String, Integer> optionQuantities() {
      Map<String, Integer> map = new LinkedHashMap<>();
      options.forEach(o -> o.values().forEach(v -> map.merge(v.externalId(), v.quantity(), Integer::sum)));
      return map;
    }
  }

  /** The contract's limit for external ids. */
  static final int MAX_EXTERNAL_ID = 64;

  ProductStock aggregate(String productId, List<CatalogStore.StagedOffer> offers) {
    CatalogStore.StagedOffer plain = null;
    List<CatalogStore.StagedOffer> characteristics = new ArrayList<>();
    for (CatalogStore.StagedOffer o : offers) {
      if (o.deleted()) continue;
      if (o.characteristicId() == null) plain = o; else characteristics.add(o);
    }
    if (characteristics.isEmpty()) {
      return plain == null ? new ProductStock(null, null, List.of())
          : new ProductStock(money(plain.price()), whole(plain.quantity()), List.of());
    }
    BigDecimal lowest = null;
    BigDecimal total = null;
    for (CatalogStore.StagedOffer o : characteristics) {
      if (o.price() != null && (lowest == null || o.price().compareTo(lowest) < 0)) lowest = o.price();
      if (o.quantity() != null) total = (total == null ? BigDecimal.ZERO : total).add(o.quantity().max(BigDecimal.ZERO));
    }
    BigDecimal price = plain != null && plain.price() != null ? plain.price() : lowest;
    Integer quantity = total != null ? whole(total) : plain != null ? whole(plain.quantity()) : null;
    return new ProductStock(money(price), quantity, options(productId, characteristics, price));
  }

  private List<OptionSpec> options(String productId, List<CatalogStore.StagedOffer> characteristics, BigDecimal base) {
    // kind → value → the characteristics that have it, in order of first appearance
    Map<String, Map<String, List<CatalogStore.StagedOffer>>> kinds = new LinkedHashMap<>();
    for (CatalogStore.StagedOffer o : characteristics) {
      for (Characteristic c : kindsOf(o)) {
        kinds.computeIfAbsent(c.name(), k -> new LinkedHashMap<>())
            .computeIfAbsent(c.value(), k -> new ArrayList<>()).add(o);
      }
    }
    boolean oneKind = kinds.size() == 1;
    List<OptionSpec> options = new ArrayList<>();
    kinds.forEach((kind, values) -> {
      List<OptionValueSpec> specs = new ArrayList<>();
      values.forEach((value, having) -> {
        // One value = one characteristic: "<product>#<characteristic Ид>" identifies the option value (see
        // variantExternalId). Otherwise (several kinds, or two characteristics showing the same text) a stable
        // derived id.
        boolean single = oneKind && having.size() == 1;
        String externalId = single ? variantExternalId(productId, having.get(0).characteristicId()) : null;
        if (externalId == null) externalId = "pv-" + Hashes.of(productId + "\u0000" + kind + "\u0000" + value);
        int quantity = 0;
        BigDecimal lowest = null;
        for (CatalogStore.StagedOffer o : having) {
          if (o.quantity() != null) quantity += whole(o.quantity());
          if (o.price() != null && (lowest == null || o.price().compareTo(lowest) < 0)) lowest = o.price();
        }
        BigDecimal difference = lowest == null || base == null ? BigDecimal.ZERO : lowest.subtract(base);
        specs.add(new OptionValueSpec(value, externalId, single ? having.get(0).sku() : null, quantity,
            money(difference)));
      });
      options.add(new OptionSpec(kind, specs));
    });
    return options;
  }

  /**
   * The external id of a product's variant: a short form of the product Ид, '#', then the 1C characteristic Ид
   * (which orders read back after the '#'). Not the bare characteristic Ид: UT 11 shares one characteristic between
   * all products of a kind, and the shop keeps one link per external id. Not the whole offer Ид either: two GUIDs
   * are 73 characters and the contract allows 64. Null when the characteristic Ид itself is too long.
   */
  static String variantExternalId(String productId, String characteristicId) {
    String product;
    try {
      UUID uuid = UUID.fromString(productId);
      product = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
          .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    } catch (IllegalArgumentException notAGuid) {
      product = Hashes.of(productId).substring(0, 16);
    }
    String id = product + "#" + characteristicId;
    return id.length() <= MAX_EXTERNAL_ID ? id : null;
  }

  private List<Characteristic> kindsOf(CatalogStore.StagedOffer o) {
    List<Characteristic> usable = new ArrayList<>();
    for (Characteristic c : o.characteristics()) {
      if (c.name() != null && c.value() != null) usable.add(c);
    }
    if (!usable.isEmpty()) return usable;
    String value = null;
    if (o.name() != null) {
      Matcher m = LAST_PARENTHESES.matcher(o.name());
      value = m.find() ? m.group(1).trim() : o.name();
    }
    return List.of(new Characteristic(fallbackOption, value != null ? value : o.characteristicId()));
  }

  static Integer whole(BigDecimal q) {
    if (q == null) return null;
    if (q.signum() <= 0) return 0;
    BigDecimal floor = q.setScale(0, RoundingMode.FLOOR);
    return floor.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : floor.intValueExact();
  }

  /** Four decimals, as OpenCart stores money; also makes 1719 and 1719.00 the same value for hashing. */
  static BigDecimal money(BigDecimal amount) {
    return amount == null ? null : amount.setScale(4, RoundingMode.HALF_UP);
  }
}
