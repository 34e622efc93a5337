package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A manual run (an operator's upload in progress) is neither joined nor abandoned by 1C's checkauth. */
class ManualRunIsolationTest {
  @Test
  void oneCNeverJoinsOrAbandonsAManualRun() throws Exception {
    Vertx vertx = Vertx.vertx();
    String dbUrl = TestDatabase.newDatabase();
    Pool pool = Database.pool(vertx, dbUrl, 2);
    try {
      Migrations.apply(vertx, dbUrl).await(60, TimeUnit.SECONDS);
      ExchangeStore store = new ExchangeStore(pool);
      ExchangeStore.Run manual = store.startManualRun("catalog").await(10, TimeUnit.SECONDS);
      ExchangeStore.Run oneC = store.joinOrStartRun("catalog", 10).await(10, TimeUnit.SECONDS);
      assertNotEquals(manual.id(), oneC.id(), "1C's files must not land in an operator's upload");
      assertEquals("1c", oneC.origin());
      assertEquals("manual", manual.origin());
      assertEquals("open", store.findRun(manual.id()).await(10, TimeUnit.SECONDS).orElseThrow().state(),
          "1C's new run does not abandon the upload in progress");
      assertEquals(oneC.id(), store.joinOrStartRun("catalog", 10).await(10, TimeUnit.SECONDS).id(),
          "1C joins its own run");
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
