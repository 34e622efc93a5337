package com.ocbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /api/v1 surface as a client sees it: the served contract, token auth, validation, limits, envelopes. */
class ApiBasicsTest {
  @TempDir static Path dataDir;
  static BridgeApp app;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    app = new BridgeApp(TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir)),
        (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
  }

  @Test
  void theContractIsServed() throws Exception {
    ApiClient.Answer yaml = new ApiClient(app.httpPort(), null).get("/openapi.yaml");
    assertEquals(200, yaml.status());
    assertTrue(yaml.body().startsWith("openapi: 3.1.0"), yaml.body());
  }

  @Test
  void tokensAreRequiredAndAcceptedInBothHeaders() throws Exception {
    ApiClient.Answer none = new ApiClient(app.httpPort(), null).get("/api/v1/exchanges");
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.errorCode());
    ApiClient.Answer wrong = new ApiClient(app.httpPort(), "not-the-token").get("/api/v1/exchanges");
    assertEquals(401, wrong.status());
    assertEquals(200, api.get("/api/v1/exchanges").status());
    ApiClient plain = new ApiClient(app.httpPort(), null);
    assertEquals(200, plain.send(plain.builder("/api/v1/exchanges").header("X-Api-Token", TestConfig.API_TOKEN).GET()).status());
  }

  @Test
  void requestsThatDoNotMatchTheContractGet400WithTheEnvelope() throws Exception {
    ApiClient.Answer bad = api.get("/api/v1/exchanges?limit=0");
    assertEquals(400, bad.status(), bad.body());
    JsonObject error = bad.json().getJsonObject("error");
    assertEquals("bad_request", error.getString("code"));
    assertTrue(error.getString("message").contains("limit"), error.encode());
    assertTrue(error.containsKey("details"));
    ApiClient.Answer badId = api.get("/api/v1/exchanges/NOT-AN-ID");
    assertEquals(400, badId.status(), badId.body());
  }

  @Test
  void unknownPathsAndExchangesAre404() throws Exception {
    ApiClient.Answer path = api.get("/api/v1/nothing-here");
    assertEquals(404, path.status(), path.body());
    assertEquals("not_found", path.errorCode());
    ApiClient.Answer exchange = api.get("/api/v1/exchanges/0123abcd");
    assertEquals(404, exchange.status(), exchange.body());
  }

  @Test
  void oversizedBodiesGet413() throws Exception {
    byte[] big = new byte[(int) ApiRouter.BODY_LIMIT + 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    ApiClient.Answer r = api.send(api.builder("/api/v1/stock").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertEquals(413, r.status(), r.body());
    assertEquals("payload_too_large", r.errorCode());
  }

  @Test
  void anExchangeShowsItsJobsAndCounters() throws Exception {
    OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog", false);
    onec.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    onec.init();
    onec.postFile("import.xml", "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8));
    assertEquals("success", onec.importFile("import.xml").first());
    JsonObject list = api.get("/api/v1/exchanges").json();
    String id = list.getJsonArray("exchanges").getJsonObject(0).getString("id");
    JsonObject one = api.get("/api/v1/exchanges/" + id).json();
    assertEquals("catalog", one.getString("type"));
    JsonObject job = one.getJsonArray("jobs").getJsonObject(0);
    assertEquals("import.xml", job.getString("file"));
    assertEquals("succeeded", job.getString("state"));
    assertEquals(25L, one.getJsonObject("counters").getLong("bytes"), "the 25 bytes of the file");
  }
}
