package com.ocbridge.commerceml;

import com.ocbridge.commerceml.CommerceMlException.Reason;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken and hostile input: the right reason, a clear message, and the position in the original file. */
class MalformedAndHostileTest extends ReaderTestBase {
  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  static CommerceMlException fail(byte[] doc, int chunk, CommerceMlReader reader) {
    Future<ReadSummary> f =
        new ChunkedReadStream(context, doc, () -> chunk).readWith(reader, r -> Future.succeededFuture());
    Exception e = assertThrows(Exception.class, f::await);
    Throwable t = e instanceof CompletionException ? e.getCause() : e;
    return assertInstanceOf(CommerceMlException.class, t, String.valueOf(t));
  }

  static CommerceMlException fail(String doc, int chunk) {
    return fail(doc.getBytes(StandardCharsets.UTF_8), chunk, new CommerceMlReader());
  }

  @Test
  void mismatched_end_tag_reports_line_and_column_in_the_original_file() {
    // BOM + prolog + comment: the prolog is removed before aalto, positions must still be those of the file
    String doc = "\uFEFF" + PROLOG
        + "<!-- 1С\n -->\n<КоммерческаяИнформация>\n  <Каталог>\n    <Ид>ЖЖЖ</Ид></Товар>\n</КоммерческаяИнформация>";
    for (int chunk : new int[]{1, 3, 64, 65536}) {
      CommerceMlException e = fail(doc, chunk);
      assertEquals(Reason.MALFORMED_XML, e.reason());
      assertEquals(6, e.line(), e.getMessage());
      // aalto notices the mismatch inside the offending "</Товар>" (columns 17-24 of "    <Ид>ЖЖЖ</Ид></Товар>");
      // the column counts characters, not the bytes aalto counts
      assertEquals(21, e.column(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Malformed XML: Unexpected end tag: expected </Каталог>"), e.getMessage());
      assertTrue(e.getMessage().endsWith("(line 6, column 21)"), e.getMessage());
    }
  }

  @Test
  void error_on_the_root_line_counts_the_prolog_columns() {
    CommerceMlException e = fail(PROLOG.strip() + "<КоммерческаяИнформация a='1' a='2'/>", 7);
    assertEquals(Reason.MALFORMED_XML, e.reason());
    assertEquals(1, e.line());
    assertTrue(e.column() > 38, e.getMessage()); // after the 38-character declaration
  }

  @Test
  void truncated_document() {
    CommerceMlException e = fail(PROLOG + "<КоммерческаяИнформация>\n<Каталог><Ид>1</Ид>", 5);
    assertEquals(Reason.MALFORMED_XML, e.reason());
    assertTrue(e.getMessage().contains("Unexpected end of input"), e.getMessage());
    assertTrue(e.getMessage().contains("2 elements not closed"), e.getMessage());
  }

  @Test
  void empty_input_and_prolog_only() {
    assertEquals(Reason.MALFORMED_XML, fail("", 1).reason());
    assertEquals(Reason.MALFORMED_XML, fail(PROLOG, 4).reason());
  }

  @Test
  void invalid_utf8_bytes() {
    byte[] doc = (PROLOG + "<КоммерческаяИнформация>X</КоммерческаяИнформация>").getBytes(StandardCharsets.UTF_8);
    doc[doc.length - 30] = (byte) 0xC0; // not valid UTF-8 here
    CommerceMlException e = fail(doc, 8, new CommerceMlReader());
    assertEquals(Reason.MALFORMED_XML, e.reason());
    assertEquals(2, e.line());
  }

  @Test
  void doctype_with_external_entity_is_refused_before_parsing() {
    String xxe = PROLOG + "<!DOCTYPE КоммерческаяИнформация [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + "<КоммерческаяИнформация><Каталог><Ид>&xxe;</Ид></Каталог></КоммерческаяИнформация>";
    for (int chunk : new int[]{1, 2, 9, 4096}) {
      CommerceMlException e = fail(xxe, chunk);
      assertEquals(Reason.DOCTYPE_NOT_ALLOWED, e.reason());
      assertEquals("DOCTYPE is not allowed in CommerceML (line 2, column 1)", e.getMessage());
    }
  }

  @Test
  void billion_laughs_is_refused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1 == 0 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    CommerceMlException e = fail(PROLOG + dtd + "<КоммерческаяИнформация>&lol9;</КоммерческаяИнформация>", 1024);
    assertEquals(Reason.DOCTYPE_NOT_ALLOWED, e.reason());
  }

  @Test
  void external_dtd_is_refused_and_never_fetched() {
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(r -> {
      hits.incrementAndGet();
      r.response().end("<!ENTITY x \"y\">");
    }).listen(0, "127.0.0.1").await();
    try {
      String doc = PROLOG + "<!DOCTYPE КоммерческаяИнформация SYSTEM \"http://127.0.0.1:" + server.actualPort()
          + "/evil.dtd\">\n<КоммерческаяИнформация/>";
      assertEquals(Reason.DOCTYPE_NOT_ALLOWED, fail(doc, 16).reason());
      assertEquals(0, hits.get());
    } finally {
      server.close().await();
    }
  }

  @Test
  void undeclared_entity_reference_is_refused() {
    CommerceMlException e =
        fail(PROLOG + "<КоммерческаяИнформация>\n<Каталог><Ид>&xxe;</Ид></Каталог></КоммерческаяИнформация>", 64);
    assertEquals(Reason.ENTITY_NOT_ALLOWED, e.reason());
    assertTrue(e.getMessage().contains("&xxe;"), e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void not_a_commerceml_document() {
    CommerceMlException e = fail(PROLOG + "<html><body/></html>", 64);
    assertEquals(Reason.NOT_COMMERCEML, e.reason());
    assertEquals(2, e.line());
  }

  @Test
  void utf16_and_unknown_encodings_are_refused() {
    byte[] utf16 = (PROLOG.replace("UTF-8", "UTF-16") + "<КоммерческаяИнформация/>").getBytes(StandardCharsets.UTF_16);
    assertEquals(Reason.UNSUPPORTED_ENCODING, fail(utf16, 64, new CommerceMlReader()).reason());
    CommerceMlException unknown = fail(PROLOG.replace("UTF-8", "x-no-such-charset") + "<КоммерческаяИнформация/>", 64);
    assertEquals(Reason.UNSUPPORTED_ENCODING, unknown.reason());
    byte[] sjis = (PROLOG.replace("UTF-8", "Shift_JIS") + "<КоммерческаяИнформация/>")
        .getBytes(Charset.forName("Shift_JIS"));
    assertEquals(Reason.UNSUPPORTED_ENCODING, fail(sjis, 64, new CommerceMlReader()).reason());
  }

  @Test
  void nesting_deeper_than_the_limit() {
    String doc = PROLOG + "<КоммерческаяИнформация>" + "<a>".repeat(100) + "</a>".repeat(100)
        + "</КоммерческаяИнформация>";
    CommerceMlException e = fail(doc, 4096);
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("deeper than 64"), e.getMessage());
  }

  @Test
  void field_longer_than_the_limit() {
    CommerceMlReader reader = new CommerceMlReader(ReaderLimits.DEFAULT.withMaxFieldChars(1000));
    String doc = PROLOG + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Описание>"
        + "описание ".repeat(200) + "</Описание></Товар></Товары></Каталог></КоммерческаяИнформация>";
    CommerceMlException e = fail(doc.getBytes(StandardCharsets.UTF_8), 100, reader);
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("<Описание> is longer than 1000 characters"), e.getMessage());
  }

  @Test
  void a_single_huge_token_is_stopped_without_buffering_it_all() {
    CommerceMlReader reader = new CommerceMlReader(ReaderLimits.DEFAULT.withMaxTokenBytes(64 * 1024));
    String doc = PROLOG + "<КоммерческаяИнформация a=\"" + "x".repeat(1_000_000) + "\"/>";
    CommerceMlException e = fail(doc.getBytes(StandardCharsets.UTF_8), 8192, reader);
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("single XML token"), e.getMessage());
  }

