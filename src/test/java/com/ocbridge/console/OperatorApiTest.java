package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's read and act operations besides import jobs: item errors, outbox cancel, settings. */
class OperatorApiTest {
  private static final byte[] XML = "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dataDir;

  @Test
  void itemErrorsAreListedNewestFirstAcrossExchangesSearchableAndPaged() throws Exception {
    try (ConsoleApp c = new ConsoleApp(dataDir, new JsonObject())) {
      OneCExchangeClient first = c.oneC();
      assertEquals("success", first.postFile("refuse1.xml", XML).first());
      assertEquals("success", first.importFile("refuse1.xml").first());
      assertEquals("success", first.postFile("refuse2.xml", XML).first());
      assertEquals("success", first.importFile("refuse2.xml").first());
      String firstRun = c.newestExchange();
      assertEquals("success", first.call("complete", "").first());
      OneCExchangeClient second = c.oneC();
      assertEquals("success", second.postFile("refuse3.xml", XML).first());
      assertEquals("success", second.importFile("refuse3.xml").first());
      String secondRun = c.newestExchange();
      assertFalse(firstRun.equals(secondRun));

      JsonObject all = c.api.get("/api/v1/errors").json();
      JsonArray errors = all.getJsonArray("errors");
      assertEquals(6, errors.size(), "two refusals per file; the note is no refusal: " + all.encode());
      assertNull(all.getValue("nextBefore"));
      JsonObject newest = errors.getJsonObject(0);
      assertEquals(secondRun, newest.getString("exchange"));
      assertEquals("refuse3.xml", newest.getString("file"));
      assertEquals("c3d4-refuse3.xml", newest.getString("item"));
      assertEquals("price is not a number", newest.getString("reason"));
      for (int i = 1; i < errors.size(); i++) {
        assertTrue(errors.getJsonObject(i - 1).getLong("id") > errors.getJsonObject(i).getLong("id"), "newest first");
      }
      assertEquals("a1b2-refuse1.xml", errors.getJsonObject(5).getString("item"));
      assertEquals("Кроссовки Беговые", errors.getJsonObject(5).getString("name"));

      assertEquals(3, c.api.get("/api/v1/errors?q=ALREADY%20used").json().getJsonArray("errors").size(),
          "q matches the reason, ignoring case");
      assertEquals(3, c.api.get("/api/v1/errors?q=" + OneCExchangeClient.enc("беговые")).json()
          .getJsonArray("errors").size(), "q matches the item's name, ignoring case, in Cyrillic too");
      assertEquals(1, c.api.get("/api/v1/errors?q=c3d4-REFUSE2").json().getJsonArray("errors").size());
      assertEquals(4, c.api.get("/api/v1/errors?exchange=" + firstRun).json().getJsonArray("errors").size());

      JsonObject page1 = c.api.get("/api/v1/errors?limit=4").json();
      assertEquals(4, page1.getJsonArray("errors").size());
      long next = page1.getLong("nextBefore");
      JsonObject page2 = c.api.get("/api/v1/errors?limit=4&before=" + next).json();
      assertEquals(2, page2.getJsonArray("errors").size());
      assertNull(page2.getValue("nextBefore"));
      assertEquals(errors.getJsonObject(4), page2.getJsonArray("errors").getJsonObject(0));

      for (String bad : List.of("limit=0", "before=abc", "exchange=NOT-AN-ID", "limit=5000")) {
        ApiClient.Answer answer = c.api.get("/api/v1/errors?" + bad);
        assertEquals(400, answer.status(), bad + ": " + answer.body());
        assertEquals("bad_request", answer.errorCode());
      }
      assertEquals(401, new ApiClient(c.app.httpPort(), null).get("/api/v1/errors").status());
    }
  }

