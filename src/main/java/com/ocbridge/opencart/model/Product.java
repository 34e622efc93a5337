package com.ocbridge.opencart.model;

import java.time.OffsetDateTime;

/**
 * A product as read from the shop (contract §6.2): its ids and dates plus every
 * {@link ProductWrite} field, with ids filled next to each reference.
 *
 * @param masterId 4.x variant master, 0 otherwise
 * @param fields   the written fields as the shop holds them
 */
public record Product(long productId, long masterId, OffsetDateTime dateAdded, OffsetDateTime dateModified,
           ProductWrite fields) {

  public String externalId() {
    return fields.externalId();
  }

  public String sku() {
    return fields.sku();
  }

  public String model() {
    return fields.model();
  }
}
