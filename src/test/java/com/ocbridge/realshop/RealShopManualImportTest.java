package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator's manual import ({@code POST /api/v1/imports}) of a zip with a catalog and its offers reaches the real
 * shop's {@code product} table exactly as 1C's exchange of the same files does.
 */
class RealShopManualImportTest extends RealShopScenario {
  static final int PRODUCTS = 30;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aZipUploadedByAnOperatorIsImportedIntoTheShop(String key) throws Exception {
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS,
        ThreadLocalRandom.current().nextInt(1 << 20), false);
    begin(key, "manual import of a zip (" + PRODUCTS + " products)");
    startBridge(4, null);
    byte[] zip = zip(g.offersFile(), g.importFile());
    ApiClient.Answer posted = timed("upload", () -> api.send(api.builder("/api/v1/imports?filename=catalog.zip")
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(zip))));
    assertEquals(202, posted.status(), posted.body());
    String runId = posted.json().getString("exchange");
    JsonObject run = timed("import", () -> {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (true) {
        JsonObject r = api.get("/api/v1/exchanges/" + runId).json();
        boolean busy = r.getJsonArray("jobs").stream().map(JsonObject.class::cast)
            .anyMatch(j -> List.of("queued", "paused", "running").contains(j.getString("state")));
        if (!busy || System.nanoTime() > deadline) return r;
        Thread.sleep(200);
      }
    });
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(List.of("unzip catalog.zip succeeded", "import import.xml succeeded", "import offers.xml succeeded",
        "import <run-end> succeeded"), jobs.stream().map(JsonObject.class::cast)
        .map(j -> j.getString("kind") + " " + j.getString("file") + " " + j.getString("state")).toList(), run.encode());
    assertEquals((long) PRODUCTS, run.getJsonObject("counters").getLong("created"), run.encode());
    assertEquals((long) PRODUCTS, shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l"
        + " ON l.entity = 'product' AND l.entity_id = p.product_id WHERE p.status = 1"), "products in oc_product");
  }

  static byte[] zip(Path... files) throws Exception {
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
}
