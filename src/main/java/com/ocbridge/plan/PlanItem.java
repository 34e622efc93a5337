package com.ocbridge.plan;

/**
 * One line of a change plan: what a job will do to one thing in the shop. An update has one line per field that
 * changes ({@code field}, {@code oldValue} → {@code newValue}); {@code oldValue} is null where the bridge keeps only a
 * hash of what it sent (description, categories, attributes, pictures), and a field of {@code data} means "some field
 * the bridge did not keep a per-field hash of yet" (products last written before plans existed).
 */
public record PlanItem(String kind, String action, String externalId, String name, String field, String oldValue,
    String newValue) {
  public static final String PRODUCT = "product";
  public static final String CATEGORY = "category";
  public static final String OFFER = "offer";
  public static final String IMAGE = "image";

  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String DISABLE = "disable";
  public static final String ENABLE = "enable";

  static final java.util.List<String> KINDS = java.util.List.of(PRODUCT, CATEGORY, OFFER, IMAGE);
  static final java.util.List<String> ACTIONS = java.util.List.of(CREATE, UPDATE, DISABLE, ENABLE);
}
