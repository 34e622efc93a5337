package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A language the shop does not have: stock OpenCart ships only en-gb, so the old default {@code ru-ru} must stop the
 * import with a message that names it and lists the shop's languages, and nothing reaches the shop's tables. (The
 * other scenarios leave {@code opencart.language} empty and show that the shop's default language is used.)
 */
class RealShopLanguageTest extends RealShopScenario {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  void aLanguageTheShopDoesNotHaveStopsTheImportAndWritesNothing(String key) throws Exception {
    begin(key, "opencart.language=ru-ru on a stock shop");
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), 5, ThreadLocalRandom.current().nextInt(1 << 20));
    long productsBefore = shop.count("SELECT COUNT(*) FROM {p}product");
    long categoriesBefore = shop.count("SELECT COUNT(*) FROM {p}category");
    startBridge(4, null, "ru-ru");

    Exchange x = exchange("exchange", Step.eachFile(List.of(g.importFile())));
    StepReply reply = x.replies().stream().filter(r -> r.what().startsWith("import")).findFirst().orElseThrow();
    String text = reply.reply().text();
    assertEquals("failure", reply.reply().first(), text);
    assertTrue(text.contains("'ru-ru'") && text.contains("en-gb (по умолчанию)"), "names the code and the shop's languages: " + text);
    assertEquals(productsBefore, shop.count("SELECT COUNT(*) FROM {p}product"), "no product written");
    assertEquals(categoriesBefore, shop.count("SELECT COUNT(*) FROM {p}category"), "no category written");
  }
}
