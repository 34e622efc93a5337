package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart of the service in the middle of an import loses nothing: the job is re-run from the stored file. */
class ImportRestartTest {
  @TempDir Path dataDir;

  @Test
  void anImportInterruptedByARestartIsResumedAndFinishes() throws Exception {
    BridgeConfig config = TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir));
    Path sample = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    CountDownLatch started = new CountDownLatch(1);

    // First life: the importer starts and never finishes (as if the machine went down mid-import).
    BridgeApp first = new BridgeApp(config, (vertx, pool, cfg, shop) -> Map.of("catalog", task -> {
      started.countDown();
      return Promise.<ImportProcessor.ImportOutcome>promise().future();
    }));
    first.start().await(60, TimeUnit.SECONDS);
    int port = first.httpPort();
    OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + port + "/1c/exchange", "catalog", true);
    assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    onec.init();
    assertEquals("success", onec.upload(sample, "import0_1.xml").first());
    assertEquals("progress", onec.call("import", "&filename=import0_1.xml").first());
    assertTrue(started.await(30, TimeUnit.SECONDS));
    first.stop(Duration.ofSeconds(30));

    // Second life on the same port, database and data folder: 1C keeps polling with its cookie.
    var json = TestConfig.base(config.database().url(), dataDir);
    json.getJsonObject("http").put("port", port);
    BridgeApp second = new BridgeApp(TestConfig.load(json),
        (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    second.start().await(60, TimeUnit.SECONDS);
    try {
      OneCExchangeClient.Reply reply = onec.importFile("import0_1.xml");
      assertEquals("success", reply.first(), reply.text());
      assertTrue(reply.text().contains("sha256=" + ExchangeProtocolTest.sha256(sample)), reply.text());
    } finally {
      second.stop(Duration.ofSeconds(30));
    }
  }
}
