package com.ocbridge.commerceml;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * How {@link OrdersWriter} writes the orders document for {@code type=sale&mode=query}.
 *
 * @param charset       windows-1251 (the reference server's choice, read by every 1C client; the default) or
 *                      UTF-8 (Bitrix module ≥ 6.5 / 3.1 clients); the prolog always names it
 * @param schemaVersion {@code ВерсияСхемы}, e.g. "2.05" (default) or "3.1"
 * @param container     wrap every {@code Документ} in {@code <Контейнер>} (what 3.1 clients expect)
 * @param utf8Bom       start UTF-8 output with a byte order mark (some 1C versions need it; ignored for other charsets)
 * @param namespace     default namespace of the root (e.g. "urn:1C.ru:commerceml_3"), or null for none
 * @param generatedAt   {@code ДатаФормирования}; null means "now" at the time the header is written
 */
public record OrdersWriterOptions(Charset charset, String schemaVersion, boolean container, boolean utf8Bom,
                  String namespace, LocalDateTime generatedAt) {

  public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  public OrdersWriterOptions {
    if (charset == null) {
      charset = WINDOWS_1251;
    }
    if (schemaVersion == null || schemaVersion.isBlank()) {
      schemaVersion = "2.05";
    }
  }

  /** windows-1251, schema 2.05, no container, no namespace. */
  public static OrdersWriterOptions defaults() {
    return new OrdersWriterOptions(WINDOWS_1251, "2.05", false, false, null, null);
  }

  /** UTF-8 with BOM, schema 3.1, each document in a {@code Контейнер} (1C-Bitrix module ≥ 6.5 style clients). */
  public static OrdersWriterOptions v31() {
    return new OrdersWriterOptions(StandardCharsets.UTF_8, "3.1", true, true, null, null);
  }

  public OrdersWriterOptions withCharset(Charset v) {
    return new OrdersWriterOptions(v, schemaVersion, container, utf8Bom, namespace, generatedAt);
  }

  public OrdersWriterOptions withSchemaVersion(String v) {
    return new OrdersWriterOptions(charset, v, container, utf8Bom, namespace, generatedAt);
  }

  public OrdersWriterOptions withContainer(boolean v) {
    return new OrdersWriterOptions(charset, schemaVersion, v, utf8Bom, namespace, generatedAt);
  }

  public OrdersWriterOptions withUtf8Bom(boolean v) {
    return new OrdersWriterOptions(charset, schemaVersion, container, v, namespace, generatedAt);
  }

  public OrdersWriterOptions withNamespace(String v) {
    return new OrdersWriterOptions(charset, schemaVersion, container, utf8Bom, v, generatedAt);
  }

  public OrdersWriterOptions withGeneratedAt(LocalDateTime v) {
    return new OrdersWriterOptions(charset, schemaVersion, container, utf8Bom, namespace, v);
  }

  /** The matching {@code Content-Type}, e.g. {@code application/xml; charset=windows-1251}. */
  public String contentType() {
    return "application/xml; charset=" + charset.name();
  }
}
