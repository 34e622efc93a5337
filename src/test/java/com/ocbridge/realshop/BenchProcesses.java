package com.ocbridge.realshop;

import com.ocbridge.realshop.BenchSampler.Cpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process and CPU accounting of {@link RealShopBenchmark}, read from /proc: the machine is shared, so the benchmark
 * cannot take the machine's load as its own; it adds up the CPU ticks of the processes that make up the system under
 * test (MariaDB, PHP-FPM and nginx of its own harness instance, the bridge JVM, the bridge's embedded PostgreSQL) and
 * tells them apart from everything else, including the other scripts/realshop instances and other java/mvn processes.
 * Kept apart from the scenario because it is all Linux plumbing (/proc/&lt;pid&gt;/stat fields, pid files, ps).
 */
final class BenchProcesses {
  private final Path stateDir;
  private final String key;
  private final long postmaster;
  private final int clockTicks;

  /**
   * @param stateDir the benchmark's own harness instance (its run/ holds the pid files)
   * @param key the shop, whose PHP-FPM pool is run/fpm-KEY.pid
   * @param postmaster the bridge's embedded PostgreSQL, -1 if not found
   * @param clockTicks {@link #readClockTicks()}
   */
  BenchProcesses(Path stateDir, String key, long postmaster, int clockTicks) {
    this.stateDir = stateDir;
    this.key = key;
    this.postmaster = postmaster;
    this.clockTicks = clockTicks;
  }

  long postmaster() {
    return postmaster;
  }

  int clockTicks() {
    return clockTicks;
  }

  /** One process of /proc: utime + stime and cutime + cstime in clock ticks, start time to tell reused pids apart. */
  record Proc(long pid, long ppid, String comm, long ticks, long childTicks, long start) {
    static Map<Long, Proc> scan() {
      Map<Long, Proc> all = new HashMap<>();
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
        for (Path d : dirs) {
          Proc p = read(Long.parseLong(d.getFileName().toString()));
          if (p != null) all.put(p.pid(), p);
        }
      } catch (IOException e) {
        // no /proc: no CPU figures
      }
      return all;
    }

    static Proc read(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).split(" ");
        // f[0] is field 3 (state): ppid 4, utime 14, stime 15, cutime 16, cstime 17, starttime 22
        return new Proc(pid, Long.parseLong(f[1]), stat.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]),
            Long.parseLong(f[13]) + Long.parseLong(f[14]), Long.parseLong(f[19]));
      } catch (IOException | RuntimeException e) {
        return null; // gone meanwhile
      }
    }
  }

  /**
   * CPU ticks per group at one moment: ours (MariaDB, PHP-FPM, nginx, this JVM, the bridge's PostgreSQL), the machine
   * busy, everything else, and of that the other harness instances.
   */
  Cpu cpu(Map<Long, Proc> procs) {
    Map<Long, List<Long>> children = new HashMap<>();
    procs.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid()));
    Map<String, Long> groups = new LinkedHashMap<>();
    Set<Long> ours = new HashSet<>();
    Path run = stateDir.resolve("run");
    groups.put("mariadb", tree(procs, children, pidFile(run.resolve("mariadb.pid")), ours));
    groups.put("fpm", tree(procs, children, pidFile(run.resolve("fpm-" + key + ".pid")), ours));
    groups.put("nginx", tree(procs, children, pidFile(run.resolve("nginx.pid")), ours));
    long self = ProcessHandle.current().pid();
    Proc me = procs.get(self);
    groups.put("jvm", me == null ? 0 : me.ticks()); // its short-lived children (ps, getconf) are not the bridge
    ours.add(self);
    groups.put("pg", tree(procs, children, postmaster, ours));
    groups.put("ours", groups.values().stream().mapToLong(Long::longValue).sum());
    long machine = machineBusy();
    groups.put("machine", machine);
    groups.put("others", machine - groups.get("ours"));
    long shared = 0;
    for (Path other : otherHarnesses()) {
      try (Stream<Path> files = Files.list(other.resolve("run"))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
          shared += tree(procs, children, pidFile(f), new HashSet<>());
        }
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    groups.put("shared", shared);
    return new Cpu(groups, ours);
  }

  /** Other scripts/realshop instances on this machine (/tmp/ocbridge-*, marked as the harness's), not ours. */
  List<Path> otherHarnesses() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/tmp"), "ocbridge-*")) {
      for (Path d : dirs) {
        if (!d.toAbsolutePath().normalize().equals(stateDir) && Files.isRegularFile(d.resolve(".ocbridge-realshop"))
            && Files.isDirectory(d.resolve("run"))) {
          out.add(d);
        }
      }
    } catch (IOException e) {
      // none
    }
    out.sort(null);
    return out;
  }

  /** A process and all its descendants: own and reaped children's ticks. */
  private static long tree(Map<Long, Proc> procs, Map<Long, List<Long>> children, long root, Set<Long> pids) {
    Proc p = procs.get(root);
    if (p == null) return 0;
    pids.add(root);
    long sum = p.ticks() + p.childTicks();
    for (long c : children.getOrDefault(root, List.of())) sum += tree(procs, children, c, pids);
    return sum;
  }

  static String cmdline(long pid) {
    try {
      String c = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').trim();
      return c.length() > 110 ? c.substring(0, 110) + "…" : c;
    } catch (IOException e) {
      return "";
    }
  }

  static long pidFile(Path f) {
    try {
      return Long.parseLong(Files.readString(f).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static long machineBusy() {
    try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
      String[] f = r.readLine().trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal …: busy = all but idle and iowait
      long busy = 0;
      for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
        if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Postmasters: postgres processes whose parent is not a postgres process. */
  static Set<Long> postmasters(Map<Long, Proc> procs) {
    Set<Long> out = new HashSet<>();
    procs.values().forEach(p -> {
      Proc parent = procs.get(p.ppid());
      if (p.comm().equals("postgres") && (parent == null || !parent.comm().equals("postgres"))) out.add(p.pid());
    });
    return out;
  }

  int fpmWorkers() {
    long master = pidFile(stateDir.resolve("run/fpm-" + key + ".pid"));
    return (int) Proc.scan().values().stream().filter(p -> p.ppid() == master).count();
  }

  static int readClockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return Integer.parseInt(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "0 0 0";
    }
  }

  /** {@code ps} lines of java/mvn processes other than this JVM and the Maven that started it. */
  static List<String> otherJavaAndMaven() {
    Set<Long> mine = new HashSet<>();
    for (ProcessHandle h = ProcessHandle.current(); h != null; h = h.parent().orElse(null)) mine.add(h.pid());
    List<String> out = new ArrayList<>();
    try {
      Process p = new ProcessBuilder("ps", "-eo", "pid,etimes,pcpu,rss,args", "--no-headers").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      for (String l : text.split("\n")) {
        String[] f = l.trim().split("\\s+", 5);
        if (f.length < 5 || mine.contains(Long.parseLong(f[0]))) continue;
        String args = f[4];
        if (!args.matches("(^|.*[/ ])(java|mvn|mvnw)( .*|$)") && !args.contains("plexus-classworlds")) continue;
        out.add(String.format(Locale.ROOT, "pid %s, up %s s, %s %% CPU (lifetime), RSS %d MB: %s", f[0], f[1], f[2],
            Long.parseLong(f[3]) >> 10, args.length() > 160 ? args.substring(0, 160) + "…" : args));
      }
    } catch (IOException | RuntimeException e) {
      out.add("(ps failed: " + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }
}
