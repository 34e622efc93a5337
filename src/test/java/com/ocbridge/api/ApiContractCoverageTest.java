package com.ocbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi/bridge.yaml and the service agree: every operation of the contract has a handler, and no handler exists
 * for an operation the contract does not describe. (The router only creates /api routes from the contract, so an
 * implemented route cannot hide outside it.)
 */
class ApiContractCoverageTest {
  @TempDir Path dataDir;

  @Test
  void everyContractOperationIsImplementedAndNothingElse() throws Exception {
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:9/").put("apiUsername", "a").put("apiKey", "k"));
    BridgeApp app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
    Vertx vertx = Vertx.vertx();
    try {
      Set<String> contract = ApiRouter.contractOperations(vertx).await(30, TimeUnit.SECONDS);
      Set<String> missing = new TreeSet<>(contract);
      missing.removeAll(app.apiOperationIds());
      Set<String> undocumented = new TreeSet<>(app.apiOperationIds());
      undocumented.removeAll(contract);
      assertEquals(Set.of(), missing, "operations in openapi/bridge.yaml without a handler");
      assertEquals(Set.of(), undocumented, "handlers for operations openapi/bridge.yaml does not describe");
      assertEquals(19, contract.size(), "the seven /api/v1 endpoints of the interface document, the seven of the"
          + " operator console, getStatus and the four of change plans (issue 19)");
    } finally {
      vertx.close().await();
      app.stop(Duration.ofSeconds(30));
    }
  }
}
