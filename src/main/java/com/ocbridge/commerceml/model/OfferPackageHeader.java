package com.ocbridge.commerceml.model;

/**
 * {@code <ПакетПредложений>} (or {@code <ИзмененияПакетаПредложений>}) header, emitted before its price types,
 * warehouses and offers.
 */
public record OfferPackageHeader(String id, String catalogId, String classifierId, String name, boolean onlyChanges)
    implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.OFFER_PACKAGE;
  }
}
