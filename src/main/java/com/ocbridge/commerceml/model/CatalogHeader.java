package com.ocbridge.commerceml.model;

/**
 * {@code <Каталог>} header, emitted before its products.
 *
 * @param onlyChanges {@code СодержитТолькоИзменения}; false when absent (a full export). Some old files put it
 *                    as an element <em>after</em> the products; {@code ReadSummary.onlyChanges()} has the final value.
 */
public record CatalogHeader(String id, String classifierId, String name, boolean onlyChanges) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.CATALOG;
  }
}
