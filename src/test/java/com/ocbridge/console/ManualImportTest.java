package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/imports}: a CommerceML file or zip uploaded by an operator ends as the same exchange 1C's upload
 * of it produces (same jobs, same bytes imported, same order, the run's end job), streamed with exchange.fileLimit.
 */
class ManualImportTest {
  private static final long LIMIT = 8L * 1024 * 1024;
  private static final JsonObject CONFIG = new JsonObject()
      .put("exchange", new JsonObject().put("username", "1c-exchange").put("password", "s3cret-пароль")
          .put("fileLimit", LIMIT));

  @TempDir Path dataDir;

  @Test
  void aZipOfSamplesUploadedByAnOperatorEndsAsTheExchange1CWouldProduce() throws Exception {
    Path products = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    Path offers = Samples.file("d16izhevsk__1coutlet/offers0_1.xml");
    byte[] zip = zip(offers, products); // offers first in the archive: the import order must not follow it
    try (ConsoleApp c = new ConsoleApp(dataDir, CONFIG.copy())) {
      OneCExchangeClient onec = c.oneC();
      assertEquals("success", onec.postFile("catalog.zip", zip).first());
      assertEquals("success", onec.importFile("import0_1.xml").first());
      assertEquals("success", onec.importFile("offers0_1.xml").first());
      assertEquals("success", onec.call("complete", "").first());
      String fromOneC = c.newestExchange();
      JsonObject oneCRun = finished(c, fromOneC);
      c.applied.clear();

      ApiClient.Answer posted = c.api.send(c.api.builder("/api/v1/imports?filename=catalog.zip")
          .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
      assertEquals(202, posted.status(), posted.body());
      String manual = posted.json().getString("exchange");
      assertEquals(List.of("unzip catalog.zip", "import import0_1.xml", "import offers0_1.xml", "import <run-end>"),
          jobs(posted.json().getJsonArray("jobs")));
      JsonObject manualRun = finished(c, manual);

      assertEquals("manual", manualRun.getString("origin"));
      assertEquals("1c", oneCRun.getString("origin"));
      assertEquals(summary(oneCRun), summary(manualRun), "the same exchange as 1C's upload");
      assertEquals(List.of("import0_1.xml", "offers0_1.xml"), c.applied, "products before offers");
      JsonObject imported = manualRun.getJsonArray("jobs").getJsonObject(1);
      assertEquals("sha256=" + sha256(products), imported.getString("message"), "the very bytes of the sample");
      assertEquals("completed", manualRun.getString("state"));
    }
  }

  @Test
  void aSingleFileIsStoredAndImportedAndBadUploadsAreRefused() throws Exception {
    Path products = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    try (ConsoleApp c = new ConsoleApp(dataDir, CONFIG.copy())) {
      ApiClient.Answer posted = c.api.send(c.api.builder("/api/v1/imports?filename=import.xml")
          .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(products)));
      assertEquals(202, posted.status(), posted.body());
      String run = posted.json().getString("exchange");
      JsonObject done = finished(c, run);
      assertEquals(List.of("import import.xml", "import <run-end>"), jobs(done.getJsonArray("jobs")));
      assertEquals("sha256=" + sha256(products), done.getJsonArray("jobs").getJsonObject(0).getString("message"));
      assertTrue(Files.isRegularFile(dataDir.resolve("exchange").resolve(run).resolve("import.xml")),
          "stored in the run's folder as mode=file stores it");

      for (String name : List.of("..%2F..%2Fetc%2Fimport.xml", "notes.txt", "")) {
        ApiClient.Answer bad = post(c, "/api/v1/imports?filename=" + name, new byte[] {'<', 'r', '/', '>'});
        assertEquals(400, bad.status(), name + ": " + bad.body());
        assertEquals("bad_request", bad.errorCode());
      }
      assertEquals(400, post(c, "/api/v1/imports", new byte[] {1}).status(), "filename is required");
      ApiClient.Answer noToken = new ApiClient(c.app.httpPort(), null).send(new ApiClient(c.app.httpPort(), null)
          .builder("/api/v1/imports?filename=import.xml").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})));
      assertEquals(401, noToken.status(), noToken.body());
      assertEquals("unauthorized", noToken.errorCode());

      ApiClient.Answer damaged = post(c, "/api/v1/imports?filename=broken.zip", "PK not really a zip".getBytes());
      assertEquals(422, damaged.status(), damaged.body());
      assertEquals("unprocessable", damaged.errorCode());

      ApiClient.Answer large = post(c, "/api/v1/imports?filename=huge.xml", new byte[(int) LIMIT + 1]);
      assertEquals(413, large.status(), large.body());
      assertEquals("payload_too_large", large.errorCode());
      // the refused uploads changed nothing in the shop's pipeline
      assertEquals(List.of("import.xml"), c.applied);
    }
  }

  /** Waits until every job of the run has finished; answers the exchange. */
  private static JsonObject finished(ConsoleApp c, String runId) throws Exception {
    JsonObject[] run = new JsonObject[1];
    ConsoleApp.await("every job of " + runId + " to finish", Duration.ofSeconds(60), () -> {
      try {
        run[0] = c.api.get("/api/v1/exchanges/" + runId).json();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      JsonArray jobs = run[0].getJsonArray("jobs");
      return !jobs.isEmpty() && jobs.stream().map(JsonObject.class::cast)
          .allMatch(j -> List.of("succeeded", "succeeded_with_errors", "failed", "cancelled").contains(j.getString("state")));
    });
    return run[0];
  }

  private static List<String> jobs(JsonArray jobs) {
    return jobs.stream().map(JsonObject.class::cast).map(j -> j.getString("kind") + " " + j.getString("file")).toList();
  }

  /** What must be the same for two exchanges of the same files: type, state, jobs with outcome and counters. */
  private static JsonObject summary(JsonObject run) {
    JsonArray jobs = new JsonArray();
    run.getJsonArray("jobs").forEach(o -> {
      JsonObject j = (JsonObject) o;
      jobs.add(new JsonObject().put("kind", j.getString("kind")).put("file", j.getString("file"))
          .put("state", j.getString("state")).put("message", j.getString("message")).put("counts", j.getJsonObject("counts")));
    });
    return new JsonObject().put("type", run.getString("type")).put("state", run.getString("state"))
        .put("counters", run.getJsonObject("counters")).put("jobs", jobs);
  }

  private static ApiClient.Answer post(ConsoleApp c, String path, byte[] body) throws Exception {
    return c.api.send(c.api.builder(path).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static byte[] zip(Path... files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(DigestProcessor.sha256().digest(Files.readAllBytes(file)));
  }
}
