package com.ocbridge.realshop;

import com.ocbridge.realshop.BenchProcesses.Proc;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The sampling of {@link RealShopBenchmark}: a thread that every 1–2 s takes a {@link Sample} (the shop's count of
 * what the current phase fills, MariaDB's counters, CPU ticks per group of processes, the 1-minute load) and prints
 * progress every 30 s, plus {@link Mark}s taken at the phases' boundaries, and the interpolation between samples that
 * turns the series into "when was each tenth reached". It exists apart from the scenario because whether the cost stays
 * flat as the shop fills can only be seen from samples taken while the shop imports, and because the sampling itself
 * costs (its wall and CPU time are counted here and reported, so they can be told apart from the bridge's).
 */
final class BenchSampler extends Thread {
  static final int NONE = 0;
  static final int LINKED = 1;
  static final int PRICED = 2;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU ticks per group of processes at one moment, and the pids that made up "ours". */
  record Cpu(Map<String, Long> groups, Set<Long> pids) {
    long get(String key) {
      return groups.getOrDefault(key, 0L);
    }
  }

  record Sample(long nanos, long linked, long priced, Map<String, Long> status, Cpu cpu, double load1) {
    double ours() {
      return cpu.get("ours");
    }

    double machineBusy() {
      return cpu.get("machine");
    }
  }

  /** A point of a phase: a sample (shop counts, MariaDB counters, CPU) and the size of the shop's access log. */
  record Mark(Sample sample, long accessLog) {
    long nanos() {
      return sample.nanos();
    }

    /** The MariaDB counters from a to b. */
    static Map<String, Long> delta(Mark a, Mark b) {
      Map<String, Long> d = new HashMap<>();
      for (String s : BenchMonitor.STATUS) {
        d.put(s, b.sample().status().getOrDefault(s, 0L) - a.sample().status().getOrDefault(s, 0L));
      }
      return d;
    }
  }

  /** The shop's nginx access log: its size at a mark, and the lines between two marks (the shop API requests). */
  record AccessLog(Path file) {
    long size() {
      try {
        return Files.isRegularFile(file) ? Files.size(file) : 0;
      } catch (IOException e) {
        return 0;
      }
    }

    List<String> lines(long from, long to) throws IOException {
      if (!Files.isRegularFile(file) || to <= from) return List.of();
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        byte[] bytes = new byte[(int) Math.min(to - from, Integer.MAX_VALUE - 16)];
        f.seek(from);
        f.readFully(bytes);
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
      }
    }
  }

  private final BenchMonitor monitor;
  private final BenchProcesses procs;
  private final AccessLog accessLog;
  private final int millis;
  private volatile int counting = NONE;
  private final List<Sample> samples = new ArrayList<>();
  private volatile boolean stop;
  private volatile String phase = "start";
  volatile long peakHeap;
  volatile double maxLoad;
  long count;
  long nanos;
  long cpuNanos;
  private long lastPrint;
  private Sample printed;
  private Throwable failure;

  BenchSampler(int millis, BenchMonitor monitor, BenchProcesses procs, AccessLog accessLog) {
    super("bench-sampler");
    setDaemon(true);
    this.millis = millis;
    this.monitor = monitor;
    this.procs = procs;
    this.accessLog = accessLog;
  }

  AccessLog accessLog() {
    return accessLog;
  }

  /** A sample now, with the access log's size. */
  Mark mark() throws Exception {
    return new Mark(sampleNow(), accessLog.size());
  }

  void phase(String p) {
    phase = p;
  }

  synchronized void phase(String p, int count) {
    phase = p;
    counting = count;
  }

  @Override
  public void run() {
    while (!stop) {
      try {
        Sample s = sampleNow();
        if (System.nanoTime() - lastPrint > 30_000_000_000L) {
          long v = Math.max(s.linked(), s.priced());
          long before = printed == null ? -1 : Math.max(printed.linked(), printed.priced());
          String progress = v < 0 ? "" : String.format(Locale.ROOT, "%s %,d%s, ", s.linked() >= 0 ? "linked products"
              : "products with a price", v, before < 0 || (printed.linked() >= 0) != (s.linked() >= 0) ? ""
              : String.format(Locale.ROOT, " (%.0f/s since the last line)", (v - before) / ((s.nanos() - printed.nanos()) / 1e9)));
          System.out.printf(Locale.ROOT, "[bench] %s: %sload %.2f, heap %d MB%n", phase, progress, s.load1(),
              (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
          lastPrint = System.nanoTime();
          printed = s;
        }
        TimeUnit.MILLISECONDS.sleep(millis);
      } catch (InterruptedException e) {
        return;
      } catch (Exception | Error e) {
        failure = e;
        return;
      }
    }
  }

  synchronized Sample sampleNow() throws Exception {
    long t0 = System.nanoTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long n = monitor.count(counting);
    Map<String, Long> status = monitor.status();
    Cpu cpu = procs.cpu(Proc.scan());
    double load = Double.parseDouble(BenchProcesses.loadAverage().split(" ")[0]);
    Sample s = new Sample(System.nanoTime(), counting == LINKED ? n : -1, counting == PRICED ? n : -1, status, cpu, load);
    samples.add(s);
    Runtime rt = Runtime.getRuntime();
    peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
    maxLoad = Math.max(maxLoad, load);
    count++;
    nanos += System.nanoTime() - t0;
    cpuNanos += THREADS.getCurrentThreadCpuTime() - c0;
    return s;
  }

  synchronized List<Sample> between(long from, long to) {
    return samples.stream().filter(s -> s.nanos() >= from && s.nanos() <= to).toList();
  }

  void finish() throws InterruptedException {
    stop = true;
    interrupt();
    join(10_000);
    if (failure != null) throw new AssertionError("the sampler failed", failure);
  }

  /** The time at which the metric reached {@code level}, linear between samples. */
  static double crossing(List<Sample> series, ToDoubleFunction<Sample> metric, double level) {
    for (int i = 0; i < series.size(); i++) {
      double v = metric.applyAsDouble(series.get(i));
      if (v >= level) {
        if (i == 0) return series.get(0).nanos() / 1e9;
        Sample a = series.get(i - 1);
        double va = metric.applyAsDouble(a);
        double f = v == va ? 1 : (level - va) / (v - va);
        return (a.nanos() + f * (series.get(i).nanos() - a.nanos())) / 1e9;
      }
    }
    return series.get(series.size() - 1).nanos() / 1e9;
  }

  /** A value at time {@code t} (seconds), linear between samples. */
  static double at(List<Sample> series, double t, ToDoubleFunction<Sample> f) {
    Sample prev = series.get(0);
    if (t <= prev.nanos() / 1e9) return f.applyAsDouble(prev);
    for (Sample s : series) {
      if (s.nanos() / 1e9 >= t) {
        double ta = prev.nanos() / 1e9;
        double tb = s.nanos() / 1e9;
        double w = tb == ta ? 1 : (t - ta) / (tb - ta);
        return f.applyAsDouble(prev) + w * (f.applyAsDouble(s) - f.applyAsDouble(prev));
      }
      prev = s;
    }
    return f.applyAsDouble(prev);
  }
}
