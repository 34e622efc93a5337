package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.OneCExchangeClient.Reply;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

/** The catalog exchange spoken over a real socket by a client that behaves like 1C. */
class ExchangeProtocolTest {
  @TempDir static Path dataDir;
  static BridgeApp app;
  static String url;

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

  private static OneCExchangeClient client(boolean modern) {
    return new OneCExchangeClient(url, "catalog", modern);
  }

  private static OneCExchangeClient loggedIn(boolean modern) throws Exception {
    OneCExchangeClient c = client(modern);
    assertEquals("success", c.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    c.init();
    return c;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest d = DigestProcessor.sha256();
    return HexFormat.of().formatHex(d.digest(Files.readAllBytes(file)));
  }

  @Test
  void checkauthAnswersSuccessCookieSessidAndTimestamp() throws Exception {
    Reply reply = client(false).checkauth(TestConfig.USER, TestConfig.PASSWORD);
    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
    assertTrue(reply.contentType().contains("windows-1251"), reply.contentType());
    List<String> lines = reply.lines();
    assertEquals(5, lines.size(), reply.text());
    assertEquals("success", lines.get(0));
    assertEquals(ExchangeHandler.COOKIE, lines.get(1));
    assertTrue(lines.get(2).matches("[0-9a-f]{32}"), lines.get(2));
    assertTrue(lines.get(3).matches("sessid=[0-9a-f]{32}"), lines.get(3));
    long ts = Long.parseLong(lines.get(4).substring("timestamp=".length()));
    assertTrue(Math.abs(ts - System.currentTimeMillis() / 1000) < 60);
    assertFalse(reply.body()[0] == (byte) 0xEF, "no BOM before the keyword");
  }

  @Test
  void wrongPasswordAndMissingCredentialsFailWith401() throws Exception {
    Reply wrong = client(false).checkauth(TestConfig.USER, "wrong");
    assertEquals(401, wrong.status());
    assertEquals("failure", wrong.first());
    assertTrue(wrong.text().contains("Неверный логин или пароль"), wrong.text());

    Reply none = client(false).callWithoutSession("checkauth", "");
    assertEquals(401, none.status());
    assertEquals("failure", none.first());
  }

  @Test
  void callsWithoutAValidSessionFail() throws Exception {
    Reply reply = client(false).callWithoutSession("init", "");
    assertEquals("failure", reply.first());
    assertTrue(reply.text().contains("checkauth"), reply.text());
  }

  @Test
  void wrongSessidIsRefused() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    Reply reply = c.call("init", "&sessid=deadbeef");
    assertEquals("failure", reply.first());
    assertTrue(reply.text().contains("sessid"), reply.text());
  }

  @Test
  void initAnswersTwoLinesForOldClientsAndFourWithVersion() throws Exception {
    OneCExchangeClient old = client(false);
    old.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    Reply r = old.init();
    assertEquals(List.of("zip=yes", "file_limit=65536"), r.lines());

    OneCExchangeClient modern = client(true);
    modern.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    Reply m = modern.init();
    assertEquals(4, m.lines().size(), m.text());
    assertEquals("zip=yes", m.lines().get(0));
    assertTrue(m.lines().get(2).matches("sessid=[0-9a-f]{32}"));
    assertEquals("version=3.1", m.lines().get(3));
  }

