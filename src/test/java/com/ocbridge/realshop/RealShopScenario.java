package com.ocbridge.realshop;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scenario against a real shop of the harness: reset the shop, run the real bridge in-process (embedded
 * PostgreSQL, a fresh database), speak the exchange to it exactly as 1C does over the socket, then read the shop's
 * own tables. Prints per-step timings; on failure also the jobs' counters and errors and what the shop's PHP and
 * OpenCart error logs got during the scenario.
 */
abstract class RealShopScenario {
  static final String LANGUAGE = "en-gb";
  static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(15);

  /** Job errors a scenario accepts: none. */
  static final Predicate<JsonObject> NO_ERRORS = e -> false;

  @TempDir Path work;
  RealShop shop;
  BridgeApp app;
  ApiClient api;
  String exchangeUrl;
  private String databaseUrl;
  private RealShop.LogMark mark;
  private AutoCloseable held;
  /** {@code catalog.*} settings for the next {@link #startBridge}; null = the defaults. */
  JsonObject catalogSettings;
  /** More settings for the next {@link #startBridge} (merged over the rest, e.g. {@code console}); null = none. */
  JsonObject moreSettings;
  /** Where the next {@link #startBridge} reaches the shop (e.g. a proxy in front of it); null = the shop itself. */
  String openCartBaseUrl;

  /** The shop right after its reset (OpenCart's demo products and categories are part of a fresh install). */
  ShopSnapshot fresh;
  private String label = "";
  private long started;
  final List<String> timings = new ArrayList<>();
  final List<Exchange> exchanges = new ArrayList<>();

