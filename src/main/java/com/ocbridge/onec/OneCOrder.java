package com.ocbridge.onec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An order as 1C's orders service takes it (schema version 1 of the contract in onec-http-services.md §2.2).
 * Money and quantities are decimal strings, as the contract asks (1C numbers lose precision through doubles);
 * {@code createdAt} is ISO-8601 with an offset. The orders module maps OpenCart orders onto this.
 *
 * <p>{@code payloadHash} is filled in by {@link OneCOrdersClient} just before sending; leave it null.
 */
public record OneCOrder(
    int schemaVersion,
    String source,
    String storeId,
    String siteOrderId,
    String siteOrderNumber,
    String createdAt,
    String currency,
    String payloadHash,
    Customer customer,
    Shipping delivery,
    Payment payment,
    String comment,
    List<Item> items,
    Totals totals) {

  public static final int SCHEMA_VERSION = 1;
  public static final String SOURCE_OPENCART = "opencart";

  /**
   * @param kind {@code person} or {@code company} ({@code orders.company}); for a company {@code name} is the
   *             company's and {@code inn}/{@code kpp} its requisites (null when the shop has none)
   */
  public record Customer(String siteCustomerId, String kind, String name, String email, String phone, String inn,
      String kpp) {}

  public record Address(String postcode, String city, String line) {}

  /** The contract's {@code delivery} block (named Shipping here, to keep "delivery" for outbox deliveries). */
  public record Shipping(String method, String cost, Address address) {}

  public record Payment(String method, String status, String amount, String transactionId) {}

  /**
   * {@code onecProductId}/{@code onecVariantId}: 1C GUIDs from the catalog exchange; {@code sku} is the fallback.
   * {@code characteristics} are the variant's kinds and values as the buyer chose them ({@code [{"name": "Размер",
   * "value": "40"}, …]}), what 1C can match by when {@code onecVariantId} is null; left out of the JSON when there
   * are none, so that orders queued before the field existed keep their payload hash. Money is in the order's
   * currency; {@code unitPrice} includes tax, {@code discount} is the line's share of the order's discounts (0.00
   * unless {@code orders.discounts} = line) and {@code amount} = quantity × unitPrice − discount.
   */
  public record Item(int line, String sku, String onecProductId, String onecVariantId, String name, String quantity,
      String unitPrice, String discount, String amount, String vatRate,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Characteristic> characteristics) {
    public Item {
      characteristics = characteristics == null ? List.of() : List.copyOf(characteristics);
    }

    /** An item without characteristics. */
    public Item(int line, String sku, String onecProductId, String onecVariantId, String name, String quantity,
        String unitPrice, String discount, String amount, String vatRate) {
      this(line, sku, onecProductId, onecVariantId, name, quantity, unitPrice, discount, amount, vatRate, List.of());
    }
  }

  /** One kind of a variant and its value, e.g. Размер = 40. */
  public record Characteristic(String name, String value) {}

  public record Totals(String items, String discount, String delivery, String total) {}

  /** {@code opencart:<storeId>:<orderId>}: the same for every attempt, so 1C can recognise a repeat. */
  public String idempotencyKey() {
    return source + ":" + storeId + ":" + siteOrderId;
  }

  public OneCOrder withPayloadHash(String hash) {
    return new OneCOrder(schemaVersion, source, storeId, siteOrderId, siteOrderNumber, createdAt, currency, hash,
        customer, delivery, payment, comment, items, totals);
  }
}
