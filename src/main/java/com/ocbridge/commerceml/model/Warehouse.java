package com.ocbridge.commerceml.model;

/** {@code <Склады>/<Склад>} definition (offers package or classifier). */
public record Warehouse(String id, String name, boolean deleted) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.WAREHOUSE;
  }
}
