package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real catalog importer against a shop that is down (nothing listens on opencart.baseUrl): the import is
 * {@code paused} in the API with the reason and the next attempt, 1C is told the same progress in Russian, and retry
 * makes it try again at once instead of after its pause.
 */
class ShopDownPauseTest {
  private static final Pattern PERCENT = Pattern.compile("приостановлен на ([0-9.]+)%");

  @TempDir Path dataDir;

  @Test
  void anImportAgainstADownShopIsPausedEverywhereAndRetryTriesAgainAtOnce() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + closedPort + "/")
            .put("apiUsername", "Default").put("apiKey", "k-7f3a9c21e5"));
    BridgeApp app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
    try {
      ApiClient api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
      OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange",
          "catalog", false);
      onec.checkauth(TestConfig.USER, TestConfig.PASSWORD);
      onec.init();
      assertEquals("success", onec.upload(Samples.file("bigperson__exchange1c/import.xml"), "import.xml").first());
      String runId = api.get("/api/v1/exchanges?limit=1").json().getJsonArray("exchanges").getJsonObject(0).getString("id");

      OneCExchangeClient.Reply reply = null;
      JsonObject job = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        reply = onec.call("import", "&filename=import.xml");
        job = job(api, runId);
        if (job.getString("state").equals("paused") && reply.text().contains("приостановлен")) break;
        Thread.sleep(200);
      }
      assertEquals("paused", job.getString("state"), job.encode());
      assertEquals("progress", reply.first(), reply.text());
      Matcher m = PERCENT.matcher(reply.text());
      assertTrue(m.find(), reply.text());
      assertEquals(job.getDouble("progress"), Double.parseDouble(m.group(1)), "1C and the API show one number");
      assertTrue(reply.text().contains(job.getString("pausedReason")), reply.text());
      assertTrue(reply.text().contains("Следующая попытка"), reply.text());
      assertFalse(reply.text().matches("(?s).*(Exception|unreachable|Connection refused).*"), reply.text());
      assertTrue(job.getString("nextAttemptAt") != null, job.encode());
      int attempts = job.getInteger("attempts");

      ApiClient.Answer retried = api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + job.getLong("id") + "/retry", "");
      assertEquals(200, retried.status(), retried.body());
      ConsoleApp.await("a second attempt at once", Duration.ofSeconds(8), () -> {
        try {
          return job(api, runId).getInteger("attempts") > attempts;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  private static JsonObject job(ApiClient api, String runId) throws Exception {
    return api.get("/api/v1/exchanges/" + runId).json().getJsonArray("jobs").getJsonObject(0);
  }
}
