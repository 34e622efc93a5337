package com.ocbridge.commerceml.model;

/** {@code <ЕдиницаИзмерения>} of a 2.09/3.x classifier; codes are trimmed ("796 " becomes "796"). */
public record Unit(String id, String code, String shortName, String fullName, String internationalAbbreviation,
           boolean deleted) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.UNIT;
  }
}
