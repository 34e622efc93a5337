package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Set;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * What {@code ping} tells about the shop and the extension.
 *
 * @param features additions to operations the extension announces, e.g. {@value #HISTORY_IDEMPOTENCY_KEY}; empty
 *     from extensions older than the list
 */
public record ShopInfo(String bridgeVersion, String opencartVersion, List<ShopLanguage> languages,
            List<ShopStore> stores, String currency, String timezone, Set<String> capabilities, Set<String> features) {

  /** {@code order.history_add} honours {@code idempotency_key}, so it may be repeated after a lost answer. */
  public static final String HISTORY_IDEMPOTENCY_KEY = "order.history_add.idempotency_key";

  public ShopInfo {
    languages = languages == null ? List.of() : List.copyOf(languages);
    stores = stores == null ? List.of() : List.copyOf(stores);
    capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    features = features == null ? Set.of() : Set.copyOf(features);
  }

  /** Whether the extension serves this operation (contract §10: check before use). */
  public boolean supports(String op) {
    return capabilities.contains(op);
  }
}
