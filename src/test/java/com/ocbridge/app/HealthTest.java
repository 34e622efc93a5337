package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.storage.EmbeddedDatabase;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health is 200 while everything works and 503 naming the failing check when the database goes away. */
class HealthTest {
  @TempDir Path dataDir;

  @Test
  void healthNamesTheFailingCheck() throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.startEphemeral();
    BridgeApp app = new BridgeApp(TestConfig.load(TestConfig.base(db.url("postgres"), dataDir)));
    app.start().await(60, TimeUnit.SECONDS);
    try {
      ApiClient http = new ApiClient(app.httpPort(), null);
      ApiClient.Answer up = http.get("/health");
      assertEquals(200, up.status(), up.body());
      assertEquals("UP", up.json().getString("status"));

      db.close(); // the database goes away
      ApiClient.Answer down = http.get("/health");
      assertEquals(503, down.status(), down.body());
      JsonObject database = down.json().getJsonArray("checks").stream().map(o -> (JsonObject) o)
          .filter(c -> c.getString("id").equals("database")).findFirst().orElseThrow();
      assertEquals("DOWN", database.getString("status"));
      assertTrue(down.body().contains("database"), down.body());
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }
}
