package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.OneCExchangeClient.Reply;
import com.ocbridge.testing.ServiceProcess;
import com.ocbridge.testing.StubShopServer;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 5: what 1C's operator reads is Russian, says what happened and what to do, with no class name, stack
 * fragment or raw English exception text; driven over HTTP like 1C against the real catalog import, with the shop
 * down (nothing listening on opencart.baseUrl), a damaged zip, a malformed XML and wrong file names.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OperatorMessagesTest {
  private static final List<String> FORBIDDEN = List.of("Exception", "Throwable", "io.", "java.", "netty", "vertx",
      "Connection refused", "unreachable", "$", "at com.", "null");
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
  private static final Pattern ENGLISH_SENTENCE = Pattern.compile("\\b(the|is|was|not|could|failed|of)\\s+[a-z]+",
      Pattern.CASE_INSENSITIVE);
  private static final byte[] GOOD_CATALOG = """
      <?xml version="1.0" encoding="UTF-8"?>
      <КоммерческаяИнформация ВерсияСхемы="2.10" ДатаФормирования="2024-01-01T00:00:00">
        <Классификатор><Ид>c1</Ид><Наименование>Классификатор</Наименование></Классификатор>
        <Каталог СодержитТолькоИзменения="true"><Ид>cat1</Ид><ИдКлассификатора>c1</ИдКлассификатора>
          <Наименование>Каталог</Наименование>
          <Товары><Товар><Ид>p1</Ид><Наименование>Товар</Наименование></Товар></Товары>
        </Каталог>
      </КоммерческаяИнформация>
      """.strip().getBytes(StandardCharsets.UTF_8);

  @TempDir Path dataDir;
  private final List<Reply> seen = new ArrayList<>();

  @Test
  void aShopThatIsDownIsExplainedInRussianWithWhatHappensNext() throws Exception {
    int closed = ServiceProcess.freePort(); // nothing listens there
    BridgeApp app = start("http://127.0.0.1:" + closed + "/");
    try {
      OneCExchangeClient onec = loggedIn(app);
      assertEquals("success", keep(onec.postFile("import.xml", GOOD_CATALOG)).first());
      Reply paused = awaitPaused(onec, "import.xml");
      assertTrue(paused.text().contains("приостановлен"), paused.text());
      assertTrue(paused.text().contains("никто не принимает подключения") && paused.text().contains("opencart.baseUrl"),
          "says the shop does not accept connections and which setting: " + paused.text());
      assertTrue(paused.text().toLowerCase(java.util.Locale.ROOT).contains("следующая попытка"), "says what the bridge does next: " + paused.text());
      assertTrue(paused.text().contains("Ничего не потеряно"), paused.text());
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
    seen.forEach(OperatorMessagesTest::assertForAPerson);
  }

  @Test
  void aDamagedZipAMalformedXmlAndWrongFileNamesAreExplainedInRussian() throws Exception {
    try (StubShopServer shop = new StubShopServer()) {
      BridgeApp app = start(shop.baseUrl());
      try {
        OneCExchangeClient onec = loggedIn(app);

        byte[] zip = zip("import.xml", GOOD_CATALOG);
        byte[] damaged = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertEquals("success", keep(onec.postFile("damaged.zip", damaged)).first());
        Reply unzip = keep(onec.importFile("import.xml"));
        assertEquals("failure", unzip.first(), unzip.text());
        assertTrue(unzip.text().contains("damaged.zip") && unzip.text().contains("архив повреждён"), unzip.text());
        assertTrue(unzip.text().contains("отправьте архив снова"), "says what to do: " + unzip.text());

        OneCExchangeClient second = loggedInAgain(app, onec);
        byte[] broken = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация>\n<Каталог>\n</Товары>"
            .getBytes(StandardCharsets.UTF_8);
        assertEquals("success", keep(second.postFile("broken.xml", broken)).first());
        Reply malformed = keep(second.importFile("broken.xml"));
        assertEquals("failure", malformed.first(), malformed.text());
        assertTrue(malformed.text().contains("не является корректным XML") && malformed.text().contains("строка 4"),
            "names the line: " + malformed.text());
        assertTrue(malformed.text().contains("повторите обмен"), malformed.text());

        Reply climbing = keep(second.postFile("../../etc/passwd", "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("failure", climbing.first());
        assertTrue(climbing.text().contains("выходит за пределы папки обмена"), climbing.text());
        Reply control = keep(second.postFile("bad\u0001name.xml", "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("failure", control.first());
        assertTrue(control.text().contains("управляющий символ U+0001"), control.text());
        Reply empty = keep(second.call("import", "&filename="));
        assertEquals("failure", empty.first());
        Reply missing = keep(second.call("import", "&filename=never-sent.xml"));
        assertEquals("failure", missing.first());
        assertTrue(missing.text().contains("не был получен"), missing.text());
        Reply noSession = keep(new OneCExchangeClient(url(app), "catalog", false).callWithoutSession("init", ""));
        assertEquals("failure", noSession.first());
      } finally {
        app.stop(Duration.ofSeconds(30));
      }
    }
    assertTrue(seen.size() >= 10, "every answer was looked at: " + seen.size());
    seen.forEach(OperatorMessagesTest::assertForAPerson);
  }

  /** A failure or progress text: Russian, every line of it, and nothing of the service's internals. */
  static void assertForAPerson(Reply reply) {
    String text = reply.text();
    for (String bad : FORBIDDEN) {
      assertFalse(text.contains(bad), "no '" + bad + "' for 1C's operator: " + text);
    }
    for (String line : reply.lines().subList(1, reply.lines().size())) {
      assertFalse(ENGLISH_SENTENCE.matcher(line).find(), "no English sentence: " + line);
      // success carries protocol lines too (cookie name, sessid=…); failure and progress are text for a person
      if (!reply.first().equals("success")) assertTrue(CYRILLIC.matcher(line).find(), "a Russian line: " + line);
    }
  }

  private Reply keep(Reply reply) {
    seen.add(reply);
    System.out.println("[1C reads] " + reply.text().replace("\n", " | "));
    return reply;
  }

  /** Polls import (as 1C does) until the job answers that it is paused. */
  private Reply awaitPaused(OneCExchangeClient onec, String file) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      Reply reply = keep(onec.call("import", "&filename=" + file));
      assertEquals("progress", reply.first(), reply.text());
      if (reply.text().contains("приостановлен")) return reply;
      Thread.sleep(200);
    }
    throw new AssertionError("the import never paused: " + seen.get(seen.size() - 1).text());
  }

  private BridgeApp start(String shopUrl) throws Exception {
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", shopUrl).put("apiUsername", "bridge").put("apiKey", "k-123456"));
    BridgeApp app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
    return app;
  }

  private static String url(BridgeApp app) {
    return "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
  }

  private OneCExchangeClient loggedIn(BridgeApp app) throws Exception {
    OneCExchangeClient onec = new OneCExchangeClient(url(app), "catalog", true);
    assertEquals("success", keep(onec.checkauth(TestConfig.USER, TestConfig.PASSWORD)).first());
    onec.init();
    return onec;
  }

  /** A new exchange run (a run ends with mode=complete), so the damaged archive of the first is not unpacked again. */
  private OneCExchangeClient loggedInAgain(BridgeApp app, OneCExchangeClient previous) throws Exception {
    assertEquals("success", keep(previous.call("complete", "")).first());
    return loggedIn(app);
  }

  private static byte[] zip(String name, byte[] content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return out.toByteArray();
  }
}
