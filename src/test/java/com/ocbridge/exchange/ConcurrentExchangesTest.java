package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.OneCExchangeClient.Reply;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: two 1C clients exchanging at the same time, each with its own cookie, interleaving checkauth, init,
 * file chunks and imports over a socket. Each lands in a run and folder of its own, so both catalogs arrive intact
 * (the files have the same names, as two 1C bases would send them), with a zip and without.
 */
class ConcurrentExchangesTest {
  @TempDir static Path dataDir;
  static BridgeApp app;
  static String url;

  /** Client A: a UT 11 catalog; client B: a Ukrainian 2.03 catalog under the same file names. */
  static final Path A_IMPORT = Samples.file("dobromyslov__commerceml-parser/import0_1.xml");
  static final Path A_OFFERS = Samples.file("dobromyslov__commerceml-parser/offers0_1.xml");
  static final Path B_IMPORT = Samples.file("Denis-777__test/import.xml");
  static final Path B_OFFERS = Samples.file("Denis-777__test/offers.xml");

  @BeforeAll
  static void start() throws Exception {
    var config = TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir));
    app = new BridgeApp(config, (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    url = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.stop(java.time.Duration.ofSeconds(30));
  }

  @Test
  void twoClientsAtOnceWithoutZipEachImportTheirOwnFiles() throws Exception {
    OneCExchangeClient a = new OneCExchangeClient(url, "catalog", true);
    OneCExchangeClient b = new OneCExchangeClient(url, "catalog", false);
    assertEquals("success", a.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    assertEquals("success", b.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    b.init();
    interleave(a, Files.readAllBytes(A_IMPORT), b, Files.readAllBytes(B_IMPORT), "import0_1.xml");
    assertImported(a.importFile("import0_1.xml"), A_IMPORT);
    assertImported(b.importFile("import0_1.xml"), B_IMPORT);
    interleave(b, Files.readAllBytes(B_OFFERS), a, Files.readAllBytes(A_OFFERS), "offers0_1.xml");
    assertImported(b.importFile("offers0_1.xml"), B_OFFERS);
    assertImported(a.importFile("offers0_1.xml"), A_OFFERS);
    String runA = runOf(a);
    String runB = runOf(b);
    assertEquals("success", a.call("complete", "").first());
    assertEquals("success", b.call("complete", "").first(), "completing one run leaves the other one's session alone");

    assertNotEquals(runA, runB, "each client has a run of its own");
    assertArrayEquals(Files.readAllBytes(A_IMPORT), Files.readAllBytes(runDir(runA).resolve("import0_1.xml")));
    assertArrayEquals(Files.readAllBytes(B_IMPORT), Files.readAllBytes(runDir(runB).resolve("import0_1.xml")));
    assertEquals("completed", state(runA));
    assertEquals("completed", state(runB));
  }

  @Test
  void twoClientsAtOnceWithZipsOfTheSameNameEachUnpackTheirOwn() throws Exception {
    byte[] picA = picture(1);
    byte[] picB = picture(2);
    byte[] zipA = ExchangeProtocolTest.zip(entries(A_IMPORT, A_OFFERS, picA));
    byte[] zipB = ExchangeProtocolTest.zip(entries(B_IMPORT, B_OFFERS, picB));
    OneCExchangeClient a = new OneCExchangeClient(url, "catalog", false);
    OneCExchangeClient b = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", a.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    assertEquals("success", b.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    b.init();
    assertTrue(a.zipOffered() && b.zipOffered());
    interleave(a, zipA, b, zipB, "v8_exchange.zip");
    assertImported(b.importFile("import0_1.xml"), B_IMPORT);
    assertImported(a.importFile("import0_1.xml"), A_IMPORT);
    assertImported(a.importFile("offers0_1.xml"), A_OFFERS);
    assertImported(b.importFile("offers0_1.xml"), B_OFFERS);
    assertNotEquals(runOf(a), runOf(b));
    assertArrayEquals(picA, Files.readAllBytes(runDir(runOf(a)).resolve(PICTURE)), "each run has its own picture");
    assertArrayEquals(picB, Files.readAllBytes(runDir(runOf(b)).resolve(PICTURE)));
    assertEquals("success", b.call("complete", "").first());
    assertEquals("success", a.call("complete", "").first());
  }

  /** 1C repeating checkauth inside its exchange, with the cookie it was given, stays in its run and keeps its files. */
  @Test
  void aRepeatedCheckauthWithTheCookieContinuesTheRun() throws Exception {
    OneCExchangeClient a = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", a.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    assertEquals("success", a.upload(A_IMPORT, "import0_1.xml").first());
    assertImported(a.importFile("import0_1.xml"), A_IMPORT);
    String run = runOf(a);

    OneCExchangeClient other = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", other.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    assertNotEquals(run, runOf(other), "a checkauth without the cookie is another exchange");
    assertEquals("open", state(run), "and it does not end the first one, which is still in use");

    assertEquals("success", a.checkauthAgain(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    assertEquals(run, runOf(a), "the same exchange goes on");
    assertImported(a.importFile("import0_1.xml"), A_IMPORT);
    assertEquals("success", a.upload(A_OFFERS, "offers0_1.xml").first());
    assertImported(a.importFile("offers0_1.xml"), A_OFFERS);
    assertEquals(new HashSet<>(List.of("import0_1.xml", "offers0_1.xml")), new HashSet<>(files(run)));
    assertEquals(List.of(), files(runOf(other)), "nothing of the first run's files in the other");
    assertEquals("success", a.call("complete", "").first());

    assertEquals("success", a.checkauthAgain(TestConfig.USER, TestConfig.PASSWORD).first());
    assertNotEquals(run, runOf(a), "the cookie of a completed run starts a new exchange");
  }

  /** A client sending Basic credentials on every call (no cookie) never lands in a run begun by a checkauth. */
  @Test
  void aCookielessClientStaysOutOfACheckauthRun() throws Exception {
    OneCExchangeClient a = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", a.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    assertEquals("success", a.upload(A_IMPORT, "import0_1.xml").first());
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
        (TestConfig.USER + ":" + TestConfig.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (byte[] chunk : chunks(Files.readAllBytes(B_IMPORT), 65_536)) {
      var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
              + "?type=catalog&mode=file&filename=import0_1.xml")).header("Authorization", basic)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(answer.body().startsWith("success"), answer.body());
    }
    java.net.http.HttpResponse<String> imported;
    int polls = 0;
    do {
      imported = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
              + "?type=catalog&mode=import&filename=import0_1.xml")).header("Authorization", basic).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    } while (imported.body().startsWith("progress") && ++polls < 600);
    assertTrue(imported.body().contains("sha256=" + ExchangeProtocolTest.sha256(B_IMPORT)), imported.body());
    assertImported(a.importFile("import0_1.xml"), A_IMPORT);
    assertArrayEquals(Files.readAllBytes(A_IMPORT), Files.readAllBytes(runDir(runOf(a)).resolve("import0_1.xml")));
    assertEquals("success", a.call("complete", "").first());
  }

  /** Sends both files in file_limit chunks, alternating between the two clients. */
  private static void interleave(OneCExchangeClient first, byte[] firstBytes, OneCExchangeClient second,
      byte[] secondBytes, String name) throws Exception {
    List<byte[]> one = chunks(firstBytes, (int) first.fileLimit());
    List<byte[]> two = chunks(secondBytes, (int) second.fileLimit());
    assertTrue(one.size() > 1 || two.size() > 1, "the uploads really interleave");
    for (int i = 0; i < Math.max(one.size(), two.size()); i++) {
      if (i < one.size()) assertEquals("success", first.postFile(name, one.get(i)).first());
      if (i < two.size()) assertEquals("success", second.postFile(name, two.get(i)).first());
    }
  }

  private static List<byte[]> chunks(byte[] bytes, int size) {
    List<byte[]> list = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += size) list.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
    return list;
  }

  static final String PICTURE = "import_files/ab/photo.jpg";

  private static Map<String, byte[]> entries(Path imp, Path offers, byte[] picture) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("import0_1.xml", Files.readAllBytes(imp));
    entries.put("offers0_1.xml", Files.readAllBytes(offers));
    entries.put(PICTURE, picture);
    return entries;
  }

  /** Incompressible like a JPEG, and larger than file_limit, so the archives go up in several chunks. */
  private static byte[] picture(long seed) {
    byte[] bytes = new byte[150_000];
    new java.util.Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void assertImported(Reply reply, Path expected) throws Exception {
    assertEquals("success", reply.first(), reply.text());
    assertTrue(reply.text().contains("sha256=" + ExchangeProtocolTest.sha256(expected)),
        "the client's own file was imported: " + reply.text());
  }

  /** The run of the client's current session. */
  private static String runOf(OneCExchangeClient client) throws Exception {
    return app.pool().preparedQuery("SELECT run_id FROM exchange_session WHERE cookie = $1")
        .execute(Tuple.of(client.cookieValue())).await(10, TimeUnit.SECONDS).iterator().next().getString("run_id");
  }

  private static String state(String runId) throws Exception {
    return app.pool().preparedQuery("SELECT state FROM exchange_run WHERE id = $1").execute(Tuple.of(runId))
        .await(10, TimeUnit.SECONDS).iterator().next().getString("state");
  }

  private static List<String> files(String runId) throws Exception {
    List<String> names = new ArrayList<>();
    for (Row r : app.pool().preparedQuery("SELECT name FROM exchange_file WHERE run_id = $1").execute(Tuple.of(runId))
        .await(10, TimeUnit.SECONDS)) {
      names.add(r.getString("name"));
    }
    return names;
  }

  private static Path runDir(String runId) {
    return ImportJobRunner.runDir(dataDir.resolve("exchange"), runId);
  }
}
