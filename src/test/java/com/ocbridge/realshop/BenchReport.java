package com.ocbridge.realshop;

import static com.ocbridge.realshop.BenchSampler.at;
import static com.ocbridge.realshop.BenchSampler.crossing;

import com.ocbridge.realshop.BenchProcesses.Proc;
import com.ocbridge.realshop.BenchSampler.Cpu;
import com.ocbridge.realshop.BenchSampler.Mark;
import com.ocbridge.realshop.BenchSampler.Sample;
import com.ocbridge.realshop.RealShopBenchmark.Catalog;
import com.ocbridge.realshop.RealShopBenchmark.Checks;
import com.ocbridge.realshop.RealShopBenchmark.Machine;
import com.ocbridge.realshop.RealShopBenchmark.Measured;
import com.ocbridge.realshop.RealShopBenchmark.Phase;
import com.ocbridge.realshop.RealShopBenchmark.Run;
import com.ocbridge.realshop.RealShopBenchmark.Setup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@link RealShopBenchmark}'s report (target/bench-realshop.txt): the per-phase tables (wall time and
 * products/s), MariaDB statements per product, the shop API requests, the rate per tenth of each phase, the jobs, what
 * the second exchange wrote, CPU seconds per process and the machine. It only formats what the scenario measured (the
 * {@link BenchSampler} samples and marks, the {@link BenchProcesses} accounting); it is a class of its own so that the
 * scenario reads as the scenario, and because the report's layout is what people compare from run to run: a section or
 * line changed here is a change of the benchmark's output.
 */
final class BenchReport {
  private static final List<String> MAIN_STATUS = List.of("Questions", "Com_select", "Com_insert", "Com_update",
      "Com_delete", "Com_replace");
  private static final Pattern OP = Pattern.compile("\"[A-Z]+ [^\" ]*[?&]op=([A-Za-z0-9_.]+)[^\"]*\" (\\d{3}) ");

  private final StringBuilder report = new StringBuilder();
  private final Setup setup;
  private final BenchSampler sampler;
  private final BenchMonitor monitor;
  private final BenchProcesses procs;

  BenchReport(Setup setup, BenchSampler sampler, BenchMonitor monitor, BenchProcesses procs) {
    this.setup = setup;
    this.sampler = sampler;
    this.monitor = monitor;
    this.procs = procs;
  }

  /** The whole report. */
  String render(Catalog c, Measured m, Checks k, Machine machine) throws IOException {
    int n = setup.n();
    header(c, k.demo());
    line("");
    phases(m.first(), n, c.offers());
    statements(m.first(), n);
    requests(m.first());
    fill(m.first(), n);
    line("");
    line("nothing lost");
    line("  products in the shop: %,d linked, oc_product %,d = %d demo + %,d; with their offer applied (price > 0): %,d;"
        + " expected %,d", k.linked(), k.inShop(), k.demo(), k.inShop() - k.demo(), k.priced(), n);
    jobs(m.first());
    line("");
    secondExchange(m, k, n, c.offers());
    line("");
    cpu(m);
    line("");
    machine(machine);
    line("");
    line("checks: nothing lost %s; second exchange wrote nothing %s", k.lost().isEmpty() ? "OK" : "FAILED ("
        + k.lost().count() + " problems)", k.wrote().isEmpty() ? "OK" : "FAILED (" + k.wrote().count() + " problems)");
    if (!k.lost().isEmpty()) report.append(k.lost().report(5));
    if (!k.wrote().isEmpty()) report.append(k.wrote().report(5));
    return report.toString();
  }

  private void header(Catalog c, long demo) throws IOException {
    JsonObject maria = setup.maria();
    line("real-shop catalog benchmark: %,d products into %s at opencart.concurrency=%d, exchanged as 1C does (modern"
        + " client, file_limit 1 MB, %s)", setup.n(), setup.shop(), setup.concurrency(),
        Boolean.getBoolean("bench.zip") ? "the package as one zip" : "file by file, each picture its own upload");
    line("  catalog: %,d with variants (%,d one kind, %,d two kinds), %,d offers; %,d products with %,d pictures (%,d KB);"
        + " import.xml %.1f MB, offers.xml %.1f MB; generated into %s in %.1f s", c.oneKind() + c.twoKinds(), c.oneKind(),
        c.twoKinds(), c.offers(), c.pictured(), c.files().pictures().size(), c.pictureBytes() >> 10,
        mb(c.files().importFile()), mb(c.files().offersFile()), c.dir(), c.seconds());
    line("  shop: MariaDB %s on %s:%d (own instance %s), PHP-FPM %d workers, nginx; harness up %s s before the JVM;"
        + " fresh shop has %d demo products", monitor.version, maria.getString("host"), maria.getInteger("port"),
        setup.stateDir(), procs.fpmWorkers(), Integer.getInteger("bench.harnessUpSeconds", -1), demo);
    line("  bridge in-process: JVM %s, max heap %d MB, peak used heap %d MB; %d cores; sampled every %d ms",
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, sampler.peakHeap >> 20,
        Runtime.getRuntime().availableProcessors(), setup.sampleMillis());
  }

