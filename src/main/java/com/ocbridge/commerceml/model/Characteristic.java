package com.ocbridge.commerceml.model;

/** {@code <ХарактеристикаТовара>}: e.g. name "Размер", value "38". */
public record Characteristic(String name, String value) {
}
