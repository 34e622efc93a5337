package com.ocbridge.commerceml.model;

import java.util.Map;

/**
 * {@code <Свойство>} of the classifier.
 *
 * @param valueType   {@code ТипЗначений}: "Справочник" (values are references into {@code values}), "Строка",
 *                    "Число", "Время", ... or null
 * @param forProducts {@code ДляТоваров}, null when not stated
 * @param forOffers   {@code ДляПредложений} (offer/characteristic properties), null when not stated
 * @param values      the value dictionary {@code ИдЗначения → Значение}, in document order
 */
public record Property(String id, String name, String valueType, Boolean forProducts, Boolean forOffers,
             boolean deleted, Map<String, String> values) implements CmlRecord {

  public boolean isDictionary() {
    return "Справочник".equalsIgnoreCase(valueType) || !values.isEmpty();
  }

  @Override
  public RecordKind kind() {
    return RecordKind.PROPERTY;
  }
}
