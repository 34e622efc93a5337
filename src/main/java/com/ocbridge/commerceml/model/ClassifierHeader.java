package com.ocbridge.commerceml.model;

/**
 * {@code <Классификатор>}: its Ид and name, emitted before its groups, properties, price types, warehouses and
 * units.
 */
public record ClassifierHeader(String id, String name, boolean onlyChanges) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.CLASSIFIER;
  }
}
