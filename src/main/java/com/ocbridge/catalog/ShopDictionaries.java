package com.ocbridge.catalog;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.AttributeGroupRef;
import com.ocbridge.opencart.model.AttributeUpsert;
import com.ocbridge.opencart.model.AttributeWrite;
import com.ocbridge.opencart.model.EntityMatch;
import com.ocbridge.opencart.model.LocalizedName;
import com.ocbridge.opencart.model.ManufacturerUpsert;
import com.ocbridge.opencart.model.ManufacturerWrite;
import com.ocbridge.opencart.model.OptionUpsert;
import com.ocbridge.opencart.model.OptionValueWrite;
import com.ocbridge.opencart.model.OptionWrite;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Manufacturers, attributes and options in the shop, created on first use and remembered in
 * {@code catalog_link}/{@code catalog_option_value}; their ids are cached for the job (dictionary-sized).
 *
 * <p>Manufacturers and options are matched by name, so a shop's existing "Apple" or "Размер" is reused instead of
 * duplicated; attributes by the 1C property Ид (names of properties are not unique in 1C).
 */
final class ShopDictionaries {
  static final String MANUFACTURER = "manufacturer";
  static final String ATTRIBUTE = "attribute";
  static final String OPTION = "option";

  private final OpenCartClient shop;
  private final CatalogStore store;
  private final CatalogSettings settings;
  private final Map<String, CatalogStore.Link> manufacturers;
  private final Map<String, CatalogStore.Link> attributes;
  private final Map<String, CatalogStore.Link> options;
  private final Map<String, Map<String, CatalogStore.OptionValue>> optionValues;

  private ShopDictionaries(OpenCartClient shop, CatalogStore store, CatalogSettings settings,
      Map<String, CatalogStore.Link> manufacturers, Map<String, CatalogStore.Link> attributes,
      Map<String, CatalogStore.Link> options, Map<String, Map<String, CatalogStore.OptionValue>> optionValues) {
    this.shop = shop;
    this.store = store;
    this.settings = settings;
    this.manufacturers = manufacturers;
    this.attributes = attributes;
    this.options = options;
    this.optionValues = optionValues;
  }

  static Future<ShopDictionaries> load(OpenCartClient shop, CatalogStore store, CatalogSettings settings) {
    return store.links(MANUFACTURER).compose(m -> store.links(ATTRIBUTE).compose(a -> store.links(OPTION)
        .compose(o -> store.optionValues().map(v -> new ShopDictionaries(shop, store, settings, m, a, o, v)))));
  }

  static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** The option value's external id in the shop: stable per option and value text. */
  static String optionValueId(String optionName, String value) {
    return "cv-" + Hashes.of(key(optionName) + "\u0000" + key(value));
  }

  // ---------------------------------------------------------------- manufacturers

  Long manufacturerId(String name) {
    CatalogStore.Link link = manufacturers.get(key(name));
    return link == null ? null : link.ocId();
  }

