package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A payment or shipping address of an order. */
public record OrderAddress(String firstname, String lastname, String company,
              @JsonProperty("address_1") String address1, @JsonProperty("address_2") String address2,
              String city, String postcode, String zone, Integer zoneId, String country,
              Integer countryId, @JsonProperty("iso_code_2") String isoCode2, JsonNode customField) {
}