  @RegisterExtension
  final TestWatcher diagnostics = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      StringBuilder sb = new StringBuilder("\n[realshop] FAILED: ").append(label).append('\n');
      sb.append("timings: ").append(String.join(", ", timings)).append('\n');
      for (Exchange x : exchanges) sb.append(x.label()).append(":\n").append(jobsSummary(x, 30)).append('\n');
      if (shop != null) sb.append(shop.logsSince(mark));
      System.out.println(sb);
    }
  };

  /** Picks the shop (skipping when the harness is not there), holds and resets it, and starts the clock. */
  RealShop begin(String key, String what) throws Exception {
    shop = RealShops.get(key);
    label = shop.key() + " " + what;
    held = shop.hold(Duration.ofMinutes(30));
    mark = shop.logMark();
    shop.reset();
    fresh = ShopSnapshot.read(shop, LANGUAGE);
    started = System.nanoTime();
    System.out.println("[realshop] " + label + " on " + shop);
    return shop;
  }

  /**
   * The bridge with {@code opencart.language} left at its default (empty: the shop's own default language, which
   * is {@link #LANGUAGE} on a stock shop), so every scenario also shows that the language comes from the shop.
   */
  void startBridge(int concurrency, JsonObject orders) throws Exception {
    startBridge(concurrency, orders, "");
  }

  void startBridge(int concurrency, JsonObject orders, String language) throws Exception {
    if (databaseUrl == null) databaseUrl = TestDatabase.newDatabase();
    JsonObject json = TestConfig.base(databaseUrl, work.resolve("bridge-data"));
    json.getJsonObject("exchange").put("fileLimit", 1_048_576);
    json.put("opencart", new JsonObject().put("baseUrl", openCartBaseUrl != null ? openCartBaseUrl : shop.baseUrl())
        .put("apiUsername", shop.apiUsername())
        .put("apiKey", shop.apiKey()).put("language", language).put("concurrency", concurrency));
    if (orders != null) json.put("orders", orders);
    if (catalogSettings != null) json.put("catalog", catalogSettings);
    if (moreSettings != null) json.mergeIn(moreSettings, true);
    app = new BridgeApp(TestConfig.load(json));
    app.start().await(120, TimeUnit.SECONDS);
    exchangeUrl = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  void stopBridge() {
    if (app != null) app.stop(Duration.ofSeconds(30));
    app = null;
  }

  @AfterEach
  void end() throws Exception {
    stopBridge();
    if (held != null) held.close();
    held = null;
    if (started != 0) {
      timings.add(String.format("whole scenario %.1f s", (System.nanoTime() - started) / 1e9));
      System.out.println("[realshop] " + label + " timings: " + String.join(", ", timings));
    }
  }

  <T> T timed(String what, Callable<T> work) throws Exception {
    long t0 = System.nanoTime();
    try {
      return work.call();
    } finally {
      timings.add(String.format("%s %.1f s", what, (System.nanoTime() - t0) / 1e9));
    }
  }

  // ------------------------------------------------------------------ the exchange, as 1C does it

  /** Upload a file (1C sends it in chunks of file_limit), import one, or look at the shop between two files. */
  record Step(String kind, Path file, String name, Callable<?> action) {
    static Step upload(Path file, String name) {
      return new Step("file", file, name, null);
    }

    static Step importFile(String name) {
      return new Step("import", null, name, null);
    }

    static Step then(String name, Callable<?> action) {
      return new Step("check", null, name, action);
    }

    /** file + import per file, in order: what 1C does without zip. */
    static List<Step> eachFile(List<Path> files) {
      List<Step> steps = new ArrayList<>();
      for (Path f : files) {
        steps.add(upload(f, f.getFileName().toString()));
        steps.add(importFile(f.getFileName().toString()));
      }
      return steps;
    }
  }

  record StepReply(String what, OneCExchangeClient.Reply reply) {}

  record Exchange(String label, List<StepReply> replies, JsonObject run, double seconds) {
    JsonArray jobs() {
      return run.getJsonArray("jobs", new JsonArray());
    }

    JsonObject job(String file) {
      for (int i = 0; i < jobs().size(); i++) {
        if (file.equals(jobs().getJsonObject(i).getString("file"))) return jobs().getJsonObject(i);
      }
      return null;
    }
  }

  /** checkauth, init, the steps, complete; then the exchange's record from GET /api/v1/exchanges/{id}. */
  Exchange exchange(String what, List<Step> steps) throws Exception {
    long t0 = System.nanoTime();
    OneCExchangeClient c = new OneCExchangeClient(exchangeUrl, "catalog", true);
    List<StepReply> replies = new ArrayList<>();
    replies.add(new StepReply("checkauth", c.checkauth(TestConfig.USER, TestConfig.PASSWORD)));
    replies.add(new StepReply("init", c.init()));
    int files = 0;
    for (Step s : steps) {
      switch (s.kind()) {
        case "file" -> {
          replies.add(new StepReply("file " + s.name(), c.upload(s.file(), s.name())));
          files++;
        }
        case "import" -> {
          long ti = System.nanoTime();
          replies.add(new StepReply("import " + s.name(), importFile(c, s.name())));
          timings.add(String.format("%s: import %s %.1f s", what, s.name(), (System.nanoTime() - ti) / 1e9));
        }
        default -> s.action().call();
      }
    }
    replies.add(new StepReply("complete", c.call("complete", "")));
    double seconds = (System.nanoTime() - t0) / 1e9;
    timings.add(String.format("%s %.1f s (%d files)", what, seconds, files));
    Exchange x = new Exchange(what, replies, finishedRun("catalog"), seconds);
    exchanges.add(x);
    System.out.println("[realshop] " + label + " " + what + String.format(" in %.1f s:%n", seconds) + jobsSummary(x, 5));
    return x;
  }

  /** The progress loop, as 1C runs it (each call waits up to ~2 s in the bridge), bounded by time. */
  private OneCExchangeClient.Reply importFile(OneCExchangeClient c, String name) throws Exception {
    long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
    long lastPrint = System.nanoTime();
    while (true) {
      OneCExchangeClient.Reply r = c.call("import", "&filename=" + OneCExchangeClient.enc(name));
      if (!r.first().equals("progress") || System.nanoTime() > deadline) return r;
      if (System.nanoTime() - lastPrint > 20_000_000_000L) {
        System.out.println("[realshop] " + label + ": " + r.text().replace('\n', ' ').trim());
        lastPrint = System.nanoTime();
      }
      Thread.sleep(200);
    }
  }

  /**
   * The latest run once its jobs have all finished: {@code complete} queues the run's end job (a full catalog's
   * deactivation), which runs after the answer.
   */
  JsonObject finishedRun(String type) throws Exception {
    long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
    while (true) {
      JsonObject run = latestRun(type);
      boolean busy = run.getJsonArray("jobs", new JsonArray()).stream().map(JsonObject.class::cast)
          .anyMatch(j -> List.of("queued", "paused", "running").contains(j.getString("state")));
      if (!busy || System.nanoTime() > deadline) return run;
      Thread.sleep(100);
    }
  }

  JsonObject latestRun(String type) throws Exception {
    JsonArray list = api.get("/api/v1/exchanges?limit=50").json().getJsonArray("exchanges");
    for (int i = 0; i < list.size(); i++) {
      JsonObject e = list.getJsonObject(i);
      if (type.equals(e.getString("type"))) return api.get("/api/v1/exchanges/" + e.getString("id")).json();
    }
    throw new AssertionError("the bridge lists no " + type + " exchange: " + list.encode());
  }

  // ------------------------------------------------------------------ checks of what the bridge answered

  /** Every 1C call answered as it must: init with its settings, everything else {@code success}. */
  static void checkReplies(Exchange x, Problems p) {
    for (StepReply r : x.replies()) {
      String first = r.reply().first().trim();
      boolean ok = r.what().equals("init") ? first.startsWith("zip=") : first.equals("success");
      if (!ok) p.add("1C reply not success", x.label() + ", " + r.what() + ": HTTP " + r.reply().status() + " "
          + RealShopScenario.clip(r.reply().text().replace('\n', ' '), 400));
    }
  }

  /** Every import job succeeded with zero failed items and no errors but those {@code allowed}. */
  static void checkJobs(Exchange x, Problems p, Predicate<JsonObject> allowed) {
    JsonArray jobs = x.jobs();
    if (jobs.isEmpty()) p.add("no import jobs", x.label() + ": " + x.run().encode());
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      String file = job.getString("file");
      JsonObject counts = job.getJsonObject("counts", new JsonObject());
      p.check("succeeded".equals(job.getString("state")), "job state", () -> x.label() + ", " + file + ": "
          + job.getString("state") + " " + job.getString("message"));
      long failed = counts.getLong("failed", 0L);
      p.check(failed == 0, "failed items", () -> x.label() + ", " + file + ": failed=" + failed + " " + counts.encode()
          + "; reasons " + reasons(job));
      JsonArray errors = job.getJsonArray("errors", new JsonArray());
      int unexpected = 0;
      for (int k = 0; k < errors.size(); k++) {
        if (!allowed.test(errors.getJsonObject(k))) unexpected++;
      }
      int n = unexpected;
      p.check(n == 0, "job errors", () -> x.label() + ", " + file + ": " + n + " error(s) listed; reasons " + reasons(job));
    }
  }

  /** A repeated exchange: no job created, updated, disabled anything or sent stock, pictures, categories. */
  static void checkWroteNothing(Exchange x, Problems p) {
    JsonArray jobs = x.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      JsonObject counts = job.getJsonObject("counts", new JsonObject());
      for (String key : List.of("created", "updated", "disabled", "stockUpdates", "images")) {
        long n = counts.getLong(key, 0L);
        p.check(n == 0, "second exchange wrote", () -> x.label() + ", " + job.getString("file") + ": " + key + "=" + n
            + " " + counts.encode());
      }
    }
  }

  /** The product tables' checksums (and row counts) before and after must be equal. */
  static void compareChecksums(Map<String, Long> before, Map<String, Long> after, Problems p) {
    for (String t : new TreeSet<>(before.keySet())) {
      Long a = after.get(t);
      if (!before.get(t).equals(a)) p.add("shop tables changed", t + ": " + before.get(t) + " → " + a);
    }
  }

  /** Error reasons of a job, counted (digits folded, so "batch 3" and "batch 7" count together). */
  static Map<String, Integer> reasons(JsonObject job) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    JsonArray errors = job.getJsonArray("errors", new JsonArray());
    for (int i = 0; i < errors.size(); i++) {
      JsonObject e = errors.getJsonObject(i);
      String reason = clip(String.valueOf(e.getString("reason")).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<guid>")
          .replaceAll("\\d+", "#"), 220);
      counts.merge(e.getString("what") + ": " + reason, 1, Integer::sum);
    }
    return counts;
  }

  static String jobsSummary(Exchange x, int errorExamples) {
    StringBuilder sb = new StringBuilder();
    JsonArray jobs = x.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      JsonArray errors = job.getJsonArray("errors", new JsonArray());
      sb.append("    job ").append(job.getString("file")).append(": ").append(job.getString("state"))
          .append(" counts ").append(job.getJsonObject("counts", new JsonObject()).encode())
          .append(", ").append(errors.size()).append(" error(s) listed");
      if (!errors.isEmpty()) {
        sb.append("; reasons ").append(reasons(job));
        for (int k = 0; k < Math.min(errorExamples, errors.size()); k++) {
          sb.append("\n      ").append(clip(errors.getJsonObject(k).encode(), 500));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Fails with every problem of every phase at once (so one run shows the whole picture), or passes. */
  /**
   * The same steps as a second exchange: every reply success, no job error, nothing created or updated, and the
   * shop's product tables unchanged (checksums); then fails with the problems of both exchanges, if any.
   */
  void assertSecondExchangeWritesNothing(List<Step> steps, Problems first) throws Exception {
    Map<String, Long> before = shop.productTablesChecksum();
    Problems second = new Problems();
    Exchange x2 = exchange("second exchange", steps);
    checkReplies(x2, second);
    checkJobs(x2, second, NO_ERRORS);
    checkWroteNothing(x2, second);
    compareChecksums(before, shop.productTablesChecksum(), second);

    Map<String, Problems> phases = new LinkedHashMap<>();
    phases.put("first exchange", first);
    phases.put("second exchange", second);
    assertNoProblems(phases);
  }

  void assertNoProblems(Map<String, Problems> phases) {
    StringBuilder sb = new StringBuilder();
    int total = 0;
    for (Map.Entry<String, Problems> e : phases.entrySet()) {
      Problems p = e.getValue();
      if (p.isEmpty()) continue;
      total += p.count();
      sb.append(e.getKey()).append(": ").append(p.count()).append(" problem(s)\n").append(p.report(10));
    }
    if (total > 0) throw new AssertionError(label + ": " + total + " problem(s)\n" + sb);
    System.out.println("[realshop] " + label + ": everything in the shop as the files say");
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
