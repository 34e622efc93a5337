package com.ocbridge.opencart.model;

import java.util.Map;

/**
 * Answer of {@code option.upsert}.
 *
 * @param valueIdsByExternalId {@code option_value_id} of each written value, keyed by its external id
 */
public record OptionUpsertResult(long optionId, boolean created, Map<String, Long> valueIdsByExternalId) {

  public OptionUpsertResult {
    valueIdsByExternalId = valueIdsByExternalId == null ? Map.of() : Map.copyOf(valueIdsByExternalId);
  }
}
