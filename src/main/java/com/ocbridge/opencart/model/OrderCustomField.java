package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * One of the buyer's custom fields of an order (ИНН, КПП, company name …): {@code name} in the shop's default
 * language (empty when the field was deleted since), {@code location} {@code account} or {@code address}, and the
 * value as text (a select/radio/checkbox value already resolved to its name by the shop).
 */
public record OrderCustomField(Integer customFieldId, String name, String location, String value) {
}
