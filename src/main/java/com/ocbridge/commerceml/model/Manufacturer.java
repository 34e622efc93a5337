package com.ocbridge.commerceml.model;

/** {@code <Изготовитель>} of a product. */
public record Manufacturer(String id, String name) {
}
