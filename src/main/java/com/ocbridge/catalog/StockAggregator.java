package com.ocbridge.catalog;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.opencart.model.OptionValueStock;
import com.ocbridge.opencart.model.StockItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offers of one product → its price, quantity and options.
 *
 * <ul>
 *   <li>Plain offer only: its price and quantity.</li>
 *   <li>Characteristic offers ({@code product#characteristic}): quantity = their sum; price = the plain offer's
 *       price if there is one, else the lowest characteristic price. Each characteristic becomes exactly one option
 *       value (see {@link CatalogSettings.VariantModel}): its own quantity, the difference between its price and the
 *       product price, its SKU, and the link {@code <product>#<characteristic>} that orders and stock messages use.
 *       OpenCart adds up the differences of the chosen values and checks each chosen value's stock on its own, so
 *       one value per characteristic is what makes the storefront price and stock 1C's.</li>
 *   <li>A characteristic 1C sent without {@code ХарактеристикиТовара} (UT 11 puts the variant only into the name,
 *       "Ботфорты (38)") is a value of the fallback option, named by the text in the last parentheses.</li>
 *   <li>Quantities are whole, never negative (OpenCart's column is an int); deleted offers do not count.</li>
 * </ul>
 */
final class StockAggregator {
  private static final Pattern LAST_PARENTHESES = Pattern.compile("\\(([^()]+)\\)\\s*$");
  /** OpenCart's option and option value names (option_description, option_value_description). */
  static final int MAX_NAME = 128;
  static final String JOIN = ", ";

  private final String fallbackOption;
  private final CatalogSettings.VariantModel model;

  StockAggregator(String fallbackOption, CatalogSettings.VariantModel model) {
    this.fallbackOption = fallbackOption;
    this.model = model;
  }

  record OptionValueSpec(String value, String externalId, String sku, int quantity, BigDecimal priceDifference) {}

  record OptionSpec(String name, List<OptionValueSpec> values) {}

  /** What a value is, without what changes with stock and price: a stock or price change is no structure change. */
  private record ValueShape(String value, String externalId, String sku) {}

  private record OptionShape(String name, List<ValueShape> values) {}

  record ProductStock(BigDecimal price, Integer quantity, List<OptionSpec> options) {
    /** Null when the product has no options, so a product that never had any needs no option write. */
    String optionsHash() {
      if (options.isEmpty()) return null;
      List<OptionShape> shape = new ArrayList<>();
      for (OptionSpec o : options) {
        shape.add(new OptionShape(o.name(), o.values().stream()
            .map(v -> new ValueShape(v.value(), v.externalId(), v.sku())).toList()));
      }
      return Hashes.ofJson(shape);
    }

    /** Quantity and price difference of every value: what a {@code products.stock_price} line carries. */
    String optionStockHash() {
      if (options.isEmpty()) return null;
      StringBuilder sb = new StringBuilder();
      options.forEach(o -> o.values().forEach(v -> sb.append(v.externalId()).append('=').append(v.quantity())
          .append(':').append(v.priceDifference().toPlainString()).append(';')));
      return Hashes.of(sb.toString());
    }

    /** Whether price, quantity or a value's stock or price difference differ from what the shop was last told. */
    boolean stockDiffersFrom(ProductState state) {
      boolean q = quantity != null
          && (state.quantity() == null || state.quantity().compareTo(BigDecimal.valueOf(quantity)) != 0);
      boolean p = price != null && (state.price() == null || state.price().compareTo(price) != 0);
      return q || p || !Objects.equals(optionStockHash(), state.optionStockHash());
    }

    /** The {@code products.stock_price} line (by external id) that makes the shop hold this. */
    StockItem stockItem(String productId) {
      List<OptionValueStock> values = null;
      if (!options.isEmpty()) {
        values = new ArrayList<>();
        for (OptionValueSpec v : optionValues()) values.add(OptionValueStock.of(v.externalId(), v.quantity(), v.priceDifference()));
      }
      return new StockItem(productId, quantity, price, null, values);
    }

    /** What to remember once the shop confirmed it. */
    CatalogStore.StockState state(String productId) {
      return new CatalogStore.StockState(productId, quantity, price, optionsHash(), optionStockHash());
    }

    /** Every option value, flat, in option order. */
    List<OptionValueSpec> optionValues() {
      List<OptionValueSpec> all = new ArrayList<>();
      options.forEach(o -> all.addAll(o.values()));
      return all;
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
    List<Variant> variants = new ArrayList<>();
    for (CatalogStore.StagedOffer o : characteristics) variants.add(variant(productId, o, price));
    List<OptionSpec> options = model == CatalogSettings.VariantModel.KINDS ? perKind(productId, variants, quantity) : null;
    return new ProductStock(money(price), quantity, options != null ? options : combinations(variants));
  }

  /** One characteristic: its values by kind (in its own order) and what its option value carries. */
  private record Variant(Map<String, String> values, String externalId, String sku, int quantity,
      BigDecimal difference) {}

  private Variant variant(String productId, CatalogStore.StagedOffer o, BigDecimal base) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Characteristic c : kindsOf(o)) values.merge(c.name(), c.value(), (a, b) -> a.equals(b) ? a : a + JOIN + b);
    String externalId = variantExternalId(productId, o.characteristicId());
    if (externalId == null) externalId = "pv-" + Hashes.of(productId + "\u0000" + o.characteristicId());
    BigDecimal difference = o.price() == null || base == null ? BigDecimal.ZERO : o.price().subtract(base);
    return new Variant(values, externalId, o.sku(), o.quantity() == null ? 0 : whole(o.quantity()), money(difference));
  }

  /**
   * One option; its name the kinds in order of first appearance ("Размер, Цвет"), each value a characteristic's
   * values in that order ("40, белый"). Two characteristics that read the same get their SKU (else a number)
   * appended, so both stay orderable and each keeps its own stock.
   */
  private List<OptionSpec> combinations(List<Variant> variants) {
    List<String> kinds = new ArrayList<>();
    variants.forEach(v -> v.values().keySet().forEach(k -> { if (!kinds.contains(k)) kinds.add(k); }));
    Set<String> taken = new HashSet<>();
    List<OptionValueSpec> values = new ArrayList<>();
    for (Variant v : variants) {
      List<String> parts = new ArrayList<>();
      for (String kind : kinds) if (v.values().containsKey(kind)) parts.add(v.values().get(kind));
      String base = String.join(JOIN, parts);
      String text = clip(base);
      if (taken.contains(key(text)) && v.sku() != null && !v.sku().isBlank()) text = clip(base + " (" + v.sku() + ")");
      for (int n = 2; taken.contains(key(text)); n++) text = clip(base + " (" + n + ")");
      taken.add(key(text));
      values.add(new OptionValueSpec(text, v.externalId(), v.sku(), v.quantity(), v.difference()));
    }
    return List.of(new OptionSpec(clip(String.join(JOIN, kinds)), values));
  }

  /**
   * One option per kind, when that is exact: every characteristic has every kind, at most one kind has more than
   * one value, and that kind's values are distinct. Then each value of the varying kind stands for exactly one
   * characteristic (its stock, price and link); the other kinds are a single constant value. Null otherwise.
   */
  private List<OptionSpec> perKind(String productId, List<Variant> variants, Integer total) {
    List<String> kinds = new ArrayList<>(variants.get(0).values().keySet());
    for (Variant v : variants) {
      if (!new HashSet<>(kinds).equals(v.values().keySet())) return null; // a kind missing somewhere
    }
    String varying = null;
    for (String kind : kinds) {
      if (distinct(variants, kind) > 1) {
        if (varying != null) return null; // two kinds vary: OpenCart would let the buyer mix them freely
        varying = kind;
      }
    }
    if (varying == null) {
      if (variants.size() > 1) return null; // the same values twice: only a combination can tell them apart
      varying = kinds.get(0);
    } else if (distinct(variants, varying) != variants.size()) {
      return null;
    }
    List<OptionSpec> options = new ArrayList<>();
    for (String kind : kinds) {
      List<OptionValueSpec> values = new ArrayList<>();
      if (kind.equals(varying)) {
        for (Variant v : variants) {
          values.add(new OptionValueSpec(clip(v.values().get(kind)), v.externalId(), v.sku(), v.quantity(), v.difference()));
        }
      } else {
        String value = variants.get(0).values().get(kind);
        values.add(new OptionValueSpec(clip(value), "pv-" + Hashes.of(productId + "\u0000" + kind + "\u0000" + value), null,
            total == null ? 0 : total, money(BigDecimal.ZERO)));
      }
      options.add(new OptionSpec(clip(kind), values));
    }
    return options;
  }

  private static long distinct(List<Variant> variants, String kind) {
    return variants.stream().map(v -> key(v.values().get(kind))).distinct().count();
  }

  private static String key(String text) {
    return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
  }

  private static String clip(String s) {
    return ProductMapper.clip(s, MAX_NAME);
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

  /** The kind → value pairs of a characteristic, or the fallback kind with the variant read from its name. */
  List<Characteristic> kindsOf(CatalogStore.StagedOffer o) {
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