  @Test
  void pendingAndFailedOutboxEntriesCanBeCancelledProcessingAndDoneOnesCannot() throws Exception {
    try (ConsoleApp c = new ConsoleApp(dataDir, new JsonObject())) {
      Outbox outbox = new Outbox(c.app.pool());
      long pending = enqueue(outbox, "a");
      long failed = enqueue(outbox, "b");
      long processing = enqueue(outbox, "c");
      long done = enqueue(outbox, "d");
      List<String> types = List.of("console.test");
      for (OutboxEntry e : outbox.claim(10, Duration.ofMinutes(5), "test", types).await(10, TimeUnit.SECONDS)) {
        if (e.id() == failed) outbox.markFailed(e, "1C said no").await(10, TimeUnit.SECONDS);
        if (e.id() == done) outbox.markDone(e, new JsonObject()).await(10, TimeUnit.SECONDS);
        if (e.id() == pending) outbox.release(e, Duration.ZERO).await(10, TimeUnit.SECONDS);
      }

      for (long id : List.of(pending, failed)) {
        ApiClient.Answer answer = c.api.postJson("/api/v1/outbox/" + id + "/cancel", "");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("cancelled", answer.json().getJsonObject("entry").getString("status"));
      }
      assertEquals("1C said no", outbox.get(failed).await(10, TimeUnit.SECONDS).orElseThrow().lastError(),
          "the reason it had failed stays visible");
      for (long id : List.of(processing, done)) {
        ApiClient.Answer answer = c.api.postJson("/api/v1/outbox/" + id + "/cancel", "");
        assertEquals(409, answer.status(), answer.body());
        assertEquals("conflict", answer.errorCode());
      }
      assertEquals("processing", c.api.postJson("/api/v1/outbox/" + processing + "/cancel", "").json()
          .getJsonObject("error").getJsonObject("details").getString("status"));
      assertEquals(List.of(), outbox.claim(10, Duration.ofMinutes(5), "test", types).await(10, TimeUnit.SECONDS),
          "a cancelled entry is never claimed");
      JsonArray listed = c.api.get("/api/v1/outbox?status=cancelled").json().getJsonArray("entries");
      assertEquals(2, listed.size(), listed.encode());
      assertEquals(409, c.api.postJson("/api/v1/outbox/" + pending + "/retry", "").status(),
          "a cancelled entry is not replayed");
      assertEquals(404, c.api.postJson("/api/v1/outbox/999999/cancel", "").status());
      ApiClient.Answer bad = c.api.postJson("/api/v1/outbox/abc/cancel", "");
      assertEquals(400, bad.status(), bad.body());
      assertEquals("bad_request", bad.errorCode());
    }
  }

  private static long enqueue(Outbox outbox, String key) throws Exception {
    return outbox.pool().withTransaction(tx -> outbox.enqueue(tx, "console.test", "console.test:" + key,
        new JsonObject().put("key", key))).await(10, TimeUnit.SECONDS).orElseThrow();
  }

  @Test
  void settingsShowTheEffectiveConfigurationWithEverySecretRedacted() throws Exception {
    // the embedded test server's URL carries its generated password (issue 16): that is the secret to redact
    String url = TestDatabase.newDatabase();
    String dbSecret = url.substring(url.indexOf("//postgres:") + "//postgres:".length(), url.indexOf('@'));
    assertTrue(dbSecret.length() >= 40, url.replace(dbSecret, "***"));
    JsonObject config = new JsonObject()
        .put("database", new JsonObject().put("url", url))
        .put("opencart", new JsonObject().put("baseUrl", "http://shopuser:url-secret-55@127.0.0.1:9/")
            .put("apiUsername", "Default").put("apiKey", "oc-key-0a1b2c3d"))
        .put("onec", new JsonObject().put("push", new JsonObject().put("enabled", false)
            .put("username", "site").put("password", "push-pass-8080")));
    try (ConsoleApp c = new ConsoleApp(dataDir, config)) {
      ApiClient.Answer answer = c.api.get("/api/v1/settings");
      assertEquals(200, answer.status(), answer.body());
      for (String secret : List.of(TestConfig.PASSWORD, TestConfig.API_TOKEN, dbSecret, "url-secret-55",
          "oc-key-0a1b2c3d", "push-pass-8080")) {
        assertFalse(answer.body().contains(secret), "secret " + secret + " in " + answer.body());
      }
      JsonObject s = answer.json();
      assertEquals("***", s.getJsonObject("exchange").getString("password"));
      assertEquals(TestConfig.USER, s.getJsonObject("exchange").getString("username"));
      assertEquals(65_536L, s.getJsonObject("exchange").getLong("fileLimit"));
      assertEquals(JsonArray.of("***"), s.getJsonObject("api").getJsonArray("tokens"));
      assertEquals("***", s.getJsonObject("opencart").getString("apiKey"));
      assertEquals("http://***@127.0.0.1:9/", s.getJsonObject("opencart").getString("baseUrl"));
      assertEquals("***", s.getJsonObject("onec").getJsonObject("push").getString("password"));
      assertTrue(s.getJsonObject("database").getString("url").contains("postgres:***@"), s.encode());
      assertEquals(dataDir.toString(), s.getString("dataDir"));
      assertEquals(List.of("http", "database", "dataDir", "exchange", "api", "security", "opencart", "catalog",
          "orders", "onec", "retention"), List.copyOf(s.fieldNames()), "grouped as in config.json");
      assertEquals(401, new ApiClient(c.app.httpPort(), null).get("/api/v1/settings").status());
      assertEquals(401, new ApiClient(c.app.httpPort(), "wrong-token").get("/api/v1/settings").status());
    }
  }
}
