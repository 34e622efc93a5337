package com.ocbridge.commerceml;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * What a finished read saw.
 *
 * @param kinds          document kinds found at the root
 * @param schemaVersion  {@code ВерсияСхемы} as written ("2.08"), or null
 * @param generatedAt    {@code ДатаФормирования}, leniently parsed, or null
 * @param onlyChanges    the last {@code СодержитТолькоИзменения} seen (attribute or element) on the classifier,
 *                       catalog or offer package; null when no header stated it
 * @param encoding       the encoding the input was decoded from ("UTF-8", "windows-1251", ...)
 * @param bom            whether the input started with a UTF-8 byte order mark
 * @param bytes          bytes read from the source
 * @param counts         records per kind ({@code RecordKind.key()}: group, property, priceType, warehouse, unit,
 *                       classifier, catalog, offerPackage, product, offer, order) plus {@code price}: the number
 *                       of {@code Цена} entries and {@code stock}: the number of stock entries (one per warehouse
 *                       quantity plus one per total quantity). Only non-zero counts are present.
 */
public record ReadSummary(Set<DocumentKind> kinds, String schemaVersion, LocalDateTime generatedAt,
              Boolean onlyChanges, String encoding, boolean bom, long bytes, Map<String, Long> counts) {

  /** The count for a kind key, 0 when absent. */
  public long count(String kind) {
    return counts.getOrDefault(kind, 0L);
  }
}
