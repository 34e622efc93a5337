package com.ocbridge.opencart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.opencart.model.AttributeGroupRef;
import com.ocbridge.opencart.model.AttributeUpsert;
import com.ocbridge.opencart.model.AttributeUpsertResult;
import com.ocbridge.opencart.model.AttributeWrite;
import com.ocbridge.opencart.model.Category;
import com.ocbridge.opencart.model.CategoryDescription;
import com.ocbridge.opencart.model.CategoryRef;
import com.ocbridge.opencart.model.CategoryUpsert;
import com.ocbridge.opencart.model.CategoryWrite;
import com.ocbridge.opencart.model.EntityMatch;
import com.ocbridge.opencart.model.LocalizedName;
import com.ocbridge.opencart.model.Manufacturer;
import com.ocbridge.opencart.model.ManufacturerRef;
import com.ocbridge.opencart.model.ManufacturerUpsert;
import com.ocbridge.opencart.model.ManufacturerWrite;
import com.ocbridge.opencart.model.OptionUpsert;
import com.ocbridge.opencart.model.OptionUpsertResult;
import com.ocbridge.opencart.model.OptionValueWrite;
import com.ocbridge.opencart.model.OptionWrite;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderHistoryAdd;
import com.ocbridge.opencart.model.OrderHistoryAdded;
import com.ocbridge.opencart.model.OrderQuery;
import com.ocbridge.opencart.model.OrderStatus;
import com.ocbridge.opencart.model.Page;
import com.ocbridge.opencart.model.Product;
import com.ocbridge.opencart.model.ProductDescription;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.ProductQuery;
import com.ocbridge.opencart.model.ProductRef;
import com.ocbridge.opencart.model.ProductSummary;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ImagePutResult;
import com.ocbridge.opencart.model.ImageUpload;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.ShopInfo;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import com.ocbridge.opencart.model.StoredImage;
import com.ocbridge.opencart.model.UpsertResult;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.ocbridge.opencart.Await.openCartFailure;
import static com.ocbridge.opencart.Await.result;
import static com.ocbridge.opencart.BridgeStubs.data;
import static com.ocbridge.opencart.BridgeStubs.get;
import static com.ocbridge.opencart.BridgeStubs.post;
import static com.ocbridge.opencart.BridgeStubs.resource;
import static com.ocbridge.opencart.BridgeStubs.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the bridge-v1 contract against WireMock stubs written from
 * opencart-bridge-v1.md: the request shape (method, route/op, auth headers, query, JSON body) is
 * matched by the stub, and the answer is decoded into the port's records.
 */