  Future<Void> ensureManufacturers(List<String> names, ImportStats stats) {
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain = chain.compose(v -> {
        if (manufacturerId(name) != null) return Future.succeededFuture();
        String clipped = ProductMapper.clip(name, 64);
        return shop.upsertManufacturer(new ManufacturerUpsert(EntityMatch.name(clipped), true,
                new ManufacturerWrite(clipped, null, null, settings.storeIds(), null)))
            .compose(r -> store.saveLink(MANUFACTURER, key(name), r.id(), null).map(x -> {
              manufacturers.put(key(name), new CatalogStore.Link(r.id(), null));
              stats.inc(ImportStats.MANUFACTURERS);
              return null;
            }));
      });
    }
    return chain;
  }

  // ---------------------------------------------------------------- attributes

  Long attributeId(String propertyId) {
    CatalogStore.Link link = attributes.get(propertyId);
    return link == null ? null : link.ocId();
  }

  /** Creates attributes that do not exist and renames those whose 1C property was renamed. */
  Future<Void> ensureAttributes(Map<String, String> namesByPropertyId, ImportStats stats) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> e : namesByPropertyId.entrySet()) {
      chain = chain.compose(v -> {
        String name = ProductMapper.clip(e.getValue(), 64);
        String hash = Hashes.of(name);
        CatalogStore.Link link = attributes.get(e.getKey());
        if (link != null && hash.equals(link.hash())) return Future.succeededFuture();
        AttributeWrite write = new AttributeWrite(AttributeGroupRef.named(Map.of(settings.language(),
            settings.attributeGroup())), null, Map.of(settings.language(), new LocalizedName(name)));
        return shop.upsertAttribute(new AttributeUpsert(EntityMatch.externalId(e.getKey()), true, write))
            .compose(r -> store.saveLink(ATTRIBUTE, e.getKey(), r.attributeId(), hash).map(x -> {
              attributes.put(e.getKey(), new CatalogStore.Link(r.attributeId(), hash));
              stats.inc(ImportStats.ATTRIBUTES);
              return null;
            }));
      });
    }
    return chain;
  }

  // ---------------------------------------------------------------- options

  record OptionIds(long optionId, Map<String, Long> valueIds) {}

  /** The option's id and its values' ids by value external id, or null when some are not in the shop yet. */
  OptionIds option(String optionName, List<String> values) {
    CatalogStore.Link link = options.get(key(optionName));
    if (link == null) return null;
    Map<String, CatalogStore.OptionValue> known = optionValues.getOrDefault(key(optionName), Map.of());
    Map<String, Long> ids = new LinkedHashMap<>();
    for (String value : values) {
      CatalogStore.OptionValue v = known.get(optionValueId(optionName, value));
      if (v == null) return null;
      ids.put(v.externalId(), v.ocId());
    }
    return new OptionIds(link.ocId(), ids);
  }

  /**
   * Makes the option and all these values exist. option.upsert carries every known value of the option (the
   * values list of a write is the option's whole dictionary), so values of other products are kept.
   */
  Future<Void> ensureOptions(Map<String, List<String>> valuesByOption, ImportStats stats) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<String>> e : valuesByOption.entrySet()) {
      chain = chain.compose(v -> option(e.getKey(), e.getValue()) != null ? Future.succeededFuture()
          : writeOption(e.getKey(), e.getValue(), stats));
    }
    return chain;
  }

  private Future<Void> writeOption(String optionName, List<String> newValues, ImportStats stats) {
    String optionKey = key(optionName);
    Map<String, CatalogStore.OptionValue> known = optionValues.getOrDefault(optionKey, Map.of());
    Map<String, String> all = new LinkedHashMap<>(); // external id → name
    known.values().forEach(v -> all.put(v.externalId(), v.name()));
    newValues.forEach(value -> all.putIfAbsent(optionValueId(optionName, value), ProductMapper.clip(value, 128)));
    List<OptionValueWrite> writes = new ArrayList<>();
    all.forEach((id, name) -> writes.add(new OptionValueWrite(id, null, null,
        Map.of(settings.language(), new LocalizedName(name)))));
    OptionWrite write = new OptionWrite("select", null,
        Map.of(settings.language(), new LocalizedName(ProductMapper.clip(optionName, 128))), writes);
    return shop.upsertOption(new OptionUpsert(EntityMatch.name(optionName), true, write))
        .compose(r -> {
          List<CatalogStore.OptionValue> saved = new ArrayList<>();
          all.forEach((id, name) -> {
            Long ocId = r.valueIdsByExternalId().get(id);
            if (ocId != null) saved.add(new CatalogStore.OptionValue(id, name, ocId));
          });
          return store.saveLink(OPTION, optionKey, r.optionId(), null)
              .compose(x -> store.saveOptionValues(optionKey, saved))
              .map(x -> {
                options.put(optionKey, new CatalogStore.Link(r.optionId(), null));
                Map<String, CatalogStore.OptionValue> values = optionValues.computeIfAbsent(optionKey, k -> new LinkedHashMap<>());
                saved.forEach(s -> values.put(s.externalId(), s));
                stats.inc(ImportStats.OPTIONS);
                return null;
              });
        });
  }
}
