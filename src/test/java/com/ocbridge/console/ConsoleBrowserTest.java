package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.testing.Browser;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator console in a real headless Chromium against the whole service on a socket (no shop needed here;
 * the import flows on a real shop are in RealShopConsoleTest): log in, switch language, see an exchange 1C made,
 * find a refused item across exchanges, retry a dead-lettered delivery. Screenshots are written to target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  @TempDir static Path dataDir;
  static ConsoleApp service;
  static BridgeApp app;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    service = new ConsoleApp(dataDir, new JsonObject().put("console",
        new JsonObject().put("username", ConsoleAuthTest.USER).put("password", ConsoleAuthTest.PASSWORD))
        .put("catalog", new JsonObject().put("approval", new JsonObject().put("deleteMoreThan", 1))));
    app = service.app;
    base = "http://127.0.0.1:" + app.httpPort();
    browser = Browser.open(base);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (service != null) service.close();
  }

  static void logIn() {
    browser.go("/console/");
    browser.awaitText(20, "#login-form h1", "Вход");
    browser.find("#login-user").clear();
    browser.find("#login-user").sendKeys(ConsoleAuthTest.USER);
    browser.find("#login-pass").sendKeys(ConsoleAuthTest.PASSWORD);
    browser.find("#login-submit").click();
    browser.await(20, "the navigation after login", d -> browser.find("#nav").isDisplayed());
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedInRussianThenTheOperatorLogsIn() {
    browser.go("/console/");
    browser.awaitText(20, "#login-form h1", "Вход в консоль");
    browser.find("#login-user").sendKeys(ConsoleAuthTest.USER);
    browser.find("#login-pass").sendKeys("wrong-password");
    browser.find("#login-submit").click();
    browser.awaitText(10, "#login-error", "Неверное имя или пароль");
    browser.screenshot("01-login-refused");
    logIn();
    assertEquals(ConsoleAuthTest.USER, browser.find("#operator").getText());
    // this service has no shop configured: the dashboard says so, and nothing needs a person
    browser.awaitText(20, "#shop", "не настроен");
    browser.awaitText(10, "#attention li.none", "Всё в порядке");
    browser.screenshot("02-dashboard");
  }

  @Test
  @Order(2)
  void theLanguageSwitchesBetweenRussianAndEnglish() {
    browser.find("#lang-en").click();
    browser.awaitText(10, "#nav a[data-view=exchanges]", "Exchanges");
    assertEquals("en", browser.find("html").getAttribute("lang"));
    browser.screenshot("03-english");
    browser.find("#lang-ru").click();
    browser.awaitText(10, "#nav a[data-view=exchanges]", "Обмены");
    assertEquals("ru", browser.find("html").getAttribute("lang"));
  }

  @Test
  @Order(3)
  void anExchangeFrom1cIsListedWithItsFiles() throws Exception {
    OneCExchangeClient onec = new OneCExchangeClient(base + "/1c/exchange", "catalog", true);
    onec.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    onec.init();
    onec.postFile("import.xml", "<КоммерческаяИнформация/>".getBytes(StandardCharsets.UTF_8));
    String answer = onec.importFile("import.xml").first();
    String id = app.pool().query("SELECT id FROM exchange_run ORDER BY started_at DESC LIMIT 1").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getString(0);
    browser.find("#nav a[data-view=exchanges]").click();
    browser.awaitText(10, "tr[data-exchange='" + id + "']", "каталог");
    browser.find("tr[data-exchange='" + id + "'] a").click();
    browser.awaitText(20, "tr[data-job] .state-cell", "выполнен");
    assertTrue(browser.find("tr[data-job]").getText().contains("import.xml"), answer);
    browser.screenshot("04-exchange");
  }

  @Test
  @Order(4)
  void aRefusedItemIsFoundAcrossExchanges() throws Exception {
    OneCExchangeClient onec = service.oneC();
    onec.postFile("refuse-1.xml", "<КоммерческаяИнформация/>".getBytes(StandardCharsets.UTF_8));
    String answer = onec.importFile("refuse-1.xml").text();
    browser.find("#nav a[data-view=errors]").click();
    browser.awaitText(10, "tr.error-row .reason", "price is not a number");
    browser.find("#errors-q").sendKeys("art-7");
    browser.find("#errors-search").click();
    WebElement row = browser.await(10, "only the matching refusal is listed", d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("tr.error-row"));
      return rows.size() == 1 && rows.get(0).getText().contains("ART-7") ? rows.get(0) : null;
    });
    assertTrue(row.getText().contains("Кроссовки Беговые") && row.getText().contains("refuse-1.xml"), answer);
    browser.screenshot("05-refusal-found");
    browser.find("#errors-q").clear();
    browser.find("#errors-q").sendKeys("нет такого");
    browser.find("#errors-search").click();
    browser.awaitText(10, "#errors-results", "Отказов не найдено");
  }

  /** Issue 19: a dry run uploaded with the checkbox shows its change plan: counts, lines, a filter, the CSV button. */
  @Test
  @Order(6)
  void aDryRunUploadedInTheConsoleShowsItsChangePlan() throws Exception {
    Path file = dataDir.resolve("plan-import.xml");
    java.nio.file.Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<КоммерческаяИнформация ВерсияСхемы=\"2.07\"><Классификатор><Ид>c</Ид><Наименование>К</Наименование><Группы>"
        + "<Группа><Ид>g1</Ид><Наименование>Обувь</Наименование></Группа></Группы></Классификатор>"
        + "<Каталог СодержитТолькоИзменения=\"true\"><Ид>k</Ид><ИдКлассификатора>c</ИдКлассификатора>"
        + "<Наименование>К</Наименование><Товары><Товар><Ид>p-1</Ид><Артикул>ART-1</Артикул>"
        + "<Наименование>Кроссовки Беговые</Наименование><Группы><Ид>g1</Ид></Группы></Товар><Товар><Ид>p-2</Ид>"
        + "<Артикул>ART-2</Артикул><Наименование>Кеды</Наименование><Группы><Ид>g1</Ид></Группы></Товар></Товары>"
        + "</Каталог></КоммерческаяИнформация>\n", StandardCharsets.UTF_8);
    browser.find("#nav a[data-view=upload]").click();
    browser.find("#upload-file").sendKeys(file.toAbsolutePath().toString());
    browser.find("#upload-dry-run").click();
    browser.find("#upload-submit").click();
    browser.awaitText(30, "#upload-result", "пробного запуска");
    browser.find("#upload-exchange").click();
    browser.awaitText(30, "#plan", "План изменений");
    browser.awaitText(30, "#plan-dry", "пробный запуск");
    browser.awaitText(10, "#plan-counts", "товар");
    browser.await(10, "three lines: two products and their category", d ->
        d.findElements(By.cssSelector("#plan-items tr[data-kind]")).size() == 3);
    assertTrue(browser.find("#plan-items").getText().contains("Кроссовки Беговые"));
    browser.screenshot("07-change-plan");
    new org.openqa.selenium.support.ui.Select(browser.find("#plan-kind")).selectByValue("category");
    browser.await(10, "only the category is listed", d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#plan-items tr[data-kind]"));
      return rows.size() == 1 && rows.get(0).getText().contains("Обувь");
    });
    assertTrue(browser.find("#plan-csv").isDisplayed());
    assertTrue(browser.driver().findElements(By.id("plan-approve")).isEmpty(), "a dry run is never held");
    assertEquals(List.of(), service.applied.stream().filter(n -> n.startsWith("plan")).toList());
  }

  /** Issue 19: a package that breaks catalog.approval.deleteMoreThan waits in the console until approved there. */
  @Test
  @Order(7)
  void aHeldPlanIsApprovedInTheConsole() throws Exception {
    Path first = dataDir.resolve("plan-first.xml");
    java.nio.file.Files.writeString(first, catalog(false), StandardCharsets.UTF_8);
    Path second = dataDir.resolve("plan-second.xml");
    java.nio.file.Files.writeString(second, catalog(true), StandardCharsets.UTF_8);
    OneCExchangeClient onec = service.oneC();
    onec.upload(first, "plan-first.xml");
    assertEquals("success", onec.importFile("plan-first.xml").first());
    onec.upload(second, "plan-second.xml");
    String held = onec.importFile("plan-second.xml").text();
    assertTrue(held.startsWith("failure") && held.contains("catalog.approval.deleteMoreThan"), held);
    String id = app.pool().query("SELECT run_id FROM import_job WHERE filename = 'plan-second.xml'").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getString(0);

    browser.go("/console/#/exchanges/" + id);
    browser.awaitText(30, "#plan", "ждёт подтверждения");
    browser.awaitText(10, ".plan-reason", "catalog.approval.deleteMoreThan");
    browser.await(10, "the two products it would disable", d ->
        d.findElements(By.cssSelector("#plan-items tr[data-action=disable]")).size() == 2);
    browser.screenshot("08-plan-held");
    browser.find("#plan-approve").click();
    browser.awaitText(30, "#plan", "выполнен");
    assertEquals("succeeded", app.pool().query("SELECT state FROM import_job WHERE filename = 'plan-second.xml'")
        .execute().await(10, TimeUnit.SECONDS).iterator().next().getString(0));
    assertTrue(browser.driver().findElements(By.id("plan-approve")).isEmpty());
    browser.screenshot("09-plan-applied");
  }

  /** Two products of one group; {@code deleted}: both marked for deletion in 1C. */
  private static String catalog(boolean deleted) {
    String mark = deleted ? "<ПометкаУдаления>true</ПометкаУдаления>" : "";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация ВерсияСхемы=\"2.07\"><Классификатор>"
        + "<Ид>c</Ид><Наименование>К</Наименование><Группы><Группа><Ид>g9</Ид><Наименование>Сумки</Наименование></Группа>"
        + "</Группы></Классификатор><Каталог СодержитТолькоИзменения=\"true\"><Ид>k</Ид><ИдКлассификатора>c"
        + "</ИдКлассификатора><Наименование>К</Наименование><Товары><Товар><Ид>h-1</Ид><Артикул>BAG-1</Артикул>"
        + "<Наименование>Сумка</Наименование><Группы><Ид>g9</Ид></Группы>" + mark + "</Товар><Товар><Ид>h-2</Ид>"
        + "<Артикул>BAG-2</Артикул><Наименование>Рюкзак</Наименование><Группы><Ид>g9</Ид></Группы>" + mark
        + "</Товар></Товары></Каталог></КоммерческаяИнформация>\n";
  }

  @Test
  @Order(5)
  void aDeadLetteredDeliveryIsRetriedFromTheOutboxPage() throws Exception {
    Outbox outbox = new Outbox(app.pool());
    long id = app.pool().withTransaction(tx -> outbox.enqueue(tx, "test.dead", "dead-1", new JsonObject().put("n", 1)))
        .await(10, TimeUnit.SECONDS).orElseThrow();
    List<OutboxEntry> claimed = outbox.claim(1, Duration.ofMinutes(1), "test", List.of("test.dead"))
        .await(10, TimeUnit.SECONDS);
    outbox.markFailed(claimed.get(0), "1C answered 422: the order has no buyer").await(10, TimeUnit.SECONDS);

    browser.find("#nav a[data-view=outbox]").click();
    browser.awaitText(10, "tr[data-entry='" + id + "'] .last-error", "no buyer");
    browser.screenshot("06-outbox-failed");
    browser.find("tr[data-entry='" + id + "'] button[data-action=retry]").click();
    browser.await(10, "the entry leaves the failed list", d -> d.findElements(By.cssSelector("tr[data-entry='" + id + "']")).isEmpty());
    assertEquals("pending", outbox.get(id).await(10, TimeUnit.SECONDS).orElseThrow().status().name().toLowerCase());
  }
}
