package com.ocbridge.catalog;

import com.ocbridge.commerceml.model.Product;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.opencart.model.AttributeRef;
import com.ocbridge.opencart.model.CategoryRef;
import com.ocbridge.opencart.model.ManufacturerRef;
import com.ocbridge.opencart.model.ProductAttributeValue;
import com.ocbridge.opencart.model.ProductDescription;
import com.ocbridge.opencart.model.ProductImage;
import com.ocbridge.opencart.model.ProductWrite;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A 1C {@code Товар} → the product fields the catalog owns (contract §6.1). Price, quantity and options are not
 * part of it: they come from offers and travel separately ({@link OfferApplier}), so that a stock change never
 * costs a full product write.
 *
 * <p>Decisions: external_id = the Ид before '#'; sku and model = Артикул, else that Ид (model is required by
 * OpenCart, 64 chars); name = Наименование, else "Полное наименование"; Штрихкод → ean (first code, 14 chars);
 * requisite "Вес" → weight; groups → categories the shop has; Изготовитель (or the configured property) →
 * manufacturer; other property values with a name and a text → attributes (references resolved to their text,
 * unresolved GUIDs dropped rather than shown to buyers); pictures → image + images; ПометкаУдаления → disabled.
 * Fields 1C does not fill are not sent, so what the shop owns (SEO texts, specials, descriptions 1C leaves
 * empty) is left alone.
 */
final class ProductMapper {
  private final CatalogSettings settings;

  ProductMapper(CatalogSettings settings) {
    this.settings = settings;
  }

  /** What the shop must know before the product can reference it. */
  record Needs(String manufacturer, Map<String, String> attributes, List<String> pictures) {}

  /** Ids the shop gave to what a product references. */
  interface Resolved {
    Long categoryId(String groupId);

    Long manufacturerId(String name);

    Long attributeId(String propertyId);

    String imagePath(String source);
  }

  Needs needs(Product p) {
    return new Needs(manufacturerName(p), attributeTexts(p, true), p.pictures());
  }

  ProductWrite map(Product p, Resolved ids) {
    String externalId = p.productId();
    String sku = sku(p);
    ProductWrite.Builder b = ProductWrite.builder()
        .externalId(externalId)
        .sku(sku)
        .model(clip(sku, 64))
        .status(!p.deleted())
        .storeIds(settings.storeIds())
        .description(settings.language(), new ProductDescription(name(p), p.description(), name(p), null, null, null));
    String ean = ean(p.barcode());
    if (ean != null) b.ean(ean);
    BigDecimal weight = decimal(p.requisites().get("Вес"));
    if (weight != null) b.weight(weight);

    List<CategoryRef> categories = new ArrayList<>();
    for (String groupId : new LinkedHashSet<>(p.groupIds())) {
      Long id = ids.categoryId(groupId);
      if (id != null) categories.add(CategoryRef.id(id));
    }
    b.categories(categories);

    String manufacturer = manufacturerName(p);
    Long manufacturerId = manufacturer == null ? null : ids.manufacturerId(manufacturer);
    if (manufacturerId != null) b.manufacturer(ManufacturerRef.id(manufacturerId));

    List<ProductAttributeValue> attributes = new ArrayList<>();
    attributeTexts(p, false).forEach((propertyId, text) -> {
      Long id = ids.attributeId(propertyId);
      if (id != null) attributes.add(new ProductAttributeValue(AttributeRef.id(id), Map.of(settings.language(), text)));
    });
    b.attributes(attributes);

    List<String> paths = new ArrayList<>();
    for (String picture : p.pictures()) {
      String path = ids.imagePath(picture);
      if (path != null && !paths.contains(path)) paths.add(path);
    }
    if (!paths.isEmpty()) {
      b.image(paths.get(0));
      List<ProductImage> extra = new ArrayList<>();
      for (int i = 1; i < paths.size(); i++) extra.add(new ProductImage(paths.get(i), i));
      b.images(extra);
    }
    return b.build();
  }

  static String sku(Product p) {
    String sku = p.sku() != null ? p.sku() : p.productId();
    return clip(sku, 64);
  }

  static String name(Product p) {
    String name = p.name() != null ? p.name() : p.requisites().get("Полное наименование");
    return clip(name != null ? name : sku(p), 255);
  }

  private String manufacturerName(Product p) {
    if (settings.manufacturerProperty() == null) {
      return p.manufacturer() == null ? null : blankToNull(p.manufacturer().name());
    }
    PropertyValue v = manufacturerProperty(p);
    return v == null ? null : blankToNull(v.value());
  }

  private PropertyValue manufacturerProperty(Product p) {
    String wanted = settings.manufacturerProperty();
    if (wanted == null) return null;
    for (PropertyValue v : p.properties()) {
      if (wanted.equals(v.propertyId()) || wanted.equalsIgnoreCase(v.propertyName())) return v;
    }
    return null;
  }

  /**
   * Property Ид → text (several values of one property joined), or → property name when {@code names}. Skips the
   * manufacturer property, nameless properties, empty values and references that did not resolve.
   */
  private Map<String, String> attributeTexts(Product p, boolean names) {
    PropertyValue manufacturer = manufacturerProperty(p);
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, String> propertyNames = new LinkedHashMap<>();
    for (PropertyValue v : p.properties()) {
      if (v.propertyId() == null || v.propertyName() == null || v.value() == null || v.value().isBlank()) continue;
      if (manufacturer != null && v.propertyId().equals(manufacturer.propertyId())) continue;
      if (!v.resolved() && looksLikeGuid(v.value())) continue;
      texts.merge(v.propertyId(), v.value(), (a, c) -> a.equals(c) ? a : a + ", " + c);
      propertyNames.putIfAbsent(v.propertyId(), v.propertyName());
    }
    return names ? propertyNames : texts;
  }

  static boolean looksLikeGuid(String s) {
    return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
  }

  private static String ean(String barcode) {
    if (barcode == null) return null;
    String first = barcode.split("[,;\\s]+")[0];
    return first.isEmpty() ? null : clip(first, 14);
  }

  /** 1C numbers may use a decimal comma and spaces between thousands. */
  static BigDecimal decimal(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return new BigDecimal(text.replace('\u00a0', ' ').replace(" ", "").replace(',', '.'));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String clip(String s, int max) {
    if (s == null || s.length() <= max) return s;
    return s.substring(0, max);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
