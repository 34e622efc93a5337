package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.model.ProductDescription;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.ShopInfo;
import com.ocbridge.testing.RealShops;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extension's OpenCart admin page on real 4.1 and 3.0 shops (issue 15, item 6): after bridge calls made with the
 * bridge's own client (two products created with 1C ids, a call with a wrong key, a ping), the shop owner logs into
 * the admin over HTTP and the page shows the last call (its time as oc_ocbridge_call holds it), the refused call, and
 * the number of linked products counted in the shop's own tables; in English (the admin's language), in Russian by
 * the page's {@code language} parameter, and in Russian because the admin's language is ru-ru (a ru-ru language
 * installed for the test: 4.1's admin language cookie, 3.0's admin language setting). Each page is saved under
 * {@code target/admin-pages/}. The shop starts without {@code oc_ocbridge_call}, so the first call creates it.
 */
class RealShopAdminPageTest extends RealShopScenario {
  private static final Path PAGES = RealShops.projectRoot().resolve("target/admin-pages");
  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theAdminPageShowsTheLastBridgeCallAndTheLinkedProductsInEnglishAndRussian(String key) throws Exception {
    begin(key, "admin page: last bridge call, linked products, English and Russian");
    // as a shop that updated the extension without reinstalling it: the first call makes the call log
    shop.execute("DROP TABLE IF EXISTS {p}ocbridge_call");
    bridgeCalls();
    assertTrue(shop.hasTable("ocbridge_call"), "the first call created oc_ocbridge_call (a shop whose extension predates"
        + " the admin page does not: scripts/realshop update-extension)");

    long linked = shop.count("SELECT COUNT(DISTINCT l.entity_id) FROM {p}ocbridge_link l JOIN {p}product p"
        + " ON p.product_id = l.entity_id WHERE l.entity = 'product'");
    assertEquals(2, linked, "the two products the bridge created are linked in the shop's tables");
    Object lastAt = shop.value("SELECT DATE_FORMAT(date_added, '%Y-%m-%d %H:%i:%s') FROM {p}ocbridge_call WHERE kind = 'last'");
    assertEquals("ping", shop.value("SELECT op FROM {p}ocbridge_call WHERE kind = 'last'"), "the shop recorded the ping");

    OpenCartAdmin admin = new OpenCartAdmin(shop);
    timed("admin login", admin::login);

    String en = fetch(admin, "", key + "-en");
    assertEquals("en-gb", attribute(en, "data-language"));
    assertTrue(en.contains("Last call from the bridge"), "English heading");
    assertLastCall(en, lastAt, "success");
    assertEquals(Long.toString(linked), cell(en, "ocbridge-linked-products"));
    assertTrue(en.contains("unauthorized"), "the refused call's result");
    assertTrue(en.contains("Nothing needs attention."), "a good call after the refusal needs nobody: " + section(en));
    assertTrue(en.contains(shop.apiUsername()) && en.contains("used by the bridge; 127.0.0.1 is allowed"), "the API user");
    assertFalse(en.contains(shop.apiKey()), "never the API key");

    String ruByParameter = fetch(admin, "&language=ru-ru", key + "-ru-parameter");
    assertRussian(ruByParameter, lastAt, linked);

    String ruByAdminLanguage = withRussianAdmin(admin, () -> fetch(admin, "", key + "-ru-admin-language"));
    assertRussian(ruByAdminLanguage, lastAt, linked);
    String enAgain = fetch(admin, "", key + "-en-after");
    assertEquals("en-gb", attribute(enAgain, "data-language"), "English again once the shop's ru-ru is gone");
  }

