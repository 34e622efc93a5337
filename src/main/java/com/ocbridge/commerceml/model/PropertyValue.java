package com.ocbridge.commerceml.model;

/**
 * One {@code <ЗначенияСвойства>} value of a product or offer.
 *
 * @param propertyName from the classifier (or the element's own {@code Наименование}); null if the property is unknown
 * @param rawValue     the text as written in the file (a value GUID for dictionary properties; decimal commas kept)
 * @param value        the dictionary text when {@code rawValue} is a known value reference, otherwise {@code rawValue}
 * @param resolved     whether {@code rawValue} was found in a value dictionary
 */
public record PropertyValue(String propertyId, String propertyName, String rawValue, String value, boolean resolved) {
}
