package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paused} as a state of its own, and the operator's retry and cancel on import jobs, over a socket against the
 * service with the embedded database.
 */
class ImportJobActionsTest {
  private static final byte[] XML = "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8);
  private static final Pattern PERCENT = Pattern.compile("приостановлен на ([0-9.]+)%");

  @TempDir Path dataDir;

  @Test
  void aPausedJobShowsTheSameProgressInTheApiAndTo1CAndRetryRunsItAtOnce() throws Exception {
    try (ConsoleApp c = new ConsoleApp(dataDir, new JsonObject())) {
      OneCExchangeClient onec = c.oneC();
      assertEquals("success", onec.postFile("pause.xml", XML).first());
      OneCExchangeClient.Reply reply = onec.call("import", "&filename=pause.xml");
      assertEquals("progress", reply.first(), reply.text());
      String runId = c.newestExchange();
      JsonObject job = c.job(runId, "pause.xml");
      assertEquals("paused", job.getString("state"), job.encode());
      assertEquals(37.0, job.getDouble("progress"), "the progress reached at pause time, kept");
      Matcher m = PERCENT.matcher(reply.text());
      assertTrue(m.find(), reply.text());
      assertEquals(job.getDouble("progress"), Double.parseDouble(m.group(1)), "1C is told the number the API shows");
      assertTrue(reply.text().contains("магазин OpenCart недоступен"), reply.text());
      assertTrue(reply.text().contains("Следующая попытка"), reply.text());
      assertFalse(reply.text().matches("(?s).*[A-Za-z]+Exception.*|.*unreachable.*"), reply.text());
      assertEquals("магазин OpenCart недоступен: он ответил HTTP 503", job.getString("pausedReason"), "the operator's sentence of the failure");
      OffsetDateTime next = OffsetDateTime.parse(job.getString("nextAttemptAt"));
      assertTrue(next.isAfter(OffsetDateTime.now().plusSeconds(3)), "the first pause lasts 10 s: " + next);
      JsonObject summary = c.api.get("/api/v1/exchanges").json().getJsonArray("exchanges").getJsonObject(0)
          .getJsonArray("jobs").getJsonObject(0);
      assertEquals("paused", summary.getString("state"), "the list shows paused too");

      long started = System.nanoTime();
      ApiClient.Answer retried = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + job.getLong("id") + "/retry", "");
      assertEquals(200, retried.status(), retried.body());
      ConsoleApp.await("the retried job to succeed", Duration.ofSeconds(6), () -> {
        try {
          return c.job(runId, "pause.xml").getString("state").equals("succeeded");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue((System.nanoTime() - started) / 1_000_000 < 6_000, "ran at once, not after its 10 s pause");
      assertEquals(2, c.attempts.get("pause.xml").get());
      assertNull(c.job(runId, "pause.xml").getValue("pausedReason"));
      assertEquals("success", onec.importFile("pause.xml").first());

      // only paused or failed jobs can be retried
      ApiClient.Answer again = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + job.getLong("id") + "/retry", "");
      assertEquals(409, again.status(), again.body());
      assertEquals("conflict", again.errorCode());
      assertEquals("succeeded", again.json().getJsonObject("error").getJsonObject("details").getString("state"));
    }
  }

  @Test
  void cancellingAPausedImportCancelsTheOffersBehindItAnd1CIsToldAnOperatorDidIt() throws Exception {
    try (ConsoleApp c = new ConsoleApp(dataDir, new JsonObject())) {
      OneCExchangeClient onec = c.oneC();
      assertEquals("success", onec.postFile("pause.xml", XML).first());
      assertEquals("success", onec.postFile("offers.xml", XML).first());
      assertEquals("progress", onec.call("import", "&filename=pause.xml").first());
      assertEquals("progress", onec.call("import", "&filename=offers.xml").first());
      String runId = c.newestExchange();
      long importId = c.job(runId, "pause.xml").getLong("id");
      assertEquals("queued", c.job(runId, "offers.xml").getString("state"), "waits behind the paused import");

      ApiClient.Answer cancelled = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + importId + "/cancel", "");
      assertEquals(200, cancelled.status(), cancelled.body());
      assertEquals("cancelled", cancelled.json().getJsonObject("job").getString("state"));
      assertEquals("cancelled", c.job(runId, "offers.xml").getString("state"), "offers depend on their products");

      OneCExchangeClient.Reply told = onec.call("import", "&filename=pause.xml");
      assertEquals("failure", told.first(), told.text());
      assertTrue(told.text().contains("отменён оператором"), told.text());
      assertTrue(onec.call("import", "&filename=offers.xml").text().contains("отменён оператором"));
      // what the run queues after the cancel (its end, a deactivation) is cancelled too: it never runs
      assertEquals("success", onec.call("complete", "").first());
      assertEquals("cancelled", c.job(runId, "<run-end>").getString("state"));
      Thread.sleep(2_500); // more than the runner's idle poll
      assertEquals(1, c.attempts.get("pause.xml").get(), "a cancelled job never runs again");
      assertNull(c.attempts.get("offers.xml"));
      assertEquals(List.of(), c.applied);

      ApiClient.Answer twice = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + importId + "/cancel", "");
      assertEquals(409, twice.status(), twice.body());
      assertEquals(409, c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + importId + "/retry", "").status(),
          "a cancelled job cannot be retried");
      assertEquals(404, c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/999999/cancel", "").status());
      assertEquals(404, c.api.postJson("/api/v1/exchanges/0badc0de/jobs/" + importId + "/cancel", "").status());
      ApiClient.Answer bad = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/abc/cancel", "");
      assertEquals(400, bad.status(), bad.body());
      assertEquals("bad_request", bad.errorCode());
      assertEquals(401, new ApiClient(c.app.httpPort(), null)
          .postJson("/api/v1/exchanges/" + runId + "/jobs/" + importId + "/cancel", "").status());
    }
  }

  @Test
  void aRunningJobCannotBeCancelledAndAFailedOneIsRetriedFromItsStoredFileWhileItIsThere() throws Exception {
    try (ConsoleApp c = new ConsoleApp(dataDir, new JsonObject())) {
      OneCExchangeClient onec = c.oneC();
      assertEquals("success", onec.postFile("slow.xml", XML).first());
      assertEquals("progress", onec.call("import", "&filename=slow.xml").first());
      String runId = c.newestExchange();
      JsonObject slow = c.job(runId, "slow.xml");
      assertEquals("running", slow.getString("state"));
      ApiClient.Answer refused = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + slow.getLong("id") + "/cancel", "");
      assertEquals(409, refused.status(), refused.body());
      assertEquals("running", refused.json().getJsonObject("error").getJsonObject("details").getString("state"));
      c.release();
      assertEquals("success", onec.importFile("slow.xml").first());

      assertEquals("success", onec.postFile("bad.xml", XML).first());
      assertEquals("failure", onec.importFile("bad.xml").first());
      long badId = c.job(runId, "bad.xml").getLong("id");
      ApiClient.Answer retried = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + badId + "/retry", "");
      assertEquals(200, retried.status(), retried.body());
      assertTrue(List.of("queued", "running", "succeeded").contains(retried.json().getJsonObject("job").getString("state")));
      ConsoleApp.await("the failed job, queued again, to succeed", Duration.ofSeconds(10),
          () -> c.attempts.get("bad.xml").get() == 2 && c.applied.contains("bad.xml"));
      assertEquals("success", onec.importFile("bad.xml").first(), "1C's next poll sees the new outcome");

      assertEquals("success", onec.postFile("bad2.xml", XML).first());
      assertEquals("failure", onec.importFile("bad2.xml").first());
      JsonObject bad2 = c.job(runId, "bad2.xml");
      Files.delete(dataDir.resolve("exchange").resolve(runId).resolve("bad2.xml"));
      ApiClient.Answer gone = c.api.postJson("/api/v1/exchanges/" + runId + "/jobs/" + bad2.getLong("id") + "/retry", "");
      assertEquals(409, gone.status(), gone.body());
      assertTrue(gone.json().getJsonObject("error").getString("message").contains("no longer on disk"), gone.body());
      assertEquals("failed", c.job(runId, "bad2.xml").getString("state"), "nothing changed");
      assertNotNull(c.job(runId, "bad2.xml").getString("finishedAt"));
    }
  }
}