  /**
   * Issue 16: the Trusted proxies field of the page, posted as the browser does. A list with bad entries is refused
   * naming them and nothing is stored; a good one is stored normalized in oc_setting and shown again; then the API
   * believes X-Forwarded-For from the shop's nginx (127.0.0.1, now trusted) for the API user's IP list, and no longer
   * once the field is emptied again.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theTrustedProxiesAreSavedFromThePageAndDecideWhichAddressTheAllowListChecks(String key) throws Exception {
    begin(key, "admin page: trusted proxies saved to oc_setting and used by the IP allow-list");
    OpenCartAdmin admin = new OpenCartAdmin(shop);
    timed("admin login", admin::login);
    String stored = "SELECT value FROM {p}setting WHERE store_id = 0 AND code = 'module_ocbridge' AND `key` = 'module_ocbridge_trusted_proxies'";

    HttpResponse<String> refused = admin.saveExtensionSettings(trustedProxies("127.0.0.1\nproxy.example\n0.0.0.0/0"));
    assertEquals(200, refused.statusCode(), refused.body());
    // 4.x answers JSON whose text the admin's script inserts as HTML; 3.x shows the page again with the error
    String error = shop.is4x() ? new JsonObject(refused.body()).getJsonObject("error").getString("trusted_proxies")
        : cell(refused.body(), "error-trusted-proxies");
    assertEquals("Trusted proxies were not saved: &quot;proxy.example&quot; is not an IP address or CIDR range (for example"
        + " 203.0.113.7, 10.0.0.0/8, 2001:db8::/32). &quot;0.0.0.0/0&quot; would trust every address: any caller could then"
        + " claim any IP in X-Forwarded-For.", error, "both bad entries named, escaped");
    HttpResponse<String> markup = admin.saveExtensionSettings(trustedProxies("<b>x</b>"));
    assertTrue(markup.body().contains("&quot;&lt;b&gt;x&lt;\\/b&gt;&quot;") || markup.body().contains("&quot;&lt;b&gt;x&lt;/b&gt;&quot;"),
        "what was typed comes back as text, never markup: " + markup.body());
    assertFalse(markup.body().contains("<b>x</b>") || markup.body().contains("<b>x<\\/b>"), "no markup from the input");
    assertNull(shop.value(stored), "nothing saved");

    String withoutModify = withoutModifyPermission(() -> {
      HttpResponse<String> r = admin.saveExtensionSettings(trustedProxies("127.0.0.1"));
      return shop.is4x() ? new JsonObject(r.body()).getJsonObject("error").getString("warning") : cell(r.body(), "ocbridge-error");
    });
    assertTrue(withoutModify.startsWith("You may not change this module: your user group needs the Modify permission"), withoutModify);
    assertNull(shop.value(stored), "nothing saved without the Modify permission");

    HttpResponse<String> saved = admin.saveExtensionSettings(trustedProxies("127.0.0.1, 2001:DB8::1/64"));
    if (shop.is4x()) {
      assertEquals("127.0.0.1\n2001:db8::/64", new JsonObject(saved.body()).getString("module_ocbridge_trusted_proxies"), saved.body());
    } else {
      assertEquals(302, saved.statusCode(), "3.x saves and reloads the page: " + saved.body());
    }
    assertEquals("127.0.0.1\n2001:db8::/64", shop.value(stored), "stored normalized, one entry a line");
    String page = fetch(admin, "", key + "-trusted-proxies");
    assertEquals("127.0.0.1\n2001:db8::/64", textarea(page, "input-trusted-proxies"), "shown again");
    if (!shop.is4x()) assertEquals("Settings saved.", cell(page, "ocbridge-saved"), "3.x says it saved");

    shop.execute("INSERT INTO {p}api_ip (api_id, ip) SELECT api_id, '198.51.100.7' FROM {p}api WHERE username = ?", shop.apiUsername());
    assertEquals(200, ping("198.51.100.7").statusCode(), "the forwarded address is on the list");
    HttpResponse<String> other = ping("127.0.0.1, 203.0.113.9");
    assertEquals(403, other.statusCode(), other.body());
    assertEquals("203.0.113.9", new JsonObject(other.body()).getJsonObject("error").getJsonObject("details").getString("ip"));
    assertEquals("203.0.113.9", shop.value("SELECT ip FROM {p}ocbridge_call WHERE kind = 'refused'"), "the call log records it");
    HttpResponse<String> malformed = ping("203.0.113.9:4711");
    assertEquals(403, malformed.statusCode(), malformed.body());
    assertTrue(malformed.body().contains("forbidden_ip") && malformed.body().contains("not an IP address"), malformed.body());

    admin.saveExtensionSettings(trustedProxies(""));
    assertEquals("", shop.value(stored), "emptied");
    assertEquals(200, ping("203.0.113.9").statusCode(), "off again: the header is ignored, nginx's 127.0.0.1 is checked");
  }

  /** Runs {@code fetch} while the admin's user group lacks the Modify permission for the extension's page. */
  private String withoutModifyPermission(Fetch fetch) throws Exception {
    String route = shop.is4x() ? "extension/ocbridge/module/ocbridge" : "extension/module/ocbridge";
    String group = "SELECT g.user_group_id FROM {p}user_group g JOIN {p}user u ON u.user_group_id = g.user_group_id WHERE u.username = ?";
    Object groupId = shop.value(group, shop.admin().username());
    String previous = (String) shop.value("SELECT permission FROM {p}user_group WHERE user_group_id = ?", groupId);
    JsonObject permission = new JsonObject(previous);
    assertTrue(permission.getJsonArray("modify").remove(route), "the admin may modify " + route + " before");
    shop.execute("UPDATE {p}user_group SET permission = ? WHERE user_group_id = ?", permission.encode(), groupId);
    try {
      return fetch.get();
    } finally {
      shop.execute("UPDATE {p}user_group SET permission = ? WHERE user_group_id = ?", previous, groupId);
    }
  }

