package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.AnswerLosingProxy;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import io.vertx.core.Vertx;
import java.time.Duration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, on the real shop: 1C pushes fresh stock through {@code POST /api/v1/stock} (a plain product, and one
 * combination of a sized-and-coloured product), then sends its earlier, unchanged offers file again. The shop's
 * {@code oc_product.quantity} and {@code oc_product_option_value.quantity} must keep the pushed values: an older
 * file never takes back newer stock.
 */
class RealShopStockVersionsTest extends RealShopCatalogScenario {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void anUnchangedOffersFileAfterAStockPushLeavesThePushedStock(String key) throws Exception {
    smallCatalog(key, 40, "stock pushed, then the older offers file again", null);
    ExpectedCatalog.Product plain = plainProduct(0);
    long plainId = snapshot.link("product", plain.id());
    ExpectedCatalog.Product sized = catalog.products.values().stream()
        .filter(p -> p.hasVariants() && !p.source().deleted() && p.variants().size() >= 2).findFirst().orElseThrow();
    long sizedId = snapshot.link("product", sized.id());
    ExpectedCatalog.Value combination = sized.variants().values().iterator().next();
    int pushed = combination.quantity() + 40;
    String message = new JsonArray()
        .add(new JsonObject().put("sku", plain.sku()).put("qty", 4321))
        .add(new JsonObject().put("id", sized.id() + "#" + combination.characteristicId()).put("qty", pushed)).encode();
    ApiClient.Answer answer = api.postJson("/api/v1/stock", message);
    assertEquals(200, answer.status(), answer.body());
    assertEquals(2, answer.json().getInteger("updated"), answer.body());

    Problems p = new Problems();
    Exchange again = exchange("the earlier offers file again", List.of(Step.upload(generated.offersFile(), "offers.xml"),
        Step.importFile("offers.xml")));
    checkReplies(again, p);
    checkJobs(again, p, NO_ERRORS);
    JsonObject counts = again.job("offers.xml").getJsonObject("counts");
    p.equal(0L, counts.getLong("stockUpdates", 0L), "stock lines sent by the older file", counts.encode());
    p.equal(4321L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", plainId),
        "oc_product.quantity", plain.sku() + " keeps the pushed 4321");
    p.equal((long) pushed, (long) row(sizedId, combination.value()).quantity(), "oc_product_option_value.quantity",
        sized.name() + " (" + combination.value() + ") keeps the pushed " + pushed);
    assertNoProblems(Map.of("after the older offers file", p));
  }

  /**
   * A stock message the shop could not take (here: refused by a proxy in front of the real shop, never forwarded) is
   * queued; a newer message is applied directly; then the shop takes everything again. The queued, older quantity
   * must never reach the shop: {@code oc_product.quantity} keeps the newer one, and the queued entry says why.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aMessageQueuedWhileTheShopRefusedItNeverOverwritesANewerOne(String key) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (AnswerLosingProxy proxy = AnswerLosingProxy.start(vertx, RealShops.get(key).baseUrl(), "products.stock_price", 0)) {
      openCartBaseUrl = proxy.baseUrl();
      smallCatalog(key, 40, "a queued older stock message after a newer one", null);
      ExpectedCatalog.Product plain = plainProduct(0);
      long plainId = snapshot.link("product", plain.id());
      proxy.refuseBodiesContaining("\"quantity\":1111");
      ApiClient.Answer older = api.postJson("/api/v1/stock", new JsonObject().put("messageId", "older-" + key)
          .put("items", new JsonArray().add(new JsonObject().put("sku", plain.sku()).put("qty", 1111))).encode());
      assertEquals(202, older.status(), older.body());
      ApiClient.Answer newer = api.postJson("/api/v1/stock", new JsonObject().put("messageId", "newer-" + key)
          .put("items", new JsonArray().add(new JsonObject().put("sku", plain.sku()).put("qty", 2222))).encode());
      assertEquals(200, newer.status(), newer.body());
      assertEquals(2222L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", plainId));

      proxy.stopRefusing();
      long queueId = older.json().getLong("queueId");
      JsonObject[] done = new JsonObject[1];
      assertTrue(RealShop.await(Duration.ofSeconds(90), () -> (done[0] = doneEntry(queueId)) != null),
          "the queued message was delivered");
      assertEquals(new JsonArray().add(plain.sku()), done[0].getJsonObject("result").getJsonArray("older"), done[0].encode());
      assertEquals(0, proxy.forwardedWithMarker(), "the older quantity never reached the shop");
      assertEquals(2222L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", plainId),
          "oc_product.quantity keeps the newer value");
    } finally {
      openCartBaseUrl = null;
      vertx.close().await();
    }
  }

  private JsonObject doneEntry(long id) {
    try {
      return api.get("/api/v1/outbox?status=done").json().getJsonArray("entries").stream().map(JsonObject.class::cast)
          .filter(e -> e.getLong("id") == id).findFirst().orElse(null);
    } catch (Exception notYet) {
      return null;
    }
  }
}