  private void secondExchange(Measured m, Checks k, int n, long offers) throws IOException {
    Run second = m.second();
    line("second exchange of the same files (and pictures)");
    phases(second, n, offers);
    statements(second, n);
    requests(second);
    jobs(second);
    Map<String, Long> w = Mark.delta(second.start(), second.end());
    line("  MariaDB writes during it (all tables): Com_insert %d, Com_update %d, Com_delete %d, Com_replace %d;"
        + " table rows written %d / updated %d / deleted %d (Handler_*)", w.get("Com_insert"), w.get("Com_update"),
        w.get("Com_delete"), w.get("Com_replace"), w.get("Handler_write"), w.get("Handler_update"), w.get("Handler_delete"));
    List<String> changed = new ArrayList<>();
    m.changedRows().forEach((t, r) -> changed.add(t + " " + r[0] + (k.productTables().contains(t) ? " (PRODUCT TABLE)" : "")));
    line("  rows changed per table (MariaDB userstat, TABLE_STATISTICS.ROWS_CHANGED): %s",
        changed.isEmpty() ? "none" : String.join(", ", changed));
    long tables = m.checksumsBefore().keySet().stream().filter(t -> !t.endsWith(" rows")).count();
    line("  CHECKSUM TABLE … EXTENDED of the %d product tables (and their row counts): %s", tables,
        m.checksumsBefore().equals(m.checksumsAfter()) ? "unchanged" : "CHANGED");
  }

  private void machine(Machine m) {
    line("machine");
    line("  load average at start %s, at end %s; highest 1-minute load sampled during the run %.2f", m.loadStart(),
        m.loadEnd(), sampler.maxLoad);
    line("  other java/mvn processes at start: %s", m.psStart().isEmpty() ? "none" : m.psStart().size());
    m.psStart().forEach(s -> line("    %s", s));
    line("  other java/mvn processes at end: %s", m.psEnd().isEmpty() ? "none" : m.psEnd().size());
    m.psEnd().forEach(s -> line("    %s", s));
    line("  monitoring cost: %,d samples, %.1f s wall and %.1f s of the JVM's CPU for the sampling queries and /proc"
        + " reads (included in the bridge JVM's CPU above); the sampled COUNT queries took %.1f s in MariaDB (an upper"
        + " bound of its CPU for them)", sampler.count, sampler.nanos / 1e9, sampler.cpuNanos / 1e9,
        monitor.countNanos / 1e9);
  }

  private void phases(Run r, int n, long offers) {
    line("  %-36s %9s %9s %9s %12s %14s", "phase", "wall s", "upload s", "import s", "products/s", "(incl. upload)");
    for (Phase p : List.of(r.products(), r.offers())) {
      String what = p.file().equals("import.xml") ? "import.xml (products)" : "offers.xml (prices, stock, options)";
      String extra = p.pictures() > 0 ? String.format(Locale.ROOT, "  upload = import.xml + %,d pictures", p.pictures())
          : String.format(Locale.ROOT, "  %,.0f offers/s", offers / p.importing());
      line("  %-36s %9.1f %9.1f %9.1f %12.1f %14.1f%s", what, p.wall(), p.upload(), p.importing(), n / p.importing(),
          n / p.wall(), extra);
    }
    line("  %-36s %9.1f %9s %9s %12s %14.1f", "whole exchange (checkauth..complete)", r.wall(), "", "", "", n / r.wall());
  }

