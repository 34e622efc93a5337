package com.ocbridge.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance corpus of real 1C files, read from {@code ../shared/commerceml-samples} or the system
 * property {@code ocbridge.samples}. Never copied into the repository; tests that need it are skipped, saying
 * why, on a machine that does not have it.
 */
public final class Samples {
  private Samples() {}

  public static Path dir() {
    String configured = System.getProperty("ocbridge.samples", "../shared/commerceml-samples");
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir), "CommerceML samples not found at " + dir
        + ": these tests are skipped; set -Docbridge.samples=<folder> to run them");
    return dir;
  }

  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    assumeTrue(Files.isRegularFile(file), "sample " + relative + " not found in " + dir() + ": test skipped");
    return file;
  }
}
