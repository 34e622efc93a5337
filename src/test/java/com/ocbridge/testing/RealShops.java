package com.ocbridge.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenCart shops of the {@code scripts/realshop} harness (OpenCart 4.1.0.4 and 3.0.5.1 on MariaDB, PHP-FPM
 * and nginx), found through the harness's descriptor {@code shops.json}:
 *
 * <ol>
 *   <li>the file named by the system property {@code ocbridge.realshop}, if it exists;</li>
 *   <li>else {@code /tmp/ocbridge-realshop/shops.json}, if it exists (and its shops answer);</li>
 *   <li>else, when the OpenCart releases are there (system property {@code ocbridge.opencart}, default
 *       {@code ../shared/opencart} from the project root), {@code scripts/realshop up} once per JVM (output in
 *       {@code target/realshop-up.log}; a non-zero exit other than 3 fails the tests with its tail, 3 skips them);</li>
 *   <li>else the tests are skipped, saying where the releases were looked for.</li>
 * </ol>
 */
public final class RealShops {
  public static final Path DEFAULT_DESCRIPTOR = Path.of("/tmp/ocbridge-realshop/shops.json");
  private static final String RELEASES_DEFAULT = "../shared/opencart";

  private static List<RealShop> shops;
  private static String failure;
  private static String skip;

  private RealShops() {}

  /** Every shop of the harness; aborts (skips) the calling test when there are none, fails it when set-up failed. */
  public static synchronized List<RealShop> all() {
    if (shops == null && failure == null && skip == null) locate();
    if (failure != null) throw new AssertionError(failure);
    if (skip != null) abort(skip);
    return shops;
  }

  public static RealShop get(String key) {
    for (RealShop s : all()) {
      if (s.key().equals(key)) return s;
    }
    throw new AssertionError("the real-shop descriptor lists no shop '" + key + "' (it has "
        + all().stream().map(RealShop::key).toList() + ")");
  }