  private void statements(Run r, int n) {
    line("  MariaDB statements per product (SHOW GLOBAL STATUS deltas / %,d; the benchmark's own statements subtracted):", n);
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "    %-30s", ""));
    for (String s : MAIN_STATUS) h.append(String.format(Locale.ROOT, " %12s", s));
    h.append(String.format(Locale.ROOT, " %12s", "commits"));
    line("%s", h);
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    rows.put("import.xml", Mark.delta(r.products().start(), r.products().end()));
    rows.put("offers.xml", Mark.delta(r.offers().start(), r.offers().end()));
    rows.put("whole exchange", Mark.delta(r.start(), r.end()));
    rows.forEach((name, d) -> {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    %-30s", name + " per product"));
      for (String s : MAIN_STATUS) sb.append(String.format(Locale.ROOT, " %12.2f", d.get(s) / (double) n));
      sb.append(String.format(Locale.ROOT, " %12.2f", d.get("Com_commit") / (double) n));
      line("%s", sb);
    });
    rows.forEach((name, d) -> {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    %-30s", name + " total"));
      for (String s : MAIN_STATUS) sb.append(String.format(Locale.ROOT, " %,12d", d.get(s)));
      sb.append(String.format(Locale.ROOT, " %,12d", d.get("Com_commit")));
      line("%s", sb);
    });
    Map<String, Long> w = Mark.delta(r.start(), r.end());
    line("    whole exchange also: Com_insert_select %,d, Com_update_multi %,d, Com_delete_multi %,d, Com_begin %,d,"
        + " Com_rollback %,d; InnoDB row lock waits %,d, deadlocks %,d", w.get("Com_insert_select"),
        w.get("Com_update_multi"), w.get("Com_delete_multi"), w.get("Com_begin"), w.get("Com_rollback"),
        w.get("Innodb_row_lock_waits"), w.get("Innodb_deadlocks"));
    rows.forEach((name, d) -> line("    table rows %-22s written %,d, updated %,d, deleted %,d (Handler_*: %.1f / %.1f / %.1f"
        + " per product)", name + ":", d.get("Handler_write"), d.get("Handler_update"), d.get("Handler_delete"),
        d.get("Handler_write") / (double) n, d.get("Handler_update") / (double) n, d.get("Handler_delete") / (double) n));
  }

  private void requests(Run r) throws IOException {
    for (Phase p : List.of(r.products(), r.offers())) {
      Map<String, Integer> ops = new TreeMap<>();
      Map<String, Integer> codes = new TreeMap<>();
      for (String l : sampler.accessLog().lines(p.start().accessLog(), p.end().accessLog())) {
        Matcher m = OP.matcher(l);
        if (m.find()) {
          ops.merge(m.group(1), 1, Integer::sum);
          codes.merge(m.group(2), 1, Integer::sum);
        }
      }
      long calls = ops.values().stream().mapToLong(Integer::longValue).sum();
      Map<String, Long> d = Mark.delta(p.start(), p.end());
      line("  shop API requests during %s (nginx access log): %,d %s, HTTP %s; %.0f statements per request", p.file(), calls,
          ops, codes, calls == 0 ? 0.0 : d.get("Questions") / (double) calls);
    }
  }

  private void fill(Run r, int n) {
    line("");
    line("cost as the shop fills: each tenth of the products (import.xml: linked products; offers.xml: products with"
        + " their offer applied, i.e. a price), times interpolated between samples");
    fillOf(r.products(), n, "products", Sample::linked);
    fillOf(r.offers(), n, "offers applied", Sample::priced);
  }

  private void fillOf(Phase p, int n, String what, ToDoubleFunction<Sample> metric) {
    List<Sample> series = sampler.between(p.uploaded().nanos(), p.end().nanos());
    double t0 = p.uploaded().nanos() / 1e9;
    double tEnd = p.end().nanos() / 1e9;
    double v0 = metric.applyAsDouble(series.get(0));
    double reached = metric.applyAsDouble(series.get(series.size() - 1)) - v0;
    double first = crossing(series, metric, v0 + 1);
    double last = crossing(series, metric, v0 + Math.min(reached, n));
    line("  %s (%s): %,.0f of %,d reached; the first %.1f s after the import call started, the last %.1f s before"
        + " the job answered success (%d samples)", p.file(), what, reached, n, first - t0, tEnd - last, series.size());
    if (reached < n / 10.0 || series.size() < 4) {
      line("    too few samples or too little progress for tenths");
      return;
    }
    line("    %-6s %9s %9s %12s %10s %14s %12s %12s %7s", "tenth", "items", "seconds", "items/s", "ms/100",
        "stmts/item", "ours cores", "other cores", "load1");
    int tenths = (int) Math.min(10, Math.floor(reached * 10 / n));
    double prevT = first;
    double prevLevel = v0;
    double firstRate = 0;
    double lastRate = 0;
    for (int k = 1; k <= tenths; k++) {
      double level = v0 + Math.round(k * n / 10.0);
      double t = crossing(series, metric, level);
      double items = level - prevLevel;
      double s = Math.max(t - prevT, 1e-9);
      double q = at(series, t, x -> x.status().get("Questions")) - at(series, prevT, x -> x.status().get("Questions"));
      double ours = (at(series, t, Sample::ours) - at(series, prevT, Sample::ours)) / procs.clockTicks() / s;
      double machine = (at(series, t, Sample::machineBusy) - at(series, prevT, Sample::machineBusy)) / procs.clockTicks() / s;
      double load = at(series, (t + prevT) / 2, Sample::load1);
      double rate = items / s;
      if (k == 1) firstRate = rate;
      lastRate = rate;
      line("    %-6d %,9.0f %9.1f %12.1f %10.0f %14.1f %12.2f %12.2f %7.2f", k, items, s, rate, 100_000 / rate,
          q / items, ours, Math.max(0, machine - ours), load);
      prevT = t;
      prevLevel = level;
    }
    line("    first tenth %.1f/s, last tenth %.1f/s: last/first = %.2f%s", firstRate, lastRate, lastRate / firstRate,
        tenths < 10 ? " (only " + tenths + " tenths reached)" : "");
  }

  private void jobs(Run r) {
    JsonArray jobs = r.exchange().jobs();
    long busy = 0;
    long failed = 0;
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      JsonObject counts = job.getJsonObject("counts", new JsonObject());
      busy += counts.getLong("busyRetries", 0L);
      failed += counts.getLong("failed", 0L);
      line("  job %s: %s in %s, attempts %s, counts %s, %d error(s) listed", job.getString("file"), job.getString("state"),
          jobSeconds(job), job.getValue("attempts"), counts.encode(), job.getJsonArray("errors", new JsonArray()).size());
      JsonArray errors = job.getJsonArray("errors", new JsonArray());
      if (!errors.isEmpty()) line("    reasons %s", RealShopScenario.reasons(job));
    }
    line("  failed items %d, busyRetries %d (GET /api/v1/exchanges/%s)", failed, busy, r.exchange().run().getString("id"));
  }

  private void cpu(Measured m) {
    Run first = m.first();
    Run second = m.second();
    Map<Long, Proc> procsStart = m.procsStart();
    Map<Long, Proc> procsEnd = m.procsEnd();
    line("CPU seconds (from /proc/<pid>/stat, utime + stime, children included; %d cores)", Runtime.getRuntime().availableProcessors());
    line("  %-62s %16s %16s", "", "first exchange", "second exchange");
    line("  %-62s %16.1f %16.1f", "wall", first.wall(), second.wall());
    Cpu a0 = first.start().sample().cpu();
    Cpu a1 = first.end().sample().cpu();
    Cpu b0 = second.start().sample().cpu();
    Cpu b1 = second.end().sample().cpu();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("mariadb", "MariaDB (mariadbd)");
    names.put("fpm", "PHP-FPM (master + " + procs.fpmWorkers() + " workers)");
    names.put("nginx", "nginx");
    names.put("jvm", "bridge JVM (bridge + 1C client + this benchmark's sampling)");
    names.put("pg", "embedded PostgreSQL of the bridge (pid " + procs.postmaster() + ")");
    names.put("ours", "sum of the above");
    names.put("machine", "machine busy (all CPUs, /proc/stat)");
    names.put("others", "everything else on the machine");
    names.put("shared", "  of which other scripts/realshop instances " + procs.otherHarnesses().stream().map(Path::toString).toList());
    names.forEach((key, label) -> line("  %-62s %16.1f %16.1f", label, (a1.get(key) - a0.get(key)) / (double) procs.clockTicks(),
        (b1.get(key) - b0.get(key)) / (double) procs.clockTicks()));
    // the other processes that used the CPU during the first exchange (alive at its start and end)
    Set<Long> ours = new HashSet<>(a1.pids());
    // the Maven (and shell) that started this JVM are the benchmark's own, not "something else"
    for (ProcessHandle h = ProcessHandle.current(); h != null; h = h.parent().orElse(null)) ours.add(h.pid());
    List<long[]> top = new ArrayList<>();
    procsEnd.forEach((pid, p) -> {
      Proc s = procsStart.get(pid);
      if (s != null && s.start() == p.start() && !ours.contains(pid)) {
        long d = p.ticks() + p.childTicks() - s.ticks() - s.childTicks();
        if (d > 0) top.add(new long[] {pid, d, p.childTicks() - s.childTicks()});
      }
    });
    top.sort(Comparator.comparingLong((long[] x) -> x[1]).reversed());
    List<String> shown = new ArrayList<>();
    for (long[] t : top.subList(0, Math.min(8, top.size()))) {
      Proc p = procsEnd.get(t[0]);
      shown.add(String.format(Locale.ROOT, "%6.1f s  %s[%d]%s  %s", t[1] / (double) procs.clockTicks(), p.comm(), t[0],
          t[2] > 0 ? String.format(Locale.ROOT, " (%.1f s of it by children that ended)", t[2] / (double) procs.clockTicks()) : "",
          BenchProcesses.cmdline(t[0])));
    }
    line("  other processes by CPU during the first exchange (alive at its start and end):%s", shown.isEmpty() ? " none" : "");
    shown.forEach(x -> line("    %s", x));
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String jobSeconds(JsonObject job) {
    try {
      Duration d = Duration.between(OffsetDateTime.parse(job.getString("startedAt")), OffsetDateTime.parse(job.getString("finishedAt")));
      return String.format(Locale.ROOT, "%.1f s (job's own clock)", d.toMillis() / 1000.0);
    } catch (RuntimeException e) {
      return "? s";
    }
  }

  private static double mb(Path p) throws IOException {
    return Files.size(p) / 1e6;
  }
}
