package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.config.ConfigException;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.OneCExchangeClient.Reply;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: an archive is unpacked into a staging folder and moved into the run's folder only when all of it
 * passed. A run holds a good import.xml (imported); then bad archives arrive in the same run (two entries for one
 * file, more entries than exchange.zipMaxEntries, a bomb): each is refused with its reason, and import.xml stays
 * what it was on disk and in the database, so the next import is still the right one.
 */
class ZipStagingTest {
  @TempDir static Path dataDir;
  static BridgeApp app;
  static String url;
  static final Path IMPORT = Samples.file("bigperson__exchange1c/import.xml");

  @BeforeAll
  static void start() throws Exception {
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir);
    json.getJsonObject("exchange").put("fileLimit", 32L * 1024 * 1024); // the 100,000-entry archive in one chunk
    var config = TestConfig.load(json);
    assertEquals(20_000, config.exchange().zipMaxEntries(), "the default of exchange.zipMaxEntries");
    app = new BridgeApp(config, (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    url = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.stop(java.time.Duration.ofSeconds(30));
  }

  @Test
  void refusedArchivesLeaveTheRunsFileAndRecordAsTheyWere() throws Exception {
    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", false);
    assertEquals("success", c.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    c.init();
    byte[] original = Files.readAllBytes(IMPORT);
    assertEquals("success", c.postFile("import.xml", original).first());
    assertImportedOriginal(c.importFile("import.xml"));
    String run = runOf(c);
    Path runDir = ImportJobRunner.runDir(dataDir.resolve("exchange"), run);
    List<Object> record = fileRecord(run, "import.xml");

    Map<String, byte[]> duplicate = new LinkedHashMap<>();
    duplicate.put("import.xml", "<?xml version=\"1.0\"?><replaced/>".getBytes());
    duplicate.put("IMPORT.XML", "<?xml version=\"1.0\"?><second/>".getBytes());
    refused(c, "dup.zip", ExchangeProtocolTest.zip(duplicate), "дважды");

    refused(c, "many.zip", manyTinyEntries(100_000), "exchange.zipMaxEntries");
    try (Stream<Path> walk = Files.walk(runDir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith("tiny-")), "not one tiny entry was written");
    }

    Map<String, byte[]> bomb = new LinkedHashMap<>();
    bomb.put("import.xml", new byte[64 * 1024 * 1024]);
    refused(c, "bomb.zip", ExchangeProtocolTest.zip(bomb), "zip-бомбу");

    refused(c, "damaged.zip", "PK\u0003\u0004 not really an archive".getBytes(), "повреждён");

    assertArrayEquals(original, Files.readAllBytes(runDir.resolve("import.xml")), "import.xml on disk is untouched");
    assertEquals(record, fileRecord(run, "import.xml"), "and so is its record (size, generation)");
    try (Stream<Path> list = Files.list(runDir)) {
      assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".unpacking-")), "no staging folder left");
    }
    assertImportedOriginal(c.importFile("import.xml"));

    // a good archive afterwards still replaces the file, as a new generation that is imported again
    byte[] next = Files.readAllBytes(Samples.file("Denis-777__test/import.xml"));
    assertEquals("success", c.postFile("good.zip", ExchangeProtocolTest.zip(Map.of("import.xml", next))).first());
    Reply good = c.importFile("import.xml");
    assertEquals("success", good.first(), good.text());
    assertTrue(good.text().contains("sha256=" + ExchangeProtocolTest.sha256(Samples.file("Denis-777__test/import.xml"))),
        good.text());
  }

  @Test
  void theEntryLimitIsAConfigKeyAndBadValuesNameIt() {
    JsonObject json = TestConfig.base("embedded", dataDir);
    json.getJsonObject("exchange").put("zipMaxEntries", 50_000);
    assertEquals(50_000, TestConfig.load(json).exchange().zipMaxEntries());
    for (int bad : new int[] {0, -1, 1_000_001}) {
      json.getJsonObject("exchange").put("zipMaxEntries", bad);
      ConfigException e = assertThrows(ConfigException.class, () -> TestConfig.load(json));
      assertEquals("exchange.zipMaxEntries", e.key());
    }
  }

  @Test
  void theSettingsOperationShowsTheEntryLimit() throws Exception {
    var api = new com.ocbridge.testing.ApiClient(app.httpPort(), TestConfig.API_TOKEN);
    var settings = api.get("/api/v1/settings");
    assertEquals(200, settings.status(), settings.body());
    assertEquals(20_000, settings.json().getJsonObject("exchange").getInteger("zipMaxEntries"), settings.body());
  }

  private static void refused(OneCExchangeClient c, String archive, byte[] bytes, String reason) throws Exception {
    assertEquals("success", c.postFile(archive, bytes).first(), "the upload itself is accepted");
    Reply r = c.importFile("import.xml");
    assertEquals("failure", r.first(), r.text());
    assertTrue(r.text().contains(archive) && r.text().contains(reason), "the archive and the reason: " + r.text());
    assertTrue(!r.text().contains(dataDir.toString()) && !r.text().contains("Exception"), "no server path: " + r.text());
  }

  private static void assertImportedOriginal(Reply reply) throws Exception {
    assertEquals("success", reply.first(), reply.text());
    assertTrue(reply.text().contains("sha256=" + ExchangeProtocolTest.sha256(IMPORT)), reply.text());
  }

  private static byte[] manyTinyEntries(int count) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry("tiny-" + i + ".txt"));
        zip.write('x');
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String runOf(OneCExchangeClient client) throws Exception {
    return app.pool().preparedQuery("SELECT run_id FROM exchange_session WHERE cookie = $1")
        .execute(Tuple.of(client.cookieValue())).await(10, TimeUnit.SECONDS).iterator().next().getString("run_id");
  }

  private static List<Object> fileRecord(String run, String name) throws Exception {
    Row r = app.pool().preparedQuery("SELECT generation, bytes, state, updated_at FROM exchange_file WHERE run_id = $1"
            + " AND name = $2").execute(Tuple.of(run, name)).await(10, TimeUnit.SECONDS).iterator().next();
    return List.of(r.getInteger("generation"), r.getLong("bytes"), r.getString("state"), r.getValue("updated_at"));
  }
}
