package com.ocbridge.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every checkauth leaves a session row; retention keeps only those 1C may still use or used lately. */
class SessionRetentionTest {
  @TempDir Path dataDir;

  @Test
  void twoThousandCheckauthsLeaveOnlyTheSessionsInsideTheWindow() throws Exception {
    BridgeConfig config = TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir));
    BridgeApp app = new BridgeApp(config, (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    try {
      String url = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
      OneCExchangeClient onec = null;
      for (int i = 0; i < 2000; i++) {
        onec = new OneCExchangeClient(url, "catalog", true);
        assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
      }
      assertEquals(2000, count(app, "SELECT count(*) FROM exchange_session"));
      // all but the newest ten are three days old; one of those old ones was still used an hour ago
      app.pool().query("""
              UPDATE exchange_session SET created_at = now() - interval '3 days',
                     last_seen_at = now() - interval '3 days'
               WHERE cookie NOT IN (SELECT cookie FROM exchange_session ORDER BY created_at DESC LIMIT 10)""")
          .execute().await(10, TimeUnit.SECONDS);
      app.pool().query("""
              UPDATE exchange_session SET last_seen_at = now() - interval '1 hour'
               WHERE cookie = (SELECT min(cookie) FROM exchange_session WHERE created_at < now() - interval '1 day')""")
          .execute().await(10, TimeUnit.SECONDS);

      Retention.Purged purged = Retention.of(app.vertx(), app.pool(), config.retention()).runOnce()
          .await(60, TimeUnit.SECONDS).stream().filter(p -> p.table().equals("exchange_session")).findFirst()
          .orElseThrow();

      assertEquals(1989, purged.rows());
      assertEquals(4, purged.batches(), "the default 500 rows a statement");
      assertEquals(11, count(app, "SELECT count(*) FROM exchange_session"));
      String init = onec.init().text();
      assertTrue(init.contains("file_limit="), "the newest session still works: " + init);
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  private static long count(BridgeApp app, String sql) throws Exception {
    return app.pool().query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }
}
