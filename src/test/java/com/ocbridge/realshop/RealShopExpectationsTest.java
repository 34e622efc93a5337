package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.Samples;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expectation side of the real-shop tests, without a shop: the StAX reader and the rules of
 * {@link ExpectedCatalog} give the figures the corpus's own description (INDEX.md) and the generator's design state.
 * If these were wrong, the real-shop tests would compare against the wrong thing.
 */
class RealShopExpectationsTest {
  @TempDir Path dir;

  @Test
  void ut11PairFacts() throws Exception {
    ExpectedCatalog e = new ExpectedCatalog(CmlFacts.read(List.of(Samples.file("d16izhevsk__1coutlet/import0_1.xml"),
        Samples.file("d16izhevsk__1coutlet/offers0_1.xml"))));
    assertEquals(1197, e.products.size());
    assertEquals(59, e.facts.groups.size());
    assertEquals(2641, e.facts.offers.size());
    assertEquals(388, e.products.values().stream().filter(ExpectedCatalog.Product::hasVariants).count());
    assertEquals(268, e.products.values().stream().filter(p -> !p.hasOffers()).count());
    assertEquals(List.of("bb14a3a4-6b17-11e0-9819-e0cb4ed5eed4"), List.copyOf(e.facts.priceTypes));
    // "Женские ботфорты коричневые": sizes 38 (1719, 20 pairs) and 39 (1496, 19 pairs) → 1496, 39 pairs, 38 at +223
    ExpectedCatalog.Product boots = e.products.get("bd72d910-55bc-11d9-848a-00112f43529a");
    assertEquals("Б-130001", boots.sku());
    assertEquals(0, new BigDecimal("1496").compareTo(boots.price()));
    assertEquals(39, boots.quantity());
    assertEquals(ExpectedCatalog.FALLBACK_OPTION, boots.option());
    Map<String, ExpectedCatalog.Value> sizes = boots.variants();
    assertEquals(20, sizes.get("38").quantity());
    assertEquals(0, new BigDecimal("223").compareTo(sizes.get("38").priceDifference()));
    assertEquals(0, sizes.get("39").priceDifference().signum());
    // two prices of the one price type in one offer: the first one counts
    assertEquals(0, new BigDecimal("27700").compareTo(e.products.get("cbcf492e-55bc-11d9-848a-00112f43529a").price()));
  }

  @Test
  void splitSetFacts() throws Exception {
    CmlFacts set = CmlFacts.read(List.of(
        Samples.file("gillbeits__commerceml/import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml"),
        Samples.file("gillbeits__commerceml/offers___7f304edc-2527-4d3d-b058-6e4ee53de2e0.xml"),
        Samples.file("gillbeits__commerceml/prices___d66a6b51-ce9c-4e7a-8c7c-25079721107f.xml"),
        Samples.file("gillbeits__commerceml/rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml")));
    assertEquals(97, set.groups.size());
    assertEquals(0, set.products.size());
    assertEquals(978, set.offers.size());
    assertTrue(set.offers.values().stream().allMatch(o -> o.name() != null && o.quantity() != null
        && o.prices().containsKey(set.firstPriceType())));
    Path goods = RealShopSplitSetTest.writeGoods(dir.resolve("goods.xml"), set);
    ExpectedCatalog e = new ExpectedCatalog(CmlFacts.read(List.of(goods)));
    assertEquals(978, e.products.size());
    CmlFacts.Offer first = set.offers.get("26b0dc1e-4d66-11e4-99fe-003048c64779");
    assertEquals(0, new BigDecimal("181").compareTo(first.prices().get(set.firstPriceType())));
    assertEquals(0, BigDecimal.ONE.compareTo(first.quantity()));
  }

  @Test
  void generatedCatalogFacts() throws Exception {
    GeneratedCatalog.Generated g = GeneratedCatalog.write(dir, 2_000, 12345);
    ExpectedCatalog e = new ExpectedCatalog(CmlFacts.read(List.of(g.importFile(), g.offersFile())));
    assertEquals(2_000, e.products.size());
    assertEquals(200, e.facts.groups.size());
    assertEquals(20, e.facts.groups.values().stream().filter(gr -> gr.parentId() == null).count());
    assertEquals(300, e.products.values().stream().filter(p -> p.hasVariants() && p.singleKind()).count());
    assertEquals(300, e.products.values().stream().filter(p -> p.hasVariants() && !p.singleKind()).count());
    assertTrue(e.products.values().stream().filter(p -> p.hasVariants() && !p.singleKind())
        .allMatch(p -> p.kinds().equals(List.of("Размер", "Цвет")) && p.option().equals("Размер, Цвет")
            && p.variants().values().stream().allMatch(v -> v.value().equals(v.kinds().get("Размер") + ", " + v.kinds().get("Цвет")))));
    assertEquals(400, e.products.values().stream().filter(p -> !p.source().pictures().isEmpty()).count());
    assertEquals(g.pictures().size(), e.products.values().stream().mapToInt(p -> p.source().pictures().size()).sum());
    for (Path jpeg : g.pictures().values()) {
      byte[] b = Files.readAllBytes(jpeg);
      assertTrue((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8, jpeg + " is a JPEG");
    }
    assertEquals(g.pictures().size(), g.pictures().values().stream().map(p -> {
      try {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }).distinct().count(), "every picture is a different file");
    // the retail price (declared first) counts, though each offer lists the wholesale one first
    ExpectedCatalog.Product plain = e.products.get(GeneratedCatalog.productId(6));
    assertEquals(0, new BigDecimal("372").compareTo(plain.price()));
    assertEquals(19 + 1, plain.quantity());
    assertEquals(Map.of("Материал", "Шерсть", "Страна происхождения", "Беларусь", "Гарантия, мес."
        , "18"), plain.attributes());
    assertEquals("Brand <Nord>", plain.source().manufacturer());
    assertEquals(List.of(GeneratedCatalog.groupId(20 + 42)), plain.source().groupIds());
  }
}
