package com.ocbridge.opencart.model;

import java.util.Objects;

/**
 * How an upsert of a category, manufacturer, option or attribute finds the existing row:
 * {@code {"by":"external_id","value":"…"}}. Allowed {@code by} values depend on the entity
 * (contract §4): {@code external_id} everywhere, {@code name} for manufacturers, options and
 * attributes, and the entity's id field ({@code category_id}, {@code manufacturer_id}).
 */
public record EntityMatch(String by, String value) {

  public EntityMatch {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(value, "value");
  }

  public static EntityMatch externalId(String externalId) {
    return new EntityMatch("external_id", externalId);
  }

  public static EntityMatch name(String name) {
    return new EntityMatch("name", name);
  }

  /** By OpenCart id, e.g. {@code id("category_id", 20)}. */
  public static EntityMatch id(String idField, long id) {
    return new EntityMatch(idField, Long.toString(id));
  }
}
