package com.ocbridge.commerceml.model;

import java.math.BigDecimal;

/**
 * One {@code <Цена>} of an offer.
 *
 * @param priceTypeName resolved from the known price types (this file or an earlier one), or null
 * @param amount        {@code ЦенаЗаЕдиницу}; null only if the file has no parsable amount
 * @param unit          {@code Единица}: a short name ("шт") or a code ("796"), as written
 * @param coefficient   {@code Коэффициент}, null when absent
 * @param presentation  {@code Представление}, display text such as "1 719 руб. за шт"
 */
public record Price(String priceTypeId, String priceTypeName, BigDecimal amount, String currency, String unit,
          BigDecimal coefficient, String presentation) {
}
