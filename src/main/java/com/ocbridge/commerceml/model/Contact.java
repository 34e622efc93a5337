package com.ocbridge.commerceml.model;

/** {@code <Контакт>}: e.g. type "Почта" / "Телефон рабочий", value the address or number. */
public record Contact(String type, String value) {
}
