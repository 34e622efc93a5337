package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the embedded PostgreSQL is killed (SIGKILL) while the service runs. The service starts it again by
 * itself; /health says what happened, and the exchange and the API work again without a restart of the service.
 */
class EmbeddedDatabaseRecoveryTest {
  @TempDir Path dataDir;

  @Test
  void aKilledEmbeddedServerIsStartedAgainAndHealthSaysSo() throws Exception {
    BridgeApp app = new BridgeApp(TestConfig.load(TestConfig.base("embedded", dataDir)));
    app.start().await(120, TimeUnit.SECONDS);
    try {
      ApiClient http = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
      assertEquals(200, http.get("/health").status());
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
      ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
      server.destroyForcibly();
      server.onExit().get(30, TimeUnit.SECONDS);

      JsonObject check = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        ApiClient.Answer health = http.get("/health");
        check = embeddedCheck(health);
        if (health.status() == 200 && check != null && check.getJsonObject("data").getInteger("restarts") == 1) break;
        Thread.sleep(250);
      }
      assertTrue(check != null && check.getJsonObject("data").getInteger("restarts") == 1,
          "the server was started again and /health says so: " + check);
      assertTrue(check.getJsonObject("data").getString("lastProblem").contains("started again"), check.encode());
      long newPid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
      assertTrue(newPid != pid && ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false));

      assertEquals(200, http.get("/api/v1/exchanges").status(), "the API reads the database again");
      OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange",
          "catalog", true);
      assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first(), "1C is served again");
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  private static JsonObject embeddedCheck(ApiClient.Answer health) {
    try {
      return health.json().getJsonArray("checks").stream().map(o -> (JsonObject) o)
          .filter(c -> "embedded-database".equals(c.getString("id"))).findFirst().orElse(null);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
