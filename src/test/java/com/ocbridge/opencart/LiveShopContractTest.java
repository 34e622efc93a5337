package com.ocbridge.opencart;

import com.ocbridge.opencart.model.AttributeGroupRef;
import com.ocbridge.opencart.model.AttributeRef;
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
import com.ocbridge.opencart.model.ManufacturerRef;
import com.ocbridge.opencart.model.ManufacturerUpsert;
import com.ocbridge.opencart.model.ManufacturerWrite;
import com.ocbridge.opencart.model.OptionRef;
import com.ocbridge.opencart.model.OptionUpsert;
import com.ocbridge.opencart.model.OptionUpsertResult;
import com.ocbridge.opencart.model.OptionValueRef;
import com.ocbridge.opencart.model.OptionValueWrite;
import com.ocbridge.opencart.model.OptionWrite;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderQuery;
import com.ocbridge.opencart.model.OrderStatus;
import com.ocbridge.opencart.model.Page;
import com.ocbridge.opencart.model.Product;
import com.ocbridge.opencart.model.ProductAttributeValue;
import com.ocbridge.opencart.model.ProductDescription;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.ProductOption;
import com.ocbridge.opencart.model.ProductOptionValue;
import com.ocbridge.opencart.model.ProductRef;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.ShopInfo;
import com.ocbridge.opencart.model.ShopLanguage;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import com.ocbridge.opencart.model.StoredImage;
import com.ocbridge.opencart.model.UpsertResult;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import static com.ocbridge.opencart.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bridge-v1 contract against a real shop with the OCBridge extension installed. Runs only
 * when {@code -Docbridge.contract.baseUrl=…} is given (with {@code ocbridge.contract.username}
 * and {@code ocbridge.contract.apiKey}); skipped otherwise, saying so. Its subclasses
 * {@code com.ocbridge.realshop.RealShopContractOc41Test} / {@code …Oc30Test} run the same steps against the
 * shops of the {@code scripts/realshop} harness (OpenCart 4.1.0.4 and 3.0.5.1), taking the shop from its
 * descriptor through {@link #target()}.
 *
 * <p>Every run uses fresh external ids, SKUs and SEO keywords ({@code ocb<timestamp><random>}),
 * so runs never collide with each other or with real data. Everything it creates is disabled
 * ({@code status=false}) and named "OCBridge contract test"; the contract has no delete operation,
 * so those rows stay in the shop. No order is changed (order.history_add is not called).
 *
 * <p>Steps run in order and share what they created; when a step fails, the steps that need its
 * result are skipped, naming the step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LiveShopContractTest {

  /** The shop the steps run against: its storefront URL, API user and key, and (optionally) the language to use. */
  public record Target(String baseUrl, String username, String apiKey, String language) {}

  private static final List<String> OPS_USED = List.of("category.list", "category.upsert", "manufacturer.upsert",
      "option.upsert", "attribute.upsert", "product.upsert", "products.upsert", "product.get",
      "products.stock_price", "image.put", "order_status.list", "order.list", "order.get");

  private final String run = "ocb" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
      + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  private Vertx vertx;
  private OpenCartClient client;
  private List<Integer> storeIds;

  private String language;
  private Long parentCategoryId;
  private Long childCategoryId;
  private Long manufacturerId;
  private OptionUpsertResult option;
  private AttributeUpsertResult attribute;
  private Long productId;

  private Target target;

  /**
   * The shop given with {@code -Docbridge.contract.baseUrl} (and {@code .username}, {@code .apiKey},
   * {@code .language}); skips the class, saying how to run it, when there is none.
   */
  protected Target target() {
    String baseUrl = System.getProperty("ocbridge.contract.baseUrl", "");
    assumeTrue(!baseUrl.isBlank(), "live shop contract test skipped: set -Docbridge.contract.baseUrl=https://shop/ "
        + "-Docbridge.contract.username=<API user> -Docbridge.contract.apiKey=<API key> to run it (RealShopContract*Test "
        + "run it against the scripts/realshop shops)");
    String key = System.getProperty("ocbridge.contract.apiKey", "");
    assumeTrue(!key.isBlank(), "live shop contract test skipped: -Docbridge.contract.apiKey is missing");
    return new Target(baseUrl, System.getProperty("ocbridge.contract.username", "Default"), key,
        System.getProperty("ocbridge.contract.language"));
  }

  /** Why there is no shop to run against (each step is then reported as skipped with it), or null. */
  private String skipped;

  @BeforeAll
  void connect() {
    try {
      target = target();
    } catch (org.opentest4j.TestAbortedException noShop) {
      skipped = String.valueOf(noShop.getMessage()).replaceFirst("^Assumption failed: ", "");
      System.out.println("[live contract] " + skipped);
      return;
    }
    vertx = Vertx.vertx();
    OpenCartSettings settings = OpenCartSettings.of(target.baseUrl(), target.username(), target.apiKey())
        .withConcurrency(2)
        .withRequestTimeout(Duration.ofSeconds(60))
        .withRetry(2, Duration.ofMillis(500), Duration.ofSeconds(2));
    storeIds = settings.storeIds();
    client = OpenCartClients.create(vertx, "bridge-v1", settings);
    System.out.println("[live contract] run id " + run + " against " + target.baseUrl());
  }

  @BeforeEach
  void requireShop() {
    assumeTrue(skipped == null, skipped);
  }

  @AfterAll
  void disconnect() {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void ping() {
    ShopInfo info = result(client.ping());

    System.out.println("[live contract] bridge " + info.bridgeVersion() + " on OpenCart " + info.opencartVersion()
        + ", languages " + info.languages() + ", currency " + info.currency());
    assertNotNull(info.bridgeVersion(), "ping: bridge_version missing");
    assertNotNull(info.opencartVersion(), "ping: opencart_version missing");
    assertFalse(info.languages().isEmpty(), "ping: no languages");
    assertFalse(info.stores().isEmpty(), "ping: no stores");
    Set<String> missing = new TreeSet<>(OPS_USED);
    missing.removeAll(info.capabilities());
    assertTrue(missing.isEmpty(), "ping: capabilities lack " + missing + " (has " + info.capabilities() + ")");
    language = target.language() != null ? target.language() : (info.languages().stream()
        .filter(l -> Boolean.TRUE.equals(l.isDefault())).map(ShopLanguage::code).findFirst()
        .orElse(info.languages().get(0).code()));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void categoryParentAndChildUpsertTwice() {
    need(language, "ping");
    UpsertResult parent = result(client.upsertCategory(category(run + "-cat-parent", CategoryRef.root(), "Parent")));
    UpsertResult child = result(client.upsertCategory(category(run + "-cat-child",
        CategoryRef.externalId(run + "-cat-parent"), "Child")));
    assertTrue(parent.created(), "category.upsert: a new external_id must be created (parent)");
    assertTrue(child.created(), "category.upsert: a new external_id must be created (child)");
    assertNotEquals(parent.id(), child.id(), "category.upsert: parent and child got the same id");

    UpsertResult parentAgain = result(client.upsertCategory(category(run + "-cat-parent", CategoryRef.root(), "Parent")));
    UpsertResult childAgain = result(client.upsertCategory(category(run + "-cat-child",
        CategoryRef.externalId(run + "-cat-parent"), "Child")));

    assertEquals(new UpsertResult(parent.id(), false), parentAgain, "category.upsert twice: second must update the same row");
    assertEquals(new UpsertResult(child.id(), false), childAgain, "category.upsert twice: second must update the same row");
    parentCategoryId = parent.id();
    childCategoryId = child.id();

    List<Category> all = result(client.listCategories());
    Category listedChild = all.stream().filter(c -> c.categoryId() == child.id()).findFirst()
        .orElseThrow(() -> new AssertionError("category.list does not list the new child " + child.id()));
    assertEquals(parent.id(), listedChild.parentId(), "category.list: child's parent_id");
    assertEquals(run + "-cat-child", listedChild.externalId(), "category.list: child's external_id");
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void manufacturerOptionAttributeUpsert() {
    need(language, "ping");
    UpsertResult m = result(client.upsertManufacturer(new ManufacturerUpsert(EntityMatch.externalId(run + "-mf"), true,
        new ManufacturerWrite("OCBridge test " + run, "", 0, storeIds, seo(run + "-mf")))));
    assertTrue(m.created(), "manufacturer.upsert: new external_id must be created");
    manufacturerId = m.id();

    OptionUpsertResult o = result(client.upsertOption(new OptionUpsert(EntityMatch.externalId(run + "-opt"), true,
        new OptionWrite("select", 0, Map.of(language, new LocalizedName("Size " + run)), List.of(
            new OptionValueWrite(run + "-opt-s", 0, "", Map.of(language, new LocalizedName("S"))),
            new OptionValueWrite(run + "-opt-xl", 1, "", Map.of(language, new LocalizedName("XL"))))))));
    assertTrue(o.created(), "option.upsert: new external_id must be created");
    assertEquals(Set.of(run + "-opt-s", run + "-opt-xl"), o.valueIdsByExternalId().keySet(),
        "option.upsert: one value id per value external_id");
    assertEquals(2, new HashSet<>(o.valueIdsByExternalId().values()).size(), "option.upsert: distinct value ids");
    option = o;

    AttributeUpsertResult a = result(client.upsertAttribute(new AttributeUpsert(EntityMatch.externalId(run + "-attr"),
        true, new AttributeWrite(AttributeGroupRef.named(Map.of(language, "OCBridge test " + run)), 0,
        Map.of(language, new LocalizedName("Colour " + run))))));
    assertTrue(a.created(), "attribute.upsert: new external_id must be created");
    assertTrue(a.attributeGroupId() > 0, "attribute.upsert: attribute_group_id missing");
    attribute = a;
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void productUpsertByExternalIdCreatesThenUpdates() {
    need(childCategoryId, "categoryParentAndChildUpsertTwice");
    need(option, "manufacturerOptionAttributeUpsert");
    ProductWrite write = product(run + "-p0", "1234.5000", 7).toBuilder()
        .manufacturer(ManufacturerRef.externalId(run + "-mf"))
        .categories(List.of(CategoryRef.externalId(run + "-cat-child")))
        .attributes(List.of(new ProductAttributeValue(AttributeRef.externalId(run + "-attr"),
            Map.of(language, "Black"))))
        .options(List.of(ProductOption.of(OptionRef.externalId(run + "-opt"), true, List.of(
            ProductOptionValue.of(OptionValueRef.externalId(run + "-opt-xl"), run + "-char-xl",
                sku(0) + "-XL", 3, new BigDecimal("0.0000"), "+")))))
        .build();

    UpsertResult first = result(client.upsertProduct(ProductUpsert.byExternalId(run + "-p0", write)));
    UpsertResult second = result(client.upsertProduct(ProductUpsert.byExternalId(run + "-p0", write)));

    assertTrue(first.created(), "product.upsert: new external_id must be created");
    assertEquals(new UpsertResult(first.id(), false), second, "product.upsert twice: second must update the same product");
    productId = first.id();
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void batchUpsertOfThreeProducts() {
    need(language, "ping");
    List<ProductUpsert> items = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      items.add(ProductUpsert.byExternalId(run + "-p" + i, product(run + "-p" + i, "10" + i + ".0000", i)));
    }

    List<ProductUpsertItemResult> results = result(client.upsertProducts(items));

    assertEquals(3, results.size(), "products.upsert: one result per item");
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      ProductUpsertItemResult r = results.get(i);
      assertEquals(i, r.index(), "products.upsert: results in input order");
      assertTrue(r.succeeded(), "products.upsert item " + i + " failed: " + r.error());
      assertEquals(Boolean.TRUE, r.created(), "products.upsert item " + i + ": must be created");
      ids.add(r.productId());
    }
    assertEquals(3, ids.size(), "products.upsert: three distinct product ids");
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void getBySkuAndByExternalId() {
    need(productId, "productUpsertByExternalIdCreatesThenUpdates");

    Product bySku = result(client.getProduct(ProductRef.sku(sku(0))));
    Product byExternalId = result(client.getProduct(ProductRef.externalId(run + "-p0")));

    assertEquals(productId.longValue(), bySku.productId(), "product.get by sku");
    assertEquals(productId.longValue(), byExternalId.productId(), "product.get by external_id");
    ProductWrite f = byExternalId.fields();
    assertEquals(run + "-p0", f.externalId(), "product.get: external_id");
    assertEquals(sku(0), f.sku(), "product.get: sku");
    assertEquals(0, new BigDecimal("1234.5").compareTo(f.price()), "product.get: price was " + f.price());
    assertEquals(7, f.quantity(), "product.get: quantity");
    assertEquals(Boolean.FALSE, f.status(), "product.get: status");
    assertEquals(manufacturerId, f.manufacturer() == null ? null : f.manufacturer().manufacturerId(),
        "product.get: manufacturer");
    assertTrue(f.categories() != null && f.categories().stream().anyMatch(c -> childCategoryId.equals(c.categoryId())),
        "product.get: categories " + f.categories() + " lack " + childCategoryId);
    assertNotNull(f.descriptions(), "product.get: descriptions");
    assertEquals("OCBridge contract test " + run + "-p0", f.descriptions().get(language).name(),
        "product.get: name in " + language);
    assertTrue(f.options() != null && f.options().stream().flatMap(o -> o.values().stream())
            .anyMatch(v -> option.valueIdsByExternalId().get(run + "-opt-xl").equals(v.optionValueId())),
        "product.get: option value XL missing in " + f.options());
    assertTrue(f.attributes() != null && f.attributes().stream()
            .anyMatch(a -> Long.valueOf(attribute.attributeId()).equals(a.attribute().attributeId())),
        "product.get: attribute missing in " + f.attributes());
    assertNotNull(byExternalId.dateModified(), "product.get: date_modified");
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void stockPriceBySkuWithOneUnknownSku() {
    need(productId, "productUpsertByExternalIdCreatesThenUpdates");
    String unknown = "UNKNOWN-" + run;

    List<StockPriceResult> results = result(client.updateStockPrices(ProductKey.SKU, List.of(
        StockItem.of(sku(0), 42, new BigDecimal("1299.9900")), StockItem.of(unknown, 1, null))));

    assertEquals(2, results.size(), "products.stock_price: one result per item");
    assertEquals(StockStatus.UPDATED, results.get(0).status(), "products.stock_price known sku: " + results.get(0));
    assertEquals(productId, results.get(0).productId(), "products.stock_price: product_id of the known sku");
    assertEquals(unknown, results.get(1).key());
    assertEquals(StockStatus.NOT_FOUND, results.get(1).status(), "products.stock_price unknown sku: " + results.get(1));
    ProductWrite after = result(client.getProduct(ProductRef.productId(productId))).fields();
    assertEquals(42, after.quantity(), "quantity after products.stock_price");
    assertEquals(0, new BigDecimal("1299.99").compareTo(after.price()), "price after products.stock_price: " + after.price());
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void imagePutTinyPng() throws IOException {
    need(language, "ping");
    byte[] png = tinyPng();
    String path = "catalog/ocbridge-test/" + run + ".png";

    StoredImage stored = result(client.putImage(path, png, true));

    assertEquals(path, stored.path(), "image.put: path");
    assertEquals(png.length, stored.bytes(), "image.put: bytes");
  }

  @Test
  @org.junit.jupiter.api.Order(9)
  void orderStatusList() {
    need(language, "ping");
    List<OrderStatus> statuses = result(client.listOrderStatuses(language));

    assertFalse(statuses.isEmpty(), "order_status.list: no statuses in " + language);
    assertTrue(statuses.stream().allMatch(s -> s.orderStatusId() > 0 && s.name() != null && !s.name().isBlank()),
        "order_status.list: every status needs an id > 0 and a name: " + statuses);
  }

  @Test
  @org.junit.jupiter.api.Order(10)
  void orderListAndGet() {
    need(language, "ping");
    Page<Order> page = result(client.listOrders(OrderQuery.all().withPage(1, 5)));

    assertEquals(1, page.page(), "order.list: page");
    assertEquals(5, page.limit(), "order.list: limit");
    assertTrue(page.items().size() <= 5, "order.list: more items than the limit");
    assertTrue(page.total() >= page.items().size(), "order.list: total below the item count");
    assertTrue(page.items().stream().noneMatch(o -> o.orderStatusId() == 0), "order.list: status 0 orders must be excluded");
    for (int i = 1; i < page.items().size(); i++) {
      assertTrue(page.items().get(i - 1).orderId() < page.items().get(i).orderId(), "order.list: ascending order_id");
    }
    if (!page.items().isEmpty()) {
      Order first = page.items().get(0);
      Order again = result(client.getOrder(first.orderId()));
      assertEquals(first.orderId(), again.orderId(), "order.get: order_id");
      assertNotNull(again.dateAdded(), "order.get: date_added");
      assertNotNull(again.products(), "order.get: products");
    } else {
      System.out.println("[live contract] the shop has no orders; order.get not exercised");
    }
  }

  // ------------------------------------------------------------------ helpers

  private String sku(int n) {
    return ("OCB-" + run + "-" + n).toUpperCase();
  }

  private ProductWrite product(String externalId, String price, int quantity) {
    int n = Integer.parseInt(externalId.substring(externalId.lastIndexOf('p') + 1));
    return ProductWrite.builder()
        .externalId(externalId).model(sku(n)).sku(sku(n)).price(price).quantity(quantity)
        .status(false).storeIds(storeIds)
        .description(language, ProductDescription.named("OCBridge contract test " + externalId))
        .seoKeywords(seo(externalId))
        .build();
  }

  private CategoryUpsert category(String externalId, CategoryRef parent, String name) {
    return new CategoryUpsert(EntityMatch.externalId(externalId), true, new CategoryWrite(parent, false, 0, "",
        storeIds, Map.of(language, CategoryDescription.named("OCBridge contract test " + name + " " + run)),
        seo(externalId)));
  }

  private Map<String, Map<String, String>> seo(String externalId) {
    return Map.of("0", Map.of(language, externalId.toLowerCase()));
  }

  private static byte[] tinyPng() throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void need(Object fromEarlierStep, String step) {
    assumeTrue(fromEarlierStep != null, "skipped: needs the result of step '" + step + "', which failed or was skipped");
  }
}
