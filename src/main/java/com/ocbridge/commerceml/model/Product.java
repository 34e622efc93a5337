package com.ocbridge.commerceml.model;

import java.util.List;
import java.util.Map;

/**
 * {@code <Товар>} of a catalog.
 *
 * @param id               the Ид as written; old files (2.04) put variants here as {@code product#characteristic}
 * @param productId        the part of {@code id} before '#'
 * @param characteristicId the part after '#', or null
 * @param barcode          {@code Штрихкод} or {@code ШтрихКод}
 * @param groupIds         {@code Группы/Ид}
 * @param pictures         {@code Картинка} paths (empty elements dropped)
 * @param properties       {@code ЗначенияСвойств}, resolved against the classifier where the value is a reference
 * @param requisites       {@code ЗначенияРеквизитов}: name → value, in document order (repeated names joined by '\n')
 * @param deleted          {@code ПометкаУдаления=true} or {@code Статус="Удален"}
 * @param status           the {@code Статус} attribute (Новый / Изменен / Удален) or null
 * @param characteristics  {@code ХарактеристикиТовара} (variants in the old layout)
 * @param version          {@code НомерВерсии} (2.09/3.x) or null
 */
public record Product(String id, String productId, String characteristicId, String sku, String barcode, String name,
            String description, UnitRef baseUnit, List<String> groupIds, List<String> pictures,
            Manufacturer manufacturer, List<PropertyValue> properties, Map<String, String> requisites,
            List<TaxRate> taxRates, boolean deleted, String status, List<Characteristic> characteristics,
            String version) implements CmlRecord {

  /** The first value of the given property (by Ид), or null. */
  public PropertyValue property(String propertyId) {
    for (PropertyValue v : properties) {
      if (v.propertyId().equals(propertyId)) {
        return v;
      }
    }
    return null;
  }

  /** The first value of the property with this (classifier) name, or null. */
  public PropertyValue propertyNamed(String propertyName) {
    for (PropertyValue v : properties) {
      if (propertyName.equals(v.propertyName())) {
        return v;
      }
    }
    return null;
  }

  @Override
  public RecordKind kind() {
    return RecordKind.PRODUCT;
  }
}
