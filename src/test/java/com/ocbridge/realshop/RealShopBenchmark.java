package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ocbridge.realshop.BenchProcesses.Proc;
import com.ocbridge.realshop.BenchSampler.Mark;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A generated UT 11-style catalog ({@link GeneratedCatalog}: default 50,000 products, {@code -Dbench.products=N}; 30 %
 * with variants, half of one kind and half of two; pictures on every 5th product) exchanged as 1C does it with the
 * real bridge (in-process, embedded PostgreSQL) and a REAL OpenCart 4.1 shop of the {@code scripts/realshop} harness at
 * the default {@code opencart.concurrency} (4); then the same files once more. Measures, and writes to
 * {@code target/bench-realshop.txt}:
 *
 * <ul>
 *   <li>wall time and products/s per phase (import.xml: products; offers.xml: prices, stock, options) and for the
 *       whole exchange;</li>
 *   <li>MariaDB statements per product: {@code SHOW GLOBAL STATUS} deltas over each phase (the benchmark's own
 *       monitoring statements subtracted with {@code SHOW SESSION STATUS} of its connection);</li>
 *   <li>whether the cost stays flat as the shop fills: the shop's linked products (import.xml) and products with
 *       their offer applied (offers.xml: linked products with a price) sampled every 1–2 s; time, rate and
 *       statements per product in each tenth;</li>
 *   <li>that nothing was lost (products in the shop, failed items and busy retries of the jobs), and that the second
 *       exchange wrote no product row (CHECKSUM TABLE, and per-table changed rows from MariaDB's userstat);</li>
 *   <li>CPU seconds of MariaDB, PHP-FPM, nginx, the bridge JVM and its PostgreSQL (from /proc), the machine's load
 *       and what else used the CPU meanwhile (the machine is shared).</li>
 * </ul>
 *
 * <p>Run it with {@code scripts/bench-realshop}: it stands up a separate harness instance and passes its descriptor
 * <p>This class is the scenario (generate, exchange twice, check that nothing was lost and that the second exchange
 * wrote nothing); the sampling is {@link BenchSampler} (with {@link BenchMonitor}, the MariaDB side of it), the /proc
 * accounting {@link BenchProcesses} and the report's formatting {@link BenchReport}.
 *
 * <p>Run it with {@code scripts/bench-realshop}: it stands up a separate harness instance and passes its descriptor
 * as {@code -Docbridge.realshop}. Without that property this class skips: it must never run on the shared test shops.
 */
@Tag("benchmark")
class RealShopBenchmark extends RealShopScenario {
  /** The shop ({@code -Dbench.shop}, oc41 or oc30), the concurrency ({@code -Dbench.concurrency}, default the
   * configuration's default) and whether products have pictures ({@code -Dbench.pictures}). */
  private static final String KEY = System.getProperty("bench.shop", "oc41");
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", com.ocbridge.config.ConfigLoader.DEFAULT_CONCURRENCY);
  private static final boolean PICTURES = Boolean.parseBoolean(System.getProperty("bench.pictures", "true"));
  /** {@code -Dbench.zip}: 1C sends import.xml, offers.xml and the pictures as one zip (what it does when the site
   * offers zip, the default exchange.zip=true), uploaded before import.xml is imported; else file by file. */
  private static final boolean ZIP = Boolean.getBoolean("bench.zip");
  private static final Path SHARED_DIR = Path.of("/tmp/ocbridge-realshop");

  private BenchMonitor monitor;
  private BenchSampler sampler;

  /** What the report's header says about the run. */
  record Setup(int n, RealShop shop, int concurrency, JsonObject maria, Path stateDir, int sampleMillis) {}

  /** The generated catalog and what it holds. */
  record Catalog(GeneratedCatalog.Generated files, Path dir, double seconds, long offers, long oneKind, long twoKinds,
      long pictured, long pictureBytes) {}

  record Phase(String file, Mark start, Mark uploaded, Mark end, int pictures) {
    double wall() {
      return (end.nanos() - start.nanos()) / 1e9;
    }

    double upload() {
      return (uploaded.nanos() - start.nanos()) / 1e9;
    }

    double importing() {
      return (end.nanos() - uploaded.nanos()) / 1e9;
    }
  }

  record Run(Exchange exchange, Mark start, Mark end, Phase products, Phase offers) {
    double wall() {
      return (end.nanos() - start.nanos()) / 1e9;
    }
  }

  /** Both exchanges and what was read around them: product table checksums, userstat's changed rows, /proc. */
  record Measured(Run first, Run second, Map<String, Long> checksumsBefore, Map<String, Long> checksumsAfter,
      Map<String, long[]> changedRows, Map<Long, Proc> procsStart, Map<Long, Proc> procsEnd) {}

  /** The checks' findings and the counts they were made from. */
  record Checks(Problems lost, Problems wrote, long linked, long inShop, long demo, long priced, Set<String> productTables) {}

  /** The machine's load and the other java/mvn processes before and after (the machine is shared). */
  record Machine(String loadStart, String loadEnd, List<String> psStart, List<String> psEnd) {}

  @Test
  @Timeout(value = 4, unit = TimeUnit.HOURS)
  void generatedCatalogIntoARealOpenCart41Shop() throws Exception {
    int n = Integer.getInteger("bench.products", 50_000);
    String property = System.getProperty("ocbridge.realshop", "");
    assumeTrue(!property.isBlank(), "the real-shop benchmark runs through scripts/bench-realshop (its own harness"
        + " instance, passed as -Docbridge.realshop): it must not use the shared test shops");
    Path descriptor = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isRegularFile(descriptor)) {
      throw new AssertionError("no harness descriptor at " + descriptor + " (scripts/bench-realshop stands it up)");
    }
    JsonObject desc = new JsonObject(Files.readString(descriptor, StandardCharsets.UTF_8));
    Path stateDir = ownInstance(descriptor, desc);
    int clockTicks = BenchProcesses.readClockTicks();
    int sampleMillis = Integer.getInteger("bench.sampleMillis", n < 10_000 ? 1000 : 2000);

    // bench.out: the caller's target/ (scripts/bench-realshop runs Maven in a private copy of the project)
    Path out = Path.of(System.getProperty("bench.out", RealShops.projectRoot().resolve("target").toString()));
    Catalog catalog = generate(out.resolve("bench-realshop"), n);

    // ---------------------------------------------------------------- shop, monitor, bridge
    begin(KEY, String.format(Locale.ROOT, "benchmark (%,d products)", n));
    JsonObject maria = desc.getJsonObject("mariadb", new JsonObject());
    monitor = new BenchMonitor(shop, maria);
    BenchProcesses procs = new BenchProcesses(stateDir, KEY, startBridgeFindingItsPostgres(), clockTicks);
    List<String> psStart = BenchProcesses.otherJavaAndMaven();
    String loadStart = BenchProcesses.loadAverage();
    sampler = new BenchSampler(sampleMillis, monitor, procs,
        new BenchSampler.AccessLog(stateDir.resolve("logs/nginx-access.log")));
    sampler.start();
    Measured measured = exchangeTwice(catalog.files());
    Machine machine = new Machine(loadStart, BenchProcesses.loadAverage(), psStart, BenchProcesses.otherJavaAndMaven());
    Checks checks = check(n, measured);

    Setup setup = new Setup(n, shop, CONCURRENCY, maria, stateDir, sampleMillis);
    String report = new BenchReport(setup, sampler, monitor, procs).render(catalog, measured, checks, machine);
    System.out.print(report);
    Files.createDirectories(out);
    Files.writeString(out.resolve("bench-realshop.txt"), report, StandardCharsets.UTF_8);
    monitor.close();
    Map<String, Problems> all = new LinkedHashMap<>();
    all.put("first exchange", checks.lost());
    all.put("second exchange", checks.wrote());
    assertNoProblems(all);
  }

  /** The harness instance of the descriptor: never the shared test shops. */
  private static Path ownInstance(Path descriptor, JsonObject desc) {
    Path stateDir = Path.of(desc.getString("dir", descriptor.getParent().toString())).toAbsolutePath().normalize();
    if (descriptor.equals(RealShops.DEFAULT_DESCRIPTOR) || stateDir.equals(SHARED_DIR)) {
      throw new AssertionError("refusing to benchmark on the shared test shops (" + descriptor + "): use scripts/bench-realshop");
    }
    RealShop chosen = RealShops.get(KEY);
    if (chosen.stateDir() == null || !chosen.stateDir().toAbsolutePath().normalize().equals(stateDir)) {
      throw new AssertionError("the harness gave " + chosen + " from " + chosen.stateDir() + ", not from " + stateDir);
    }
    return stateDir;
  }

  /** The catalog, in target/. */
  private static Catalog generate(Path dir, int n) throws IOException {
    deleteTree(dir);
    long g0 = System.nanoTime();
    GeneratedCatalog.Generated g = GeneratedCatalog.write(dir.resolve("1c"), n, ThreadLocalRandom.current().nextInt(1 << 20), PICTURES);
    double generated = secondsSince(g0);
    long offers = countLines(g.offersFile(), "<Предложение>");
    long oneKind = 0;
    long twoKinds = 0;
    for (int i = 0; i < n; i++) {
      if (GeneratedCatalog.kinds(i) == 1) oneKind++;
      if (GeneratedCatalog.kinds(i) == 2) twoKinds++;
    }
    long pictured = PICTURES ? (n + 1L) / 5 : 0; // GeneratedCatalog: every 5th product (index 4, 9, …)
    long pictureBytes = 0;
    for (Path p : g.pictures().values()) pictureBytes += Files.size(p);
    return new Catalog(g, dir, generated, offers, oneKind, twoKinds, pictured, pictureBytes);
  }

  /** Starts the bridge; its embedded PostgreSQL is the postmaster that was not there before (-1 if none). */
  private long startBridgeFindingItsPostgres() throws Exception {
    Set<Long> postmastersBefore = BenchProcesses.postmasters(Proc.scan());
    startBridge(CONCURRENCY, null);
    Set<Long> postmastersAfter = BenchProcesses.postmasters(Proc.scan());
    postmastersAfter.removeAll(postmastersBefore);
    return postmastersAfter.stream().max(Long::compare).orElse(-1L);
  }

  /** The same files twice; around the second, the product tables' checksums and userstat's rows changed. */
  private Measured exchangeTwice(GeneratedCatalog.Generated g) throws Exception {
    Map<Long, Proc> procsStart = Proc.scan();
    try {
      Run first = exchangeOnce("first exchange", g);
      Map<Long, Proc> procsEnd = Proc.scan();
      sampler.phase("checksums");
      Map<String, Long> checksumsBefore = shop.productTablesChecksum();
      monitor.execute("SET GLOBAL userstat = ON");
      monitor.execute("FLUSH TABLE_STATISTICS");
      Run second = exchangeOnce("second exchange", g);
      Map<String, long[]> changedRows = monitor.changedRows();
      monitor.execute("SET GLOBAL userstat = OFF");
      sampler.phase("checksums");
      Map<String, Long> checksumsAfter = shop.productTablesChecksum();
      return new Measured(first, second, checksumsBefore, checksumsAfter, changedRows, procsStart, procsEnd);
    } finally {
      sampler.finish();
    }
  }

  /** Nothing lost in the first exchange; nothing written by the second. */
  private Checks check(int n, Measured m) {
    Problems lost = new Problems();
    checkReplies(m.first().exchange(), lost);
    checkJobs(m.first().exchange(), lost, NO_ERRORS);
    long linked = shop.count("SELECT COUNT(*) FROM {p}ocbridge_link WHERE entity = 'product'");
    long inShop = shop.count("SELECT COUNT(*) FROM {p}product");
    long demo = fresh.products.size();
    lost.equal((long) n, linked, "products in the shop", "linked products (oc_ocbridge_link, entity product)");
    lost.equal((long) n, inShop - demo, "products in the shop", "oc_product rows beyond the fresh shop's " + demo);
    JsonObject catalogJob = m.first().exchange().job("import.xml");
    lost.equal((long) n, catalogJob == null ? null : catalogJob.getJsonObject("counts").getLong("created"),
        "job counts", "created of import.xml");
    long priced = shop.count("SELECT COUNT(*) FROM {p}ocbridge_link l JOIN {p}product p ON p.product_id = l.entity_id"
        + " WHERE l.entity = 'product' AND p.price > 0");
    lost.equal((long) n, priced, "offers applied", "linked products with a price");
    Problems wrote = new Problems();
    checkReplies(m.second().exchange(), wrote);
    checkJobs(m.second().exchange(), wrote, NO_ERRORS);
    checkWroteNothing(m.second().exchange(), wrote);
    compareChecksums(m.checksumsBefore(), m.checksumsAfter(), wrote);
    Set<String> productTables = new HashSet<>();
    for (String t : RealShop.PRODUCT_TABLES) productTables.add(shop.db().prefix() + t);
    m.changedRows().forEach((table, rows) -> wrote.check(!productTables.contains(table), "product rows written (userstat)",
        () -> table + ": " + rows[0] + " rows changed"));
    return new Checks(lost, wrote, linked, inShop, demo, priced, productTables);
  }

  // ------------------------------------------------------------------ the exchange, measured

  /** checkauth, init, import.xml with its pictures, offers.xml, complete: as in RealShopGeneratedCatalogTest. */
  private Run exchangeOnce(String label, GeneratedCatalog.Generated g) throws Exception {
    OneCExchangeClient c = new OneCExchangeClient(exchangeUrl, "catalog", true);
    List<StepReply> replies = new ArrayList<>();
    sampler.phase(label);
    Mark start = sampler.mark();
    replies.add(new StepReply("checkauth", c.checkauth(TestConfig.USER, TestConfig.PASSWORD)));
    replies.add(new StepReply("init", c.init()));
    Phase products;
    Phase offers;
    if (ZIP) {
      products = phase(label, "import.xml", c, replies, zipOf(g), "catalog.zip", List.of());
      offers = phase(label, "offers.xml", c, replies, null, "offers.xml", List.of());
    } else {
      products = phase(label, "import.xml", c, replies, g.importFile(), "import.xml", g.pictureUploads());
      offers = phase(label, "offers.xml", c, replies, g.offersFile(), "offers.xml", List.of());
    }
    replies.add(new StepReply("complete", c.call("complete", "")));
    Mark end = sampler.mark();
    // the run's end job (a full catalog's deactivation) runs after complete's answer, outside the timed exchange
    Exchange x = new Exchange(label, replies, finishedRun("catalog"), (end.nanos() - start.nanos()) / 1e9);
    exchanges.add(x);
    System.out.printf(Locale.ROOT, "[bench] %s in %.1f s:%n%s", label, x.seconds(), jobsSummary(x, 5));
    return new Run(x, start, end, products, offers);
  }

  /** One zip of the whole package (written once per benchmark, next to the files). */
  private static Path zipOf(GeneratedCatalog.Generated g) throws IOException {
    Path zip = g.importFile().resolveSibling("catalog.zip");
    if (Files.exists(zip)) return zip;
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path f : List.of(g.importFile(), g.offersFile())) {
        out.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
      for (Map.Entry<String, Path> p : g.pictureUploads()) {
        out.putNextEntry(new java.util.zip.ZipEntry(p.getKey()));
        Files.copy(p.getValue(), out);
        out.closeEntry();
      }
    }
    return zip;
  }

  /** Uploads {@code file} as {@code uploadName} (none when null), then imports {@code name}. */
  private Phase phase(String label, String name, OneCExchangeClient c, List<StepReply> replies, Path file,
      String uploadName, List<Map.Entry<String, Path>> pictures) throws Exception {
    sampler.phase(label + ", upload " + name);
    Mark start = sampler.mark();
    if (file != null) replies.add(new StepReply("file " + uploadName, c.upload(file, uploadName)));
    for (Map.Entry<String, Path> p : pictures) {
      OneCExchangeClient.Reply r = c.upload(p.getValue(), p.getKey());
      // the replies of thousands of pictures: only those that are not success are worth keeping
      if (!r.first().trim().equals("success")) replies.add(new StepReply("file " + p.getKey(), r));
    }
    // while the shop imports, the sampler counts what this file fills: linked products, or products with a price
    sampler.phase(label + ", import " + name, name.equals("import.xml") ? BenchSampler.LINKED : BenchSampler.PRICED);
    Mark uploaded = sampler.mark();
    replies.add(new StepReply("import " + name, importFile(c, name)));
    Mark end = sampler.mark();
    sampler.phase(label, BenchSampler.NONE);
    System.out.printf(Locale.ROOT, "[bench] %s %s: upload %.1f s, import %.1f s%n", label, name,
        (uploaded.nanos() - start.nanos()) / 1e9, (end.nanos() - uploaded.nanos()) / 1e9);
    return new Phase(name, start, uploaded, end, pictures.size());
  }

  /** The progress loop, as 1C runs it (each call waits up to ~2 s in the bridge). */
  private static OneCExchangeClient.Reply importFile(OneCExchangeClient c, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(Integer.getInteger("bench.importTimeoutMinutes", 180)).toNanos();
    while (true) {
      OneCExchangeClient.Reply r = c.call("import", "&filename=" + OneCExchangeClient.enc(name));
      if (!r.first().equals("progress") || System.nanoTime() > deadline) return r;
      Thread.sleep(200);
    }
  }

  // ------------------------------------------------------------------ small things

  private static long countLines(Path file, String prefix) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.startsWith(prefix)).count();
    }
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