  private static String trustedProxies(String value) {
    return "module_ocbridge_trusted_proxies=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A ping as the bridge sends it, with an X-Forwarded-For header as a proxy in front of the shop would add. */
  private HttpResponse<String> ping(String forwardedFor) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(shop.baseUrl() + "index.php?route=extension/ocbridge/api&op=ping"))
        .header("X-Api-Username", shop.apiUsername()).header("X-Api-Key", shop.apiKey())
        .header("X-Forwarded-For", forwardedFor).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String textarea(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)</textarea>").matcher(html);
    if (!m.find()) throw new AssertionError("no textarea #" + id + " in the page");
    return m.group(1);
  }

  /** What the bridge does first on a shop: a few writes (two new products with 1C ids), then a ping. */
  private void bridgeCalls() throws Exception {
    OpenCartClient client = OpenCartClients.create(vertx, "bridge-v1",
        OpenCartSettings.of(shop.baseUrl(), shop.apiUsername(), shop.apiKey()));
    try {
      List<ProductUpsertItemResult> results = timed("two products", () -> client.upsertProducts(List.of(
          product("ADMIN-PAGE-1", "Админка 1"), product("ADMIN-PAGE-2", "Админка 2"))).await());
      assertTrue(results.stream().allMatch(ProductUpsertItemResult::succeeded), results.toString());
      // a caller with a wrong key is refused and recorded as such, apart from the bridge's calls
      HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(shop.baseUrl() + "index.php?route=extension/ocbridge/api&op=ping"))
          .header("X-Api-Username", shop.apiUsername()).header("X-Api-Key", "wrong").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, refused.statusCode(), refused.body());
      ShopInfo info = timed("ping", () -> client.ping().await());
      assertEquals(shop.version(), info.opencartVersion());
    } finally {
      client.close().await();
    }
  }

  private static ProductUpsert product(String sku, String name) {
    return ProductUpsert.byExternalId(UUID.randomUUID().toString(), ProductWrite.builder().model(sku).sku(sku)
        .price("10.0000").quantity(3).status(true).storeIds(List.of(0))
        .description(LANGUAGE, ProductDescription.named(name)).build());
  }

  private void assertRussian(String html, Object lastAt, long linked) {
    assertEquals("ru-ru", attribute(html, "data-language"), "the page is Russian");
    assertTrue(html.contains("Последний вызов от моста"), "Russian heading, decoded as UTF-8");
    assertTrue(html.contains("Товаров, связанных с 1С"), "Russian label");
    assertTrue(html.contains("Мост настраивается на своём сервере"), "Russian help");
    assertFalse(html.contains("\uFFFD"), "no broken characters");
    assertLastCall(html, lastAt, "успешно");
    assertEquals(Long.toString(linked), cell(html, "ocbridge-linked-products"));
  }

  private static void assertLastCall(String html, Object lastAt, String result) {
    assertEquals("ping", cell(html, "ocbridge-last-op"));
    assertEquals(result, cell(html, "ocbridge-last-result"));
    assertTrue(cell(html, "ocbridge-last-time").startsWith(lastAt + " ("), "the time oc_ocbridge_call holds: "
        + cell(html, "ocbridge-last-time") + " vs " + lastAt);
  }

  /** Fetches the page, checks that it is a UTF-8 HTML page, saves it as target/admin-pages/{name}.html. */
  private String fetch(OpenCartAdmin admin, String query, String name) throws IOException, InterruptedException {
    OpenCartAdmin.Page page = admin.extensionPage(query);
    Files.createDirectories(PAGES);
    Path file = PAGES.resolve(name + ".html");
    Files.writeString(file, page.html(), StandardCharsets.UTF_8);
    System.out.println("[realshop] " + shop.key() + " admin page saved: " + file);
    assertEquals(200, page.status(), name + ": " + page.html().substring(0, Math.min(page.html().length(), 500)));
    assertTrue(page.contentType().toLowerCase().contains("utf-8") || page.html().contains("charset=\"utf-8\"")
        || page.html().toLowerCase().contains("charset=utf-8"), name + " declares UTF-8: " + page.contentType());
    assertTrue(page.html().contains("id=\"ocbridge-status\""), name + " is the extension's page, not a login form");
    return page.html();
  }

  interface Fetch {
    String get() throws Exception;
  }

  /**
   * A shop whose admin is Russian for the duration of {@code fetch}: a ru-ru language row (no OpenCart pack is
   * installed: the extension's own ru-ru file is what the page needs), and 4.1's admin language cookie or 3.0's
   * admin language setting; all taken back afterwards.
   */
  private String withRussianAdmin(OpenCartAdmin admin, Fetch fetch) throws Exception {
    String previous = (String) shop.value("SELECT value FROM {p}setting WHERE store_id = 0 AND `key` = 'config_admin_language'");
    try {
      if (shop.is4x()) {
        shop.execute("INSERT INTO {p}language (name, code, locale, extension, sort_order, status) VALUES (?, 'ru-ru', 'ru-ru,ru', '', 2, 1)", "Русский");
        admin.setCookie("language", "ru-ru");
      } else {
        shop.execute("INSERT INTO {p}language (name, code, locale, image, directory, sort_order, status) VALUES (?, 'ru-ru', 'ru-RU,ru', 'ru.png', 'russian', 2, 1)", "Русский");
        shop.execute("UPDATE {p}setting SET value = 'ru-ru' WHERE store_id = 0 AND `key` = 'config_admin_language'");
      }
      clearLanguageCache();
      return fetch.get();
    } finally {
      shop.execute("DELETE FROM {p}language WHERE code = 'ru-ru'");
      if (previous != null) shop.execute("UPDATE {p}setting SET value = ? WHERE store_id = 0 AND `key` = 'config_admin_language'", previous);
      admin.setCookie("language", "en-gb");
      clearLanguageCache();
    }
  }

  /** OpenCart caches the language list in files (cache.language.*): a new language is seen once they are gone. */
  private void clearLanguageCache() throws IOException {
    Path cache = shop.root().resolve("system/storage/cache");
    if (!Files.isDirectory(cache)) return;
    try (Stream<Path> files = Files.list(cache)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("cache.language.")).toList()) Files.deleteIfExists(f);
    }
  }

  private static String cell(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
    if (!m.find()) throw new AssertionError("no element #" + id + " in the page: " + section(html));
    return m.group(1).trim();
  }

  private static String attribute(String html, String name) {
    Matcher m = Pattern.compile("id=\"ocbridge-status\"[^>]*" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(html);
    if (!m.find()) throw new AssertionError("no " + name + " on #ocbridge-status: " + section(html));
    return m.group(1);
  }

  private static String section(String html) {
    int from = html.indexOf("id=\"ocbridge-status\"");
    return from < 0 ? html.substring(0, Math.min(html.length(), 1500)) : html.substring(from, Math.min(html.length(), from + 3000));
  }
}
