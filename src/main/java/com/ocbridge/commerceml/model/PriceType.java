package com.ocbridge.commerceml.model;

/**
 * {@code <ТипЦены>} (in the offers package, or in the classifier in 2.09/3.x files).
 *
 * @param taxName     {@code Налог/Наименование}, e.g. "НДС", or null
 * @param taxIncluded {@code Налог/УчтеноВСумме}, null when not stated
 */
public record PriceType(String id, String name, String currency, String taxName, Boolean taxIncluded,
            boolean deleted) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.PRICE_TYPE;
  }
}