  /** The folder holding pom.xml and scripts/ (surefire runs in it; an IDE may run in a sub-folder). */
  public static Path projectRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("scripts"))) return d;
    }
    return dir;
  }

  public static Path harness() {
    return projectRoot().resolve("scripts/realshop");
  }

  /** The OpenCart releases folder the harness installs from. */
  public static Path releases() {
    String configured = System.getProperty("ocbridge.opencart", RELEASES_DEFAULT);
    Path p = Path.of(configured);
    return (p.isAbsolute() ? p : projectRoot().resolve(p)).normalize();
  }

  private static void locate() {
    String property = System.getProperty("ocbridge.realshop", "");
    if (!property.isBlank() && Files.isRegularFile(Path.of(property))) {
      load(Path.of(property), false);
      return;
    }
    if (Files.isRegularFile(DEFAULT_DESCRIPTOR)) {
      load(DEFAULT_DESCRIPTOR, true);
      return;
    }
    if (!hasReleases(releases())) {
      skip = "real-shop tests skipped: OpenCart releases not found at " + releases() + " (" + RELEASES_DEFAULT
          + "); set -Docbridge.opencart=<folder with opencart-4.1.0.4-upload.tar.gz> or -Docbridge.realshop=<shops.json>";
      return;
    }
    // someone (a developer, another build) is standing the shops up right now: two ups at once break each other
    waitForAnotherUp();
    if (Files.isRegularFile(descriptorAfterUp())) {
      load(descriptorAfterUp(), false);
      return;
    }
    if (up()) load(descriptorAfterUp(), false);
  }

  /** Waits (up to 30 minutes) while another {@code scripts/realshop up} runs on this machine. */
  private static void waitForAnotherUp() {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    boolean told = false;
    while (System.nanoTime() < deadline) {
      java.util.Optional<ProcessHandle> other = ProcessHandle.allProcesses().filter(RealShops::isHarnessUp).findFirst();
      if (other.isEmpty()) return;
      if (!told) {
        System.out.println("[realshop] another scripts/realshop up is running (pid " + other.get().pid() + "): waiting for it");
        told = true;
      }
      try {
        other.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        // look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        return;
      }
    }
  }

  private static boolean isHarnessUp(ProcessHandle p) {
    String[] args = p.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].endsWith("realshop") && args[i + 1].equals("up")) return true;
    }
    return false;
  }

  private static boolean hasReleases(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir, "opencart-*-upload.tar.gz")) {
      return list.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path descriptorAfterUp() {
    String property = System.getProperty("ocbridge.realshop", "");
    if (!property.isBlank() && Files.isRegularFile(Path.of(property))) return Path.of(property);
    return DEFAULT_DESCRIPTOR;
  }

  /** Reads the descriptor; a stale one (its shops do not answer) brings the harness up once more. */
  private static void load(Path descriptor, boolean mayRestart) {
    if (!Files.isRegularFile(descriptor)) {
      failure = "scripts/realshop up finished but wrote no descriptor at " + descriptor;
      return;
    }
    List<RealShop> found = new ArrayList<>();
    try {
      JsonObject json = new JsonObject(Files.readString(descriptor, StandardCharsets.UTF_8));
      JsonArray list = json.getJsonArray("shops", new JsonArray());
      String dir = json.getString("dir");
      Path stateDir = dir == null || dir.isBlank() ? descriptor.toAbsolutePath().getParent() : Path.of(dir);
      for (int i = 0; i < list.size(); i++) found.add(RealShop.fromJson(list.getJsonObject(i), harness(), stateDir));
    } catch (IOException | RuntimeException e) {
      failure = "cannot read the real-shop descriptor " + descriptor + ": " + e;
      return;
    }
    if (found.isEmpty()) {
      failure = "the real-shop descriptor " + descriptor + " lists no shops";
      return;
    }
    List<String> dead = found.stream().filter(s -> !s.reachable()).map(RealShop::toString).toList();
    if (!dead.isEmpty()) {
      if (mayRestart && hasReleases(releases()) && Files.isRegularFile(harness())) {
        System.out.println("[realshop] " + descriptor + " names shops that do not answer (" + dead + "): scripts/realshop up");
        if (up()) load(descriptorAfterUp(), false);
        return;
      }
      failure = "the real-shop descriptor " + descriptor + " names shops that do not answer: " + dead
          + " (scripts/realshop status / up)";
      return;
    }
    shops = List.copyOf(found);
    System.out.println("[realshop] shops from " + descriptor + ": " + shops);
  }

  private static boolean up() {
    if (!Files.isRegularFile(harness())) {
      skip = "real-shop tests skipped: OpenCart releases are at " + releases() + " but the harness " + harness()
          + " is missing";
      return false;
    }
    Path log = projectRoot().resolve("target/realshop-up.log");
    System.out.println("[realshop] no running shops: scripts/realshop up (log " + log + ")");
    long t0 = System.nanoTime();
    Result r = run(harness(), List.of("up"), Duration.ofMinutes(30), log);
    System.out.printf("[realshop] scripts/realshop up exited %d after %.0f s%n", r.exit(), (System.nanoTime() - t0) / 1e9);
    if (r.exit() == 0) return true;
    if (r.exit() == 3) {
      skip = "real-shop tests skipped: scripts/realshop up exited 3 (cannot stand the shops up here):\n" + r.tail();
    } else {
      failure = "scripts/realshop up failed (exit " + r.exit() + "), see " + log + ":\n" + r.tail();
    }
    return false;
  }

  /** What a harness command did. */
  public record Result(int exit, String tail) {
    public void orFail(String what) {
      if (exit != 0) throw new AssertionError(what + " failed (exit " + exit + "):\n" + tail);
    }
  }

  /** Runs the harness with arguments; output to {@code log} (or kept in memory), answers exit code and tail. */
  static Result run(Path harness, List<String> args, Duration timeout, Path log) {
    return run(harness, args, timeout, log, null);
  }

  /** The same against the harness instance whose state folder is {@code stateDir} (null = the default one). */
  static Result run(Path harness, List<String> args, Duration timeout, Path log, Path stateDir) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(harness.toString());
    command.addAll(args);
    try {
      Path out = log;
      if (out == null) {
        out = Files.createTempFile("realshop-" + args.get(0) + "-", ".log");
      } else {
        Files.createDirectories(out.getParent());
      }
      ProcessBuilder pb = new ProcessBuilder(command).directory(projectRoot().toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      Map<String, String> env = pb.environment();
      env.putIfAbsent("OCBRIDGE_OPENCART_DIR", releases().toString());
      // a descriptor of another instance (a benchmark's, say) must reset that instance, not the default one
      if (stateDir != null) env.put("OCBRIDGE_REALSHOP_DIR", stateDir.toString());
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s\n" + tail(out));
      }
      String tail = tail(out);
      if (log == null) Files.deleteIfExists(out);
      return new Result(p.exitValue(), tail);
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
