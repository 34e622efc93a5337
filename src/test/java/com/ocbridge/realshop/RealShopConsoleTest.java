package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.AnswerLosingProxy;
import com.ocbridge.testing.Browser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 15's "done when", in a real browser on the real OpenCart 4.1 shop: an operator uploads a catalog in the
 * console and watches its progress move; the shop goes away during the import (a proxy in front of it is unplugged,
 * connections are refused); /health names the shop as down while the service stays ready, the dashboard shows it,
 * the import shows "paused" with its next attempt; the shop comes back, "retry now" resumes the import at once, and
 * the whole catalog is in the shop's own tables. Screenshots go to target/console-screenshots/.
 */
class RealShopConsoleTest extends RealShopScenario {
  static final int PRODUCTS = 6000;
  static final String USER = "operator";
  static final String PASSWORD = "operator-pass-123";

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void anOperatorSeesTheShopGoAndRetriesThePausedImport() throws Exception {
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS,
        ThreadLocalRandom.current().nextInt(1 << 20), false);
    Path zip = work.resolve("catalog.zip");
    Files.write(zip, RealShopManualImportTest.zip(g.importFile(), g.offersFile()));
    begin("oc41", "console: upload, shop down, paused, retry now (" + PRODUCTS + " products)");
    Vertx vertx = Vertx.vertx();
    AnswerLosingProxy plug = AnswerLosingProxy.passThrough(vertx, shop.baseUrl());
    // a slow link for the product writes (60 requests of 100): the shop writes 6,000 products in seconds, and the
    // test must unplug it while the import runs
    plug.slowDown("products.upsert", 1500);
    try (Browser browser = openConsole(plug, zip)) {
      String exchange = upload(browser, zip);
      watchProgressMove(browser);
      plug.unplug(); // the shop is gone in the middle of the import
      WebElement paused = browser.await(120, "a job shown as paused", d -> d.findElements(
          By.cssSelector("tr[data-job][data-state=paused]")).stream().findFirst().orElse(null));
      assertTrue(paused.getText().contains("приостановлен") && paused.getText().contains("следующая попытка"),
          paused.getText());
      browser.screenshot("11-realshop-paused");
      assertPausedEverywhere(exchange);

      browser.find("#nav a[data-view=dashboard]").click();
      browser.await(30, "the dashboard names the shop as down",
          d -> "down".equals(browser.find("#shop-state").getAttribute("data-state")));
      assertTrue(browser.find("#attention").getText().contains("недоступ"), browser.find("#attention").getText());
      browser.screenshot("12-realshop-dashboard-shop-down");

      plug.slowDown(null, 0);
      plug.plugIn(); // the shop is back: the operator does not wait for the next attempt
      browser.go("/console/#/exchanges/" + exchange);
      browser.await(20, "the retry button", d -> d.findElements(
          By.cssSelector("tr[data-state=paused] button[data-action=retry]")).stream().findFirst().orElse(null)).click();
      browser.await(600, "every job of the exchange succeeded", d -> {
        List<WebElement> jobs = d.findElements(By.cssSelector("tr[data-job]"));
        return !jobs.isEmpty() && jobs.stream().allMatch(j -> "succeeded".equals(j.getAttribute("data-state")));
      });
      browser.screenshot("13-realshop-resumed");
    } finally {
      plug.close();
      vertx.close().await();
    }
    assertEquals((long) PRODUCTS, shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l"
        + " ON l.entity = 'product' AND l.entity_id = p.product_id WHERE p.status = 1"), "products in oc_product");
  }

  private Browser openConsole(AnswerLosingProxy plug, Path zip) throws Exception {
    openCartBaseUrl = plug.baseUrl();
    moreSettings = new JsonObject().put("console", new JsonObject().put("username", USER).put("password", PASSWORD))
        .put("exchange", new JsonObject().put("fileLimit", Math.max(1_048_576, Files.size(zip) + 1)));
    startBridge(4, null);
    Browser browser = Browser.open("http://127.0.0.1:" + app.httpPort());
    browser.go("/console/");
    browser.awaitText(20, "#login-form h1", "Вход");
    browser.find("#login-user").sendKeys(USER);
    browser.find("#login-pass").sendKeys(PASSWORD);
    browser.find("#login-submit").click();
    browser.await(20, "the navigation after login", d -> browser.find("#nav").isDisplayed());
    return browser;
  }

  /** Uploads through the console's page and opens the new exchange; answers its id. */
  private static String upload(Browser browser, Path zip) {
    browser.find("#nav a[data-view=upload]").click();
    browser.find("#upload-file").sendKeys(zip.toAbsolutePath().toString());
    browser.find("#upload-submit").click();
    WebElement link = browser.await(120, "the upload is accepted", d -> d.findElements(By.id("upload-exchange"))
        .stream().findFirst().orElse(null));
    browser.screenshot("10-realshop-uploaded");
    link.click();
    return browser.await(10, "the exchange page", d -> d.findElements(By.cssSelector("h1[data-exchange]")).stream()
        .findFirst().map(h -> h.getAttribute("data-exchange")).orElse(null));
  }

  /** The running job's progress, as the page shows it, takes at least two different values below 100. */
  private static void watchProgressMove(Browser browser) {
    TreeSet<Double> seen = new TreeSet<>();
    browser.await(300, "the running import's progress moves (seen: " + seen + ")", d -> {
      d.findElements(By.cssSelector("tr[data-state=running] .progress")).forEach(p -> {
        double v = Double.parseDouble(p.getAttribute("data-progress"));
        if (v > 0 && v < 100) seen.add(v);
      });
      return seen.size() >= 2;
    });
    browser.screenshot("10-realshop-running");
  }

  /** /health still ready (200) but its opencart check DOWN with a reason; the API says paused with the next attempt. */
  private void assertPausedEverywhere(String exchange) throws Exception {
    var health = api.get("/health");
    assertEquals(200, health.status(), health.body());
    JsonObject opencart = health.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "opencart".equals(c.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(health.body()));
    assertEquals("DOWN", opencart.getString("status"), health.body());
    JsonObject job = api.get("/api/v1/exchanges/" + exchange).json().getJsonArray("jobs").stream()
        .map(JsonObject.class::cast).filter(j -> "paused".equals(j.getString("state"))).findFirst().orElseThrow();
    assertTrue(job.getString("nextAttemptAt") != null && job.getString("pausedReason") != null, job.encode());
  }
}