class BridgeV1ContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static WireMockServer shop;
  private OpenCartClient client;

  @BeforeAll
  static void startShop() {
    vertx = Vertx.vertx();
    shop = BridgeStubs.startServer(new BatchEchoTransformer());
  }

  @AfterAll
  static void stopShop() {
    shop.stop();
    vertx.close().await();
  }

  @BeforeEach
  void newClient() {
    shop.resetAll();
    client = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  // ------------------------------------------------------------------ ping

  @Test
  void pingReadsShopInfo() {
    shop.stubFor(get("ping").willReturn(data(resource("ping.json"))));

    ShopInfo info = result(client.ping());

    assertEquals("1.0.0", info.bridgeVersion());
    assertEquals("4.1.0.4", info.opencartVersion());
    assertEquals("ru-ru", info.languages().get(0).code());
    assertEquals(1, info.languages().get(0).languageId());
    assertTrue(info.languages().get(0).isDefault());
    assertEquals(0, info.stores().get(0).storeId());
    assertEquals("RUB", info.currency());
    assertEquals("Europe/Moscow", info.timezone());
    assertEquals(16, info.capabilities().size());
    assertTrue(info.supports("products.upsert"));
    assertFalse(info.supports("product.delete"));
  }

  @Test
  void baseUrlWithPathAndWithoutTrailingSlashWorks() {
    shop.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/shop/index.php"))
        .withQueryParam("route", equalTo(BridgeStubs.ROUTE))
        .withQueryParam("op", equalTo("ping"))
        .willReturn(data(resource("ping.json"))));
    OpenCartSettings s = BridgeStubs.settings(shop);
    OpenCartClient inSubdir = OpenCartClients.create(vertx, "bridge-v1", new OpenCartSettings(
        "http://127.0.0.1:" + shop.port() + "/shop", s.apiUsername(), s.apiKey(), s.language(), s.storeIds(),
        s.concurrency(), s.requestTimeout(), s.retryAttempts(), s.retryInitialBackoff(), s.retryMaxBackoff(),
        s.breakerOpenWait(), s.traffic()));
    try {
      assertEquals("4.1.0.4", result(inSubdir.ping()).opencartVersion());
    } finally {
      inSubdir.close();
    }
  }

  @Test
  void operationMissingFromCapabilitiesFailsWithoutCallingTheShop() {
    shop.stubFor(get("ping").willReturn(data(
        "{\"bridge_version\":\"1.0.0\",\"opencart_version\":\"3.0.5.1\",\"capabilities\":[\"product.get\"]}")));
    result(client.ping());

    OpenCartException e = openCartFailure(client.putImage("catalog/x.png", new byte[]{1}, true));

    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("op=image.put"), e.getMessage());
    assertEquals(0, served(shop, "image.put").size(), "no image.put request may reach the shop");
  }

  // ------------------------------------------------------------------ products

  @ParameterizedTest
  @EnumSource(ProductKey.class)
  void getProductSendsExactlyOneKey(ProductKey key) {
    String value = key == ProductKey.PRODUCT_ID ? "51" : "ART-200";
    var stub = get("product.get").withQueryParam(key.wireName(), equalTo(value));
    for (ProductKey other : ProductKey.values()) {
      if (other != key) {
        stub = stub.withQueryParam(other.wireName(), absent());
      }
    }
    shop.stubFor(stub.willReturn(data(resource("product.json"))));

    Product product = result(client.getProduct(new ProductRef(key, value)));

    assertEquals(51, product.productId());
    assertEquals("ART-200", product.sku());
  }

  @Test
  void getProductDecodesTheFullProduct() {
    shop.stubFor(get("product.get").withQueryParam("external_id", equalTo("5b0f1e9a-8c1d-11ee-b9d1-0242ac120002"))
        .willReturn(data(resource("product.json"))));

    Product p = result(client.getProduct(ProductRef.externalId("5b0f1e9a-8c1d-11ee-b9d1-0242ac120002")));
    ProductWrite f = p.fields();

    assertEquals(0, p.masterId());
    assertEquals(OffsetDateTime.of(2026, 11, 28, 21, 56, 12, 0, ZoneOffset.ofHours(3)), p.dateAdded());
    assertEquals(new BigDecimal("1234.5000"), f.price(), "money keeps its 4 decimals");
    assertEquals(new BigDecimal("0.250"), f.weight());
    assertEquals(7, f.quantity());
    assertEquals(Boolean.TRUE, f.status());
    assertEquals(11L, f.manufacturer().manufacturerId());
    assertEquals("9a1c-0001", f.manufacturer().externalId());
    assertEquals(59L, f.categories().get(0).categoryId());
    assertEquals("c3f2-0001", f.categories().get(0).externalId());
    assertNull(f.categories().get(1).externalId());
    assertEquals("Ноутбук X", f.descriptions().get("ru-ru").name());
    assertEquals("Чёрный", f.attributes().get(0).texts().get("ru-ru"));
    assertEquals(12L, f.attributes().get(0).attribute().attributeId());
    assertEquals(227L, f.options().get(0).productOptionId());
    assertEquals(13L, f.options().get(0).optionId());
    assertEquals(46L, f.options().get(0).values().get(0).optionValueId());
    assertEquals("ART-200-XL", f.options().get(0).values().get(0).sku());
    assertEquals(new BigDecimal("999.0000"), f.specials().get(0).price());
    assertEquals(10, f.discounts().get(0).quantity());
    assertEquals("noutbuk-x", f.seoKeywords().get("0").get("ru-ru"));
    assertEquals("catalog/1c/ART-200-2.jpg", f.images().get(0).path());
  }

  @Test
  void listProductsSendsFilterAndReadsPage() {
    shop.stubFor(get("product.list")
        .withQueryParam("modified_from", equalTo("2026-11-28T00:00:00+03:00"))
        .withQueryParam("status", equalTo("1"))
        .withQueryParam("limit", equalTo("500"))
        .withQueryParam("page", equalTo("2"))
        .willReturn(data("{\"items\":[{\"product_id\":51,\"external_id\":\"g-1\",\"model\":\"ART-200\","
            + "\"sku\":\"ART-200\",\"price\":\"1234.5000\",\"quantity\":7,\"status\":true,"
            + "\"date_modified\":\"2026-11-29T10:00:00+03:00\"}],\"total\":1234,\"page\":2,\"limit\":500}")));

    Page<ProductSummary> page = result(client.listProducts(new ProductQuery(
        OffsetDateTime.of(2026, 11, 28, 0, 0, 0, 0, ZoneOffset.ofHours(3)), true, 500, 2)));

    assertEquals(1234, page.total());
    assertEquals(2, page.page());
    assertTrue(page.hasMore());
    ProductSummary s = page.items().get(0);
    assertEquals(51, s.productId());
    assertEquals("g-1", s.externalId());
    assertEquals(new BigDecimal("1234.5000"), s.price());
    assertEquals(OffsetDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneOffset.ofHours(3)), s.dateModified());
  }

  @Test
  void upsertProductSendsContractBody() {
    shop.stubFor(post("product.upsert")
        .withRequestBody(equalToJson("""
                {"match":{"by":"external_id","value":"5b0f1e9a"},
                 "create_if_missing":true,
                 "product":{"external_id":"5b0f1e9a","model":"ART-200","sku":"ART-200","price":"1234.5000",
                            "quantity":7,"status":true,
                            "manufacturer":{"external_id":"m-1"},
                            "categories":[{"external_id":"c-1"},{"category_id":20}],
                            "store_ids":[0],
                            "descriptions":{"ru-ru":{"name":"Ноутбук X","meta_title":"Ноутбук X"}},
                            "seo_keywords":{"0":{"ru-ru":"noutbuk-x"}}}}
                """)) // strict: no extra (null) keys may be sent
        .willReturn(data("{\"product_id\":51,\"created\":true}")));

    ProductWrite write = ProductWrite.builder()
        .model("ART-200").sku("ART-200").price("1234.5000").quantity(7).status(true)
        .manufacturer(ManufacturerRef.externalId("m-1"))
        .categories(List.of(CategoryRef.externalId("c-1"), CategoryRef.id(20)))
        .storeIds(List.of(0))
        .description("ru-ru", ProductDescription.named("Ноутбук X"))
        .seoKeywords(Map.of("0", Map.of("ru-ru", "noutbuk-x")))
        .build();
    UpsertResult r = result(client.upsertProduct(ProductUpsert.byExternalId("5b0f1e9a", write)));

    assertEquals(51, r.id());
    assertTrue(r.created());
  }

  @Test
  void upsertProductsReturnsItemErrorsAsResults() {
    shop.stubFor(post("products.upsert")
        .withRequestBody(matchingJsonPath("$.items[0].match.by", equalTo("external_id")))
        .withRequestBody(matchingJsonPath("$.items[1].match.by", equalTo("sku")))
        .withRequestBody(matchingJsonPath("$.items[1].create_if_missing", equalTo("false")))
        .withRequestBody(matchingJsonPath("$.items[1].product.price", equalTo("990.0000")))
        .willReturn(data("{\"results\":[{\"index\":0,\"product_id\":51,\"created\":true},{\"index\":1,"
            + "\"error\":{\"code\":\"validation\",\"message\":\"Invalid product\",\"details\":{\"fields\":"
            + "{\"descriptions.ru-ru.name\":\"1 to 255 characters\"}}}}]}")));

    List<ProductUpsertItemResult> results = result(client.upsertProducts(List.of(
        ProductUpsert.byExternalId("5b0f1e9a", ProductWrite.builder().model("ART-200").sku("ART-200")
            .price("1234.5000").quantity(7).build()),
        new ProductUpsert(ProductRef.sku("ART-201"), false, ProductWrite.builder().price("990.0000").build()))));

    assertEquals(2, results.size());
    assertTrue(results.get(0).succeeded());
    assertEquals(51L, results.get(0).productId());
    assertEquals(Boolean.TRUE, results.get(0).created());
    assertFalse(results.get(1).succeeded());
    assertEquals(1, results.get(1).index());
    assertEquals(ErrorKind.VALIDATION, results.get(1).error().kind());
    assertEquals(Map.of("descriptions.ru-ru.name", "1 to 255 characters"), results.get(1).error().fieldErrors());
  }

  @Test
  void upsertProductsSplitsIntoRequestsOfAtMost100AndKeepsInputOrder() throws Exception {
    shop.stubFor(post("products.upsert").willReturn(data("{}").withTransformers(BatchEchoTransformer.NAME)));
    List<ProductUpsert> items = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      items.add(ProductUpsert.byExternalId("ext-" + i, ProductWrite.builder().quantity(i).build()));
    }

    List<ProductUpsertItemResult> results = result(client.upsertProducts(items));

    assertEquals(250, results.size());
    for (int i = 0; i < 250; i++) {
      assertEquals(i, results.get(i).index(), "index of result " + i);
      assertEquals((long) i, results.get(i).productId(), "result " + i + " belongs to item ext-" + i);
    }
    var requests = served(shop, "products.upsert");
    assertEquals(List.of(100, 100, 50), requests.stream().map(e -> itemCount(e.getRequest().getBodyAsString())).toList());
    assertEquals("ext-100", firstKey(requests.get(1).getRequest().getBodyAsString(), "/items/0/match/value"),
        "the second request starts with item 100");
  }

  @Test
  void upsertChangedProductsSaysSoToTheShop() throws Exception {
    shop.stubFor(post("products.upsert").withRequestBody(matchingJsonPath("$.assume_changed", equalTo("true")))
        .willReturn(data("{\"results\":[{\"index\":0,\"product_id\":51,\"created\":false}]}")));
    List<ProductUpsertItemResult> results = result(client.upsertChangedProducts(List.of(
        ProductUpsert.byExternalId("5b0f1e9a", ProductWrite.builder().quantity(7).build()))));
    assertEquals(51L, results.get(0).productId()); // (the stub answers only a body with assume_changed: true)
    assertEquals("5b0f1e9a", firstKey(served(shop, "products.upsert").get(0).getRequest().getBodyAsString(), "/items/0/match/value"));
  }

  @Test
  void putImagesSendsFiftyPerRequestAndReturnsARefusalAsThatPicturesResult() throws Exception {
    shop.stubFor(post("images.put").withRequestBody(matchingJsonPath("$.items[1].path", equalTo("catalog/1c/b.jpg")))
        .willReturn(data("{\"results\":[{\"index\":0,\"path\":\"catalog/1c/a.jpg\",\"bytes\":3},{\"index\":1,"
            + "\"error\":{\"code\":\"validation\",\"message\":\"Invalid image\",\"details\":{\"fields\":"
            + "{\"content_base64\":\"not an image\"}}}}]}")));
    List<ImageUpload> two = List.of(new ImageUpload("catalog/1c/a.jpg", new byte[] {1, 2, 3}),
        new ImageUpload("catalog/1c/b.jpg", new byte[] {4}));
    List<ImagePutResult> results = result(client.putImages(two));
    assertEquals("catalog/1c/a.jpg", results.get(0).stored().path());
    assertFalse(results.get(1).succeeded());
    assertEquals(ErrorKind.VALIDATION, ((OpenCartException) results.get(1).failure()).kind());
    assertEquals("AQID", firstKey(served(shop, "images.put").get(0).getRequest().getBodyAsString(), "/items/0/content_base64"));

    shop.resetAll();
    shop.stubFor(post("images.put").willReturn(data("{}").withTransformers(BatchEchoTransformer.NAME)));
    List<ImageUpload> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) many.add(new ImageUpload("catalog/1c/" + i + ".png", new byte[] {(byte) i}));
    assertEquals(60, result(client.putImages(many)).size());
    assertEquals(List.of(50, 10), served(shop, "images.put").stream()
        .map(e -> itemCount(e.getRequest().getBodyAsString())).sorted(java.util.Comparator.reverseOrder()).toList());
  }

  @Test
  void upsertProductsWithNoItemsSendsNothing() {
    assertEquals(List.of(), result(client.upsertProducts(List.of())));
    assertEquals(0, served(shop, "products.upsert").size());
  }

  @Test
  void updateStockPricesSendsMatchByAndReadsPerItemStatus() {
    shop.stubFor(post("products.stock_price")
        .withRequestBody(equalToJson("""
                {"match_by":"sku","items":[
                  {"key":"ART-200","quantity":5,"price":"1290.0000","status":true,
                   "option_values":[{"external_id":"1C-characteristic-guid","quantity":2}]},
                  {"key":"X-1","quantity":0}]}
                """))
        .willReturn(data("{\"updated\":1,\"results\":[{\"key\":\"ART-200\",\"product_id\":51,\"status\":\"updated\"},"
            + "{\"key\":\"X-1\",\"status\":\"not_found\"}]}")));

    List<StockPriceResult> results = result(client.updateStockPrices(ProductKey.SKU, List.of(
        new StockItem("ART-200", 5, new BigDecimal("1290.0000"), true,
            List.of(new com.ocbridge.opencart.model.OptionValueStock("1C-characteristic-guid", 2))),
        new StockItem("X-1", 0, null, null, null))));

    assertEquals(new StockPriceResult(0, "ART-200", 51L, StockStatus.UPDATED, null), results.get(0));
    assertEquals(new StockPriceResult(1, "X-1", null, StockStatus.NOT_FOUND, null), results.get(1));
  }

  @Test
  void updateStockPricesSplitsIntoRequestsOfAtMost1000() {
    shop.stubFor(post("products.stock_price").willReturn(data("{}").withTransformers(BatchEchoTransformer.NAME)));
    List<StockItem> items = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      items.add(StockItem.of((i == 1700 ? "UNKNOWN-" : "SKU-") + i, i % 7, new BigDecimal("10.5000")));
    }

    List<StockPriceResult> results = result(client.updateStockPrices(ProductKey.SKU, items));

    assertEquals(2500, results.size());
    for (int i = 0; i < 2500; i++) {
      StockPriceResult r = results.get(i);
      assertEquals(i, r.index());
      assertEquals(items.get(i).key(), r.key());
      if (i == 1700) {
        assertEquals(StockStatus.NOT_FOUND, r.status());
      } else {
        assertEquals((long) i, r.productId(), "result " + i);
      }
    }
    assertEquals(List.of(1000, 1000, 500), served(shop, "products.stock_price").stream()
        .map(e -> itemCount(e.getRequest().getBodyAsString())).toList());
  }

  // ------------------------------------------------------------------ images

  @Test
  void putImageSendsBase64() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    shop.stubFor(post("image.put")
        .withRequestBody(equalToJson("{\"path\":\"catalog/1c/ART-200.png\",\"content_base64\":\""
            + Base64.getEncoder().encodeToString(png) + "\",\"overwrite\":true}"))
        .willReturn(data("{\"path\":\"catalog/1c/ART-200.png\",\"bytes\":8}")));

    StoredImage stored = result(client.putImage("catalog/1c/ART-200.png", png, true));

    assertEquals(new StoredImage("catalog/1c/ART-200.png", 8), stored);
  }

  @Test
  void putImageRefusesImagesOver6MiBWithoutSending() {
    OpenCartException e = openCartFailure(client.putImage("catalog/big.jpg", new byte[6 * 1024 * 1024 + 1], true));

    assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, e.kind());
    assertEquals(0, served(shop, "image.put").size());
  }

  // ------------------------------------------------------------------ categories, manufacturers, options, attributes

  @Test
  void listCategories() {
    shop.stubFor(get("category.list").willReturn(data("{\"items\":[{\"category_id\":20,\"external_id\":null,"
        + "\"parent_id\":0,\"status\":true,\"sort_order\":1,\"descriptions\":{\"en-gb\":{\"name\":\"Desktops\"}}}]}")));

    List<Category> categories = result(client.listCategories());

    assertEquals(1, categories.size());
    Category c = categories.get(0);
    assertEquals(20, c.categoryId());
    assertNull(c.externalId());
    assertEquals(0, c.parentId());
    assertEquals("Desktops", c.descriptions().get("en-gb").name());
  }

  @Test
  void upsertCategorySendsContractBody() {
    shop.stubFor(post("category.upsert").withRequestBody(equalToJson("""
            {"match":{"by":"external_id","value":"cat-1"},"create_if_missing":true,
             "category":{"parent":{"external_id":"cat-0"},"status":true,"sort_order":0,"image":"","store_ids":[0],
               "descriptions":{"ru-ru":{"name":"Ноутбуки","description":"","meta_title":"Ноутбуки",
                                        "meta_description":"","meta_keyword":""}},
               "seo_keywords":{"0":{"ru-ru":"noutbuki"}}}}
            """)).willReturn(data("{\"category_id\":59,\"created\":true}")));

    UpsertResult r = result(client.upsertCategory(new CategoryUpsert(EntityMatch.externalId("cat-1"), true,
        new CategoryWrite(CategoryRef.externalId("cat-0"), true, 0, "", List.of(0),
            Map.of("ru-ru", CategoryDescription.named("Ноутбуки")), Map.of("0", Map.of("ru-ru", "noutbuki"))))));

    assertEquals(new UpsertResult(59, true), r);
  }

  @Test
  void listManufacturers() {
    shop.stubFor(get("manufacturer.list").willReturn(data(
        "{\"items\":[{\"manufacturer_id\":8,\"external_id\":null,\"name\":\"Apple\"}]}")));

    assertEquals(List.of(new Manufacturer(8, null, "Apple")), result(client.listManufacturers()));
  }

  @Test
  void upsertManufacturerSendsContractBody() {
    shop.stubFor(post("manufacturer.upsert").withRequestBody(equalToJson("""
            {"match":{"by":"name","value":"Apple"},"create_if_missing":true,
             "manufacturer":{"name":"Apple","image":"","sort_order":0,"store_ids":[0],
                             "seo_keywords":{"0":{"ru-ru":"apple"}}}}
            """)).willReturn(data("{\"manufacturer_id\":11,\"created\":false}")));

    UpsertResult r = result(client.upsertManufacturer(new ManufacturerUpsert(EntityMatch.name("Apple"), true,
        new ManufacturerWrite("Apple", "", 0, List.of(0), Map.of("0", Map.of("ru-ru", "apple"))))));

    assertEquals(new UpsertResult(11, false), r);
  }

  @Test
  void upsertOptionReturnsValueIdsByExternalId() {
    shop.stubFor(post("option.upsert").withRequestBody(equalToJson("""
            {"match":{"by":"external_id","value":"opt-size"},"create_if_missing":true,
             "option":{"type":"select","sort_order":0,"descriptions":{"ru-ru":{"name":"Размер"}},
               "values":[{"external_id":"val-xl","sort_order":0,"image":"","descriptions":{"ru-ru":{"name":"XL"}}}]}}
            """)).willReturn(data(
        "{\"option_id\":13,\"created\":true,\"values\":[{\"external_id\":\"val-xl\",\"option_value_id\":46}]}")));

    OptionUpsertResult r = result(client.upsertOption(new OptionUpsert(EntityMatch.externalId("opt-size"), true,
        new OptionWrite("select", 0, Map.of("ru-ru", new LocalizedName("Размер")), List.of(
            new OptionValueWrite("val-xl", 0, "", Map.of("ru-ru", new LocalizedName("XL"))))))));

    assertEquals(13, r.optionId());
    assertTrue(r.created());
    assertEquals(Map.of("val-xl", 46L), r.valueIdsByExternalId());
  }

  @Test
  void upsertAttributeWithGroupByName() {
    shop.stubFor(post("attribute.upsert").withRequestBody(equalToJson("""
            {"match":{"by":"external_id","value":"attr-color"},"create_if_missing":true,
             "attribute":{"group":{"name":{"ru-ru":"Основные"}},"sort_order":0,
                          "descriptions":{"ru-ru":{"name":"Цвет"}}}}
            """)).willReturn(data("{\"attribute_id\":12,\"attribute_group_id\":6,\"created\":true}")));

    AttributeUpsertResult r = result(client.upsertAttribute(new AttributeUpsert(EntityMatch.externalId("attr-color"),
        true, new AttributeWrite(AttributeGroupRef.named(Map.of("ru-ru", "Основные")), 0,
        Map.of("ru-ru", new LocalizedName("Цвет"))))));

    assertEquals(new AttributeUpsertResult(12, 6, true), r);
  }

  // ------------------------------------------------------------------ orders

  @Test
  void listOrderStatusesInGivenOrConfiguredLanguage() {
    shop.stubFor(get("order_status.list").withQueryParam("language", equalTo("en-gb")).willReturn(data(
        "{\"items\":[{\"order_status_id\":1,\"name\":\"Pending\"},{\"order_status_id\":2,\"name\":\"Processing\"}]}")));
    shop.stubFor(get("order_status.list").withQueryParam("language", equalTo("ru-ru")).willReturn(data(
        "{\"items\":[{\"order_status_id\":1,\"name\":\"Ожидание\"}]}")));

    assertEquals(List.of(new OrderStatus(1, "Pending"), new OrderStatus(2, "Processing")),
        result(client.listOrderStatuses("en-gb")));
    assertEquals(List.of(new OrderStatus(1, "Ожидание")), result(client.listOrderStatuses(null)));
  }

  @Test
  void listOrdersSendsPollingFilter() {
    shop.stubFor(get("order.list")
        .withQueryParam("status_ids", equalTo("1,2"))
        .withQueryParam("date_modified_from", equalTo("2026-11-28T21:00:00+03:00"))
        .withQueryParam("id_gt", equalTo("0"))
        .withQueryParam("limit", equalTo("50"))
        .withQueryParam("page", equalTo("1"))
        .willReturn(data("{\"items\":[" + resource("order.json") + "],\"total\":3,\"page\":1,\"limit\":50}")));

    Page<Order> page = result(client.listOrders(new OrderQuery(null, null,
        OffsetDateTime.of(2026, 11, 28, 21, 0, 0, 0, ZoneOffset.ofHours(3)), List.of(1, 2), 0L, 50, 1)));

    assertEquals(3, page.total());
    assertEquals(1, page.items().size());
    assertEquals(1, page.items().get(0).orderId());
    assertFalse(page.hasMore());
  }

  @Test
  void getOrderDecodesLinesAddressesTotalsAndHistory() {
    shop.stubFor(get("order.get").withQueryParam("order_id", equalTo("1")).willReturn(data(resource("order.json"))));

    Order o = result(client.getOrder(1));

    assertEquals("INV-2026-00", o.invoicePrefix());
    assertEquals(1, o.orderStatusId());
    assertEquals(OffsetDateTime.of(2026, 11, 28, 21, 56, 14, 0, ZoneOffset.ofHours(3)), o.dateModified());
    assertEquals(new BigDecimal("1.00000000"), o.currencyValue());
    assertEquals(new BigDecimal("252.4000"), o.total());
    assertEquals("ivan@example.com", o.customer().email());
    assertEquals("Lenina 1", o.paymentAddress().address1());
    assertEquals("RU", o.paymentAddress().isoCode2());
    assertEquals(176, o.paymentAddress().countryId());
    assertNull(o.shippingAddress(), "no shipping");
    assertEquals("cod.cod", o.paymentMethod().code());
    assertEquals("flat.flat", o.shippingMethod().code());
    var line = o.products().get(0);
    assertEquals(40, line.productId());
    assertEquals(2, line.quantity());
    assertEquals(new BigDecimal("101.0000"), line.price());
    assertEquals(new BigDecimal("20.2000"), line.tax());
    assertEquals(new BigDecimal("202.0000"), line.total());
    assertEquals("XL", line.options().get(0).value());
    assertEquals("total", o.totals().get(2).code());
    assertEquals(9, o.totals().get(2).sortOrder());
    assertEquals(Boolean.FALSE, o.history().get(0).notifyCustomer());
  }

  @Test
  void addOrderHistorySendsContractBody() {
    shop.stubFor(post("order.history_add").withRequestBody(equalToJson(
            "{\"order_id\":1,\"order_status_id\":2,\"comment\":\"Принят в 1С\",\"notify\":false,\"override\":false}"))
        .willReturn(data("{\"order_id\":1,\"order_status_id\":2,\"order_history_id\":3}")));

    OrderHistoryAdded added = result(client.addOrderHistory(OrderHistoryAdd.of(1, 2, "Принят в 1С")));

    assertEquals(new OrderHistoryAdded(1, 2, 3, false), added);
  }

  @Test
  void addOrderHistorySendsItsIdempotencyKeyAndReadsReplayed() {
    shop.stubFor(get("ping").willReturn(data("{\"bridge_version\":\"1.0.0\",\"capabilities\":[\"order.history_add\"],"
        + "\"features\":[\"order.history_add.idempotency_key\"]}")));
    shop.stubFor(post("order.history_add").withRequestBody(equalToJson(
            "{\"order_id\":1,\"order_status_id\":2,\"comment\":\"Принят в 1С\",\"notify\":false,\"override\":false,"
                + "\"idempotency_key\":\"ocb-status-42-0123456789abcdef\"}"))
        .willReturn(data("{\"order_id\":1,\"order_status_id\":2,\"order_history_id\":3,\"replayed\":true}")));

    OrderHistoryAdded added = result(client.addOrderHistory(
        OrderHistoryAdd.of(1, 2, "Принят в 1С").withIdempotencyKey("ocb-status-42-0123456789abcdef")));

    assertEquals(new OrderHistoryAdded(1, 2, 3, true), added);
  }

  @Test
  void pingReadsTheAnnouncedFeaturesAndOlderExtensionsAnnounceNone() {
    shop.stubFor(get("ping").willReturn(data("{\"bridge_version\":\"1.0.0\",\"capabilities\":[\"order.history_add\"],"
        + "\"features\":[\"order.history_add.idempotency_key\",\"something.later\"]}")));
    assertTrue(result(client.ping()).features().contains(ShopInfo.HISTORY_IDEMPOTENCY_KEY));
    shop.resetAll();
    shop.stubFor(get("ping").willReturn(data("{\"bridge_version\":\"1.0.0\",\"capabilities\":[\"order.history_add\"]}")));
    assertEquals(java.util.Set.of(), result(client.ping()).features());
  }

  private static int itemCount(String body) {
    try {
      return JSON.readTree(body).get("items").size();
    } catch (Exception e) {
      throw new AssertionError("request body is not JSON: " + body, e);
    }
  }

  private static String firstKey(String body, String pointer) throws Exception {
    JsonNode node = JSON.readTree(body).at(pointer);
    return node.asText();
  }
}