  @Test
  void everyCatalogSampleUploadsInChunksAndImportsIntact() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Samples.dir())) {
      files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    assertEquals(29, files.size(), "the whole conformance corpus");
    OneCExchangeClient c = loggedIn(true);
    for (Path file : files) {
      // distinct names: several samples are called import.xml
      String name = file.getParent().getFileName() + "_" + file.getFileName();
      Reply upload = c.upload(file, name);
      assertEquals("success", upload.first(), name + ": " + upload.text());
      Reply imported = c.importFile(name);
      assertEquals("success", imported.first(), name + ": " + imported.text());
      assertTrue(imported.text().contains("sha256=" + sha256(file)), name + " reassembled exactly: " + imported.text());
    }
  }

  @Test
  void importAnswersProgressWhileTheJobRunsAndThenSuccess() throws Exception {
    Path big = dataDir.resolve("big-source.xml");
    try (var out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация>");
      for (int i = 0; i < 200_000; i++) out.write("<Товар><Ид>" + i + "</Ид></Товар>");
      out.write("</КоммерческаяИнформация>");
    }
    OneCExchangeClient c = loggedIn(false);
    assertEquals("success", c.upload(big, "big.xml").first());
    Reply done = c.importFile("big.xml");
    assertEquals("success", done.first(), done.text());
    assertTrue(done.text().contains("sha256=" + sha256(big)));
    // a repeated import of a finished file answers its final result again
    Reply again = c.call("import", "&filename=big.xml");
    assertEquals("success", again.first());
  }

  @Test
  void traversalAndAbsoluteNamesAreSanitisedOrRefused() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    Reply traversal = c.postFile("../../etc/passwd", "x".getBytes());
    assertEquals("failure", traversal.first());
    assertTrue(traversal.text().contains("выходит за пределы папки обмена"), traversal.text());
    Reply nested = c.postFile("import_files/../../../x.xml", "x".getBytes());
    assertEquals("failure", nested.first());
    Reply control = c.postFile("a\u0001b.xml", "x".getBytes());
    assertEquals("failure", control.first());

    byte[] xml = "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8);
    assertEquals("success", c.postFile("C:\\v8_8789_c.xml", xml).first());
    Reply imported = c.importFile("v8_8789_c.xml");
    assertEquals("success", imported.first(), "the drive letter was stripped: " + imported.text());
    assertEquals("success", c.postFile("/tmp/v8_1C/offers.xml", xml).first());
    assertEquals("success", c.importFile("offers.xml").first());
    assertEquals("success", c.postFile("import_files/ab/picture.jpg", new byte[] {1, 2, 3}).first());
    assertTrue(Files.walk(dataDir).anyMatch(p -> p.endsWith(Path.of("import_files", "ab", "picture.jpg"))),
        "sub-folders of import_files are kept");
    assertFalse(Files.exists(Path.of("/etc/passwd.xml")));
  }

  @Test
  void aNewUploadOfACompleteFileReplacesItInsteadOfAppending() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    byte[] first = "<?xml version=\"1.0\"?><first/>".getBytes(StandardCharsets.UTF_8);
    byte[] second = "<?xml version=\"1.0\"?><second-upload/>".getBytes(StandardCharsets.UTF_8);
    assertEquals("success", c.postFile("replace.xml", first).first());
    assertEquals("success", c.importFile("replace.xml").first());
    assertEquals("success", c.postFile("replace.xml", second).first());
    Reply r = c.importFile("replace.xml");
    String expected = HexFormat.of().formatHex(DigestProcessor.sha256().digest(second));
    assertTrue(r.text().contains("sha256=" + expected), "only the new bytes: " + r.text());
  }

  @Test
  void anOversizedChunkIsRefused() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    Reply r = c.postFile("huge.xml", new byte[65_537]);
    assertEquals("failure", r.first());
    assertTrue(r.text().contains("file_limit"), r.text());
  }

  @Test
  void unknownModeAndTypeFail() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    Reply mode = c.call("frobnicate", "");
    assertEquals("failure", mode.first());
    assertTrue(mode.text().contains("Неизвестная команда"), mode.text());
    Reply type = new OneCExchangeClient(url, "pictures", false).callWithoutSession("checkauth", "");
    assertEquals("failure", type.first());
  }

  @Test
  void importOfAFileNeverReceivedFails() throws Exception {
    Reply r = loggedIn(false).importFile("never-sent.xml");
    assertEquals("failure", r.first());
    assertTrue(r.text().contains("не был получен"), r.text());
  }

  @Test
  void deactivateNeedsATimestampAndCompleteIsAccepted() throws Exception {
    OneCExchangeClient c = loggedIn(true);
    assertEquals("failure", c.call("deactivate", "").first());
    assertEquals("success", c.call("deactivate", "&timestamp=" + System.currentTimeMillis() / 1000).first());
    assertEquals("success", c.call("complete", "").first());
  }

  /** Issue 16: a session whose run 1C completed refuses further uploads and imports; a new checkauth works. */
  @Test
  void aCompletedRunRefusesItsCookieForFurtherWork() throws Exception {
    OneCExchangeClient c = loggedIn(true);
    assertEquals("success", c.postFile("late.xml", "<?xml version=\"1.0\"?><r/>".getBytes()).first());
    assertEquals("success", c.call("complete", "").first());
    OneCExchangeClient.Reply upload = c.postFile("after.xml", "<?xml version=\"1.0\"?><r/>".getBytes());
    assertEquals("failure", upload.first(), upload.text());
    assertTrue(upload.text().contains("уже завершён") && upload.text().contains("checkauth"), upload.text());
    assertEquals("failure", c.importFile("late.xml").first());
    assertEquals("failure", c.call("init", "").first());
    assertEquals("success", loggedIn(true).postFile("after.xml", "<?xml version=\"1.0\"?><r/>".getBytes()).first(),
        "a new exchange starts as usual");
  }

  /** Issue 16: an internal error (here: the database lost a table) is answered without the service's internals. */
  @Test
  void anInternalErrorIsAnsweredWithAReferenceNotWithItsCause() throws Exception {
    app.pool().query("ALTER TABLE exchange_session RENAME TO exchange_session_gone").execute().await(10, TimeUnit.SECONDS);
    try {
      OneCExchangeClient.Reply r = client(true).checkauth(TestConfig.USER, TestConfig.PASSWORD);
      assertEquals("failure", r.first(), r.text());
      assertTrue(r.text().contains("Внутренняя ошибка сервиса (ссылка "), r.text());
      assertFalse(r.text().contains("exchange_session") || r.text().contains("relation") || r.text().contains("Exception"),
          "no table name, SQL text or class name reaches 1C: " + r.text());
    } finally {
      app.pool().query("ALTER TABLE exchange_session_gone RENAME TO exchange_session").execute().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aZipIsUnpackedOnTheFirstImportAndItsFilesImported() throws Exception {
    Path offers = Samples.file("bigperson__exchange1c/offers.xml");
    Path imp = Samples.file("bigperson__exchange1c/import.xml");
    byte[] zip = zip(Map.of("import.xml", Files.readAllBytes(imp), "offers.xml", Files.readAllBytes(offers),
        "import_files/5a/pic.jpg", new byte[] {9, 9, 9}));
    Path zipFile = dataDir.resolve("upload.zip");
    Files.write(zipFile, zip);
    OneCExchangeClient c = loggedIn(false);
    assertTrue(c.zipOffered());
    assertEquals("success", c.upload(zipFile, "v8_exchange.zip").first());
    Reply first = c.importFile("import.xml");
    assertEquals("success", first.first(), first.text());
    assertTrue(first.text().contains("sha256=" + sha256(imp)), first.text());
    Reply second = c.importFile("offers.xml");
    assertTrue(second.text().contains("sha256=" + sha256(offers)), second.text());
  }

  @Test
  void aZipBombIsRefusedAndNothingIsUnpacked() throws Exception {
    byte[] zeros = new byte[64 * 1024 * 1024];
    byte[] bomb = zip(Map.of("bomb.xml", zeros));
    assertTrue(bomb.length < 200_000, "compresses ~1000:1");
    Path bombFile = dataDir.resolve("bomb.zip");
    Files.write(bombFile, bomb);
    OneCExchangeClient c = loggedIn(false);
    assertEquals("success", c.upload(bombFile, "bomb.zip").first());
    Reply r = c.importFile("bomb.xml");
    assertEquals("failure", r.first());
    assertTrue(r.text().contains("zip-бомбу"), r.text());
    try (Stream<Path> walk = Files.walk(dataDir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().equals("bomb.xml")), "nothing extracted");
    }
  }

  /** Issue 16: an archive with two entries for one file is refused before anything of the run changes. */
  @Test
  void aZipWithTwoEntriesForOneFileIsRefusedAndTheRunsFileStays() throws Exception {
    OneCExchangeClient c = loggedIn(false);
    byte[] original = "<?xml version=\"1.0\"?><original/>".getBytes();
    assertEquals("success", c.postFile("dup/import.xml", original).first());
    java.util.LinkedHashMap<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("dup/import.xml", "<a/>".getBytes());
    entries.put("dup/IMPORT.xml", "<b/>".getBytes());
    Path dupFile = dataDir.resolve("dup.zip");
    Files.write(dupFile, zip(entries));
    assertEquals("success", c.upload(dupFile, "dup.zip").first());
    Reply r = c.importFile("dup/import.xml");
    assertEquals("failure", r.first(), r.text());
    assertTrue(r.text().contains("дважды") && !r.text().contains(dataDir.toString()), "the reason, no server path: " + r.text());
    try (Stream<Path> walk = Files.walk(dataDir.resolve("exchange"))) {
      List<Path> kept = walk.filter(p -> p.toString().endsWith("dup/import.xml")).toList();
      assertEquals(1, kept.size(), kept.toString());
      assertArrayEquals(original, Files.readAllBytes(kept.get(0)), "the run's earlier import.xml is untouched");
    }
  }

  @Test
  void aZipSlipArchiveIsRefusedAndNothingIsUnpacked() throws Exception {
    byte[] evil = zip(Map.of("good.xml", "<r/>".getBytes(), "../../evil.xml", "<evil/>".getBytes()));
    Path evilFile = dataDir.resolve("evil.zip");
    Files.write(evilFile, evil);
    OneCExchangeClient c = loggedIn(false);
    assertEquals("success", c.upload(evilFile, "evil.zip").first());
    Reply r = c.importFile("good.xml");
    assertEquals("failure", r.first());
    assertTrue(r.text().contains("выходит за пределы папки обмена"), r.text());
    // "../../evil.xml" from the run folder (<data>/exchange/<run>/) would land in <data>/ or its parent; walking
    // all of the parent (the shared /tmp) races with other processes' files, so look exactly there
    for (Path outside : List.of(dataDir.resolve("evil.xml"), dataDir.resolve("exchange").resolve("evil.xml"),
        dataDir.getParent().resolve("evil.xml"))) {
      assertFalse(Files.exists(outside), "nothing written outside: " + outside);
    }
    try (Stream<Path> walk = Files.walk(dataDir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().equals("evil.xml")), "nothing written outside");
    }
    try (Stream<Path> walk = Files.walk(dataDir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().equals("good.xml")), "not even the good entry");
    }
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
