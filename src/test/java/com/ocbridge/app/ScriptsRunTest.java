package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/run} as issue 16 found it wanting: started from another folder it must find the project's
 * config.json, it must rebuild when anything bundled into the jar changed (the OpenAPI contract included) and only
 * then, and its output must be plain text. The script runs for real, in a copy of the project's layout, with
 * {@code mvn} and {@code java} replaced on the PATH by recorders, so no build runs inside the test.
 */
class ScriptsRunTest {
  @TempDir Path root;
  @TempDir Path elsewhere;

  @Test
  void fromAnotherFolderItUsesTheProjectsConfigAndRebuildsOnlyWhenSomethingBundledChanged() throws Exception {
    Path bin = layout();
    Files.writeString(root.resolve("config.json"), "{}");

    Run first = run(bin);
    assertEquals(0, first.exit(), first.output());
    assertFalse(first.calls().contains("mvn"), "the jar is newer than everything: no build\n" + first.calls());
    assertTrue(first.calls().contains("java -jar " + root.resolve("target/ocbridge.jar") + " --config "
        + root.resolve("config.json")), first.calls());

    Files.setLastModifiedTime(root.resolve("openapi/bridge.yaml"), FileTime.from(Instant.now().plusSeconds(5)));
    Run second = run(bin);
    assertEquals(0, second.exit(), second.output());
    assertTrue(second.calls().contains("mvn -B -q -Dstyle.color=never -DskipTests package"),
        "a changed contract rebuilds the jar\n" + second.calls());
    assertTrue(second.output().contains("scripts/run: building"), second.output());
    assertFalse(second.output().contains("\u001b"), "no terminal escape codes in the output: " + second.output());
  }

  @Test
  void anExplicitConfigIsLeftAlone() throws Exception {
    Path bin = layout();
    Files.writeString(root.resolve("config.json"), "{}");
    Run run = run(bin, "--config", "/etc/ocbridge/config.json");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.calls().contains("--config /etc/ocbridge/config.json"), run.calls());
    assertFalse(run.calls().contains(root.resolve("config.json").toString()), run.calls());
  }

  private record Run(int exit, String output, String calls) {}

  /** The parts of the project the script looks at, the jar newest; recorders for mvn and java in {@code bin}. */
  private Path layout() throws Exception {
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(Path.of("scripts/run"), root.resolve("scripts/run"));
    Files.createDirectories(root.resolve("src/main/java"));
    Files.createDirectories(root.resolve("openapi"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.writeString(root.resolve("src/main/java/A.java"), "class A {}");
    Files.writeString(root.resolve("openapi/bridge.yaml"), "openapi: 3.1.0");
    Instant old = Instant.now().minusSeconds(3600);
    for (String f : List.of("pom.xml", "src/main/java/A.java", "openapi/bridge.yaml")) {
      Files.setLastModifiedTime(root.resolve(f), FileTime.from(old));
    }
    Files.createDirectories(root.resolve("target"));
    Files.writeString(root.resolve("target/ocbridge.jar"), "jar");
    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    for (String tool : List.of("mvn", "java")) {
      Path script = bin.resolve(tool);
      Files.writeString(script, "#!/usr/bin/env bash\necho \"" + tool + " $*\" >> \"$CALLS\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  private Run run(Path bin, String... args) throws Exception {
    Path calls = root.resolve("calls.txt");
    Files.deleteIfExists(calls);
    Files.writeString(calls, "");
    List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("scripts/run").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("CALLS", calls.toString());
    pb.environment().remove("BRIDGE_CONFIG");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "scripts/run did not finish");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.exitValue(), output, Files.readString(calls));
  }
}
