package com.ocbridge.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service started without {@code opencart.baseUrl}: 1C learns why its catalog cannot be imported. */
class CatalogWithoutShopTest {
  @TempDir Path dataDir;

  @Test
  void everyCatalogImportFailsSayingTheShopIsNotConfigured() throws Exception {
    BridgeApp app = new BridgeApp(TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir)));
    app.start().await(60, TimeUnit.SECONDS);
    try {
      OneCExchangeClient c = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog", false);
      assertEquals("success", c.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
      c.init();
      Path file = Samples.file("bigperson__exchange1c/import.xml");
      assertEquals("success", c.upload(file, "import.xml").first());
      OneCExchangeClient.Reply reply = c.importFile("import.xml");
      assertEquals("failure", reply.first(), reply.text());
      assertTrue(reply.text().contains("opencart.baseUrl"), reply.text());
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }
}
