package com.ocbridge.commerceml.model;

/**
 * A unit as a product, offer or order line refers to it: 2.x writes
 * {@code <БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>},
 * 3.x only the code ({@code <БазоваяЕдиница>796 </БазоваяЕдиница>}), which the reader completes from the
 * classifier's units when it knows them. Codes are trimmed.
 *
 * @param name short name ("шт")
 */
public record UnitRef(String code, String name, String fullName, String internationalAbbreviation) {
}
