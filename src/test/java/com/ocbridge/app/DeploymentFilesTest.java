package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deployment files are what README says: a unit systemd accepts, and the two licenses. */
class DeploymentFilesTest {
  private static final Path UNIT = Path.of("scripts/systemd/ocbridge.service");

  @Test
  void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed here: the unit was not verified");
    Process p = new ProcessBuilder(tool.toString(), "verify", UNIT.toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // it complains about the unit's own lines by name; other units of the host are not ours to judge
    String ours = output.lines().filter(l -> l.contains("ocbridge.service")).reduce("", (a, b) -> a + b + "\n");
    assertEquals("", ours, "systemd-analyze verify reports:\n" + output);
    String unit = Files.readString(UNIT);
    for (String needed : new String[] {"User=ocbridge", "ProtectSystem=strict", "NoNewPrivileges=yes",
        "Restart=on-failure", "RestartPreventExitStatus=2", "ReadWritePaths=/var/lib/ocbridge"}) {
      assertTrue(unit.contains(needed), "the unit sets " + needed);
    }
  }

  @Test
  void theLicensesAreThere() throws Exception {
    assertTrue(Files.readString(Path.of("LICENSE")).contains("Apache License"), "LICENSE is Apache-2.0");
    String extension = Files.readString(Path.of("src/opencart/LICENSE"));
    assertTrue(extension.contains("GNU GENERAL PUBLIC LICENSE") && extension.contains("Version 3"),
        "src/opencart/LICENSE is the GPL version 3");
  }
}