  /** Issue 16: a 50 MB attribute (under the old 64 MB token limit) is refused with the default limits. */
  @Test
  void a_fifty_megabyte_attribute_is_refused_by_the_default_limits() {
    String doc = PROLOG + "<КоммерческаяИнформация><Каталог><Товары><Товар x=\"" + "a".repeat(50 * 1024 * 1024)
        + "\"><Ид>1</Ид></Товар></Товары></Каталог></КоммерческаяИнформация>";
    CommerceMlException e = fail(doc.getBytes(StandardCharsets.UTF_8), 65536, new CommerceMlReader());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("longer than " + ReaderLimits.DEFAULT.maxTokenBytes()), e.getMessage());
  }

  /** Text arrives in pieces: a description far above the token limit (but within the field limit) is read whole. */
  @Test
  void a_long_text_is_not_a_single_token() {
    String doc = PROLOG + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Описание>"
        + "a".repeat(6 * 1024 * 1024) + "</Описание></Товар></Товары></Каталог></КоммерческаяИнформация>";
    new ChunkedReadStream(context, doc.getBytes(StandardCharsets.UTF_8), () -> 65536)
        .readWith(new CommerceMlReader(), r -> Future.succeededFuture()).await();
  }

  @Test
  void document_larger_than_the_limit() {
    CommerceMlReader reader = new CommerceMlReader(ReaderLimits.DEFAULT.withMaxDocumentBytes(1000));
    String doc = PROLOG + "<КоммерческаяИнформация>" + "<x/>".repeat(1000) + "</КоммерческаяИнформация>";
    assertEquals(Reason.LIMIT_EXCEEDED, fail(doc.getBytes(StandardCharsets.UTF_8), 100, reader).reason());
  }
}
