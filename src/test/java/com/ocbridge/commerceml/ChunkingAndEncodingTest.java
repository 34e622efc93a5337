package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.Product;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same records whatever the chunking (down to 1–7 bytes: BOMs, prologs and multi-byte characters split across
 * chunks) and whatever the encoding (UTF-8 with/without BOM, windows-1251 and other single-byte charsets).
 */
class ChunkingAndEncodingTest extends ReaderTestBase {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  static Collected readChunked(byte[] bytes, java.util.function.IntSupplier sizes) {
    return Collected.read(new ChunkedReadStream(context, bytes, sizes));
  }

  /** Every corpus file: tiny chunks (1..7 bytes; random up to 8 KiB for the multi-MB files) give the same records. */
  @Test
  void every_corpus_file_reads_the_same_in_tiny_chunks() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Samples.dir())) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    assertEquals(29, files.size(), "the corpus has 29 files");
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      Collected whole = Collected.read(vertx, f);
      Random random = new Random(f.getFileName().hashCode());
      Collected chunked = bytes.length < 1_000_000
          ? readChunked(bytes, ChunkedReadStream.cycling(7))
          : readChunked(bytes, () -> 1 + random.nextInt(8192));
      assertEquals(whole.records, chunked.records, f.toString());
      assertEquals(whole.summary, chunked.summary, f.toString());
      assertFalse(whole.records.isEmpty(), f.toString());
    }
  }

  /** Each chunk size from 1 to 7 alone, over a file with a BOM, a prolog and Cyrillic everywhere. */
  @Test
  void fixed_chunk_sizes_split_bom_prolog_and_cyrillic() throws Exception {
    Path f = Samples.file("Denis-777__test/import.xml");
    byte[] bytes = Files.readAllBytes(f);
    assertEquals((byte) 0xEF, bytes[0], "starts with a BOM");
    Collected whole = Collected.read(vertx, f);
    for (int size = 1; size <= 7; size++) {
      int n = size;
      assertEquals(whole.records, readChunked(bytes, () -> n).records, "chunk size " + n);
    }
  }

  @Test
  void utf8_with_and_without_bom_give_the_same_records() {
    String doc = catalog("Ёлка «Зимняя» №5 — 1,5 м", "ЁЛ-001");
    byte[] plain = doc.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain);
    Collected a = readChunked(plain, ChunkedReadStream.cycling(3));
    Collected b = readChunked(withBom, ChunkedReadStream.cycling(3));
    assertEquals(a.records, b.records);
    assertFalse(a.summary.bom());
    assertTrue(b.summary.bom());
    assertEquals("Ёлка «Зимняя» №5 — 1,5 м", a.first(Product.class).name());
  }

  /**
   * windows-1251 is transcoded in a streaming way; every Cyrillic letter (incl. Ё/ё, Ч/ч that break a Latin-1
   * hack).
   */
  @Test
  void windows_1251_catalog_with_all_cyrillic_letters() {
    String name = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя №€…«»";
    String doc = catalog(name, "Ч-1").replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"");
    byte[] cp1251 = doc.getBytes(CP1251);
    for (int size = 1; size <= 7; size++) {
      int n = size;
      Collected c = readChunked(cp1251, () -> n);
      assertEquals("windows-1251", c.summary.encoding());
      Product p = c.first(Product.class);
      assertEquals(name, p.name());
      assertEquals("Ч-1", p.sku());
    }
  }

  /** The official windows-1251 order sample equals its own UTF-8 transcoding. */
  @Test
  void windows_1251_order_sample_equals_its_utf8_version() throws Exception {
    byte[] cp1251 = Files.readAllBytes(Samples.file("carono__yii2-1c-exchange/to.xml"));
    String text = new String(cp1251, CP1251).replace("encoding=\"windows-1251\"", "encoding=\"UTF-8\"");
    Collected fromCp1251 = readChunked(cp1251, ChunkedReadStream.cycling(5));
    Collected fromUtf8 = readChunked(text.getBytes(StandardCharsets.UTF_8), ChunkedReadStream.cycling(5));
    assertEquals(fromUtf8.records, fromCp1251.records);
    assertEquals("Петров", fromCp1251.first(OrderDocument.class).counterparties().get(0).lastName());
  }

  @Test
  void other_single_byte_charsets_and_single_quotes_in_the_declaration() {
    String doc = catalog("Чайник", "K-1").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version='1.0' encoding='KOI8-R' standalone='yes'?>");
    Collected c = readChunked(doc.getBytes(Charset.forName("KOI8-R")), () -> 4);
    assertEquals("KOI8-R", c.summary.encoding());
    assertEquals("Чайник", c.first(Product.class).name());
  }

  @Test
  void no_declaration_means_utf8_and_prolog_comments_are_skipped() {
    String doc = "\n<!-- выгрузка\n из 1С -->\n<?обработка x?>\n" + catalog("Стол", "S-1")
        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");
    Collected c = readChunked(doc.getBytes(StandardCharsets.UTF_8), ChunkedReadStream.cycling(2));
    assertEquals("Стол", c.first(Product.class).name());
    assertEquals("UTF-8", c.summary.encoding());
  }

  @Test
  void namespaces_and_prefixes_are_ignored() {
    String doc = """
        <?xml version="1.0" encoding="UTF-8"?>
        <cml:КоммерческаяИнформация xmlns:cml="urn:1C.ru:commerceml_210" ВерсияСхемы="2.10">
          <cml:Каталог><cml:Ид>c</cml:Ид><cml:Товары><cml:Товар><cml:Ид>p1</cml:Ид>
          <cml:Наименование>Стул</cml:Наименование><Неизвестный><Ид>x</Ид></Неизвестный></cml:Товар>\
        </cml:Товары></cml:Каталог>
        </cml:КоммерческаяИнформация>""";
    Collected c = readChunked(doc.getBytes(StandardCharsets.UTF_8), () -> 64);
    Product p = c.first(Product.class);
    assertEquals("p1", p.id());
    assertEquals("Стул", p.name());
    assertEquals("2.10", c.summary.schemaVersion());
  }

  static String catalog(String name, String sku) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация ВерсияСхемы="2.07" ДатаФормирования="2024-05-01T9:05:03">
          <Каталог СодержитТолькоИзменения="false">
            <Ид>cat</Ид>
            <Товары>
              <Товар>
                <Ид>p1#c1</Ид>
                <Артикул>%s</Артикул>
                <Наименование>%s</Наименование>
                <Описание><![CDATA[<b>жирный</b> текст]]></Описание>
              </Товар>
            </Товары>
          </Каталог>
        </КоммерческаяИнформация>
        """.formatted(sku, name);
  }

  @Test
  void cdata_entities_and_times_without_leading_zero() {
    String doc = catalog("A &amp; B &lt;C&gt; &#1046;&#x416;", "X");
    Collected c = readChunked(doc.getBytes(StandardCharsets.UTF_8), ChunkedReadStream.cycling(6));
    Product p = c.first(Product.class);
    assertEquals("A & B <C> ЖЖ", p.name());
    assertEquals("<b>жирный</b> текст", p.description());
    assertEquals("p1", p.productId());
    assertEquals("c1", p.characteristicId());
    assertEquals(java.time.LocalDateTime.of(2024, 5, 1, 9, 5, 3), c.summary.generatedAt());
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
