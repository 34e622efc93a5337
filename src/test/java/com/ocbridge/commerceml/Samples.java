package com.ocbridge.commerceml;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared CommerceML corpus. Surefire passes {@code -Docbridge.samples}; the default is
 * {@code ../shared/commerceml-samples} relative to the project. Tests that need it are skipped (not failed) when it
 * is missing. The files are never copied into this repository.
 */
final class Samples {
  private Samples() {
  }

  static Path dir() {
    String configured = System.getProperty("ocbridge.samples", "../shared/commerceml-samples");
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "CommerceML samples not found at " + dir + "; set -Docbridge.samples=...");
    return dir;
  }

  /** A sample file, e.g. {@code file("Denis-777__test/import.xml")}; skips the test when it is missing. */
  static Path file(String relative) {
    Path p = dir().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(p),
        "CommerceML sample " + relative + " not found under " + dir() + "; set -Docbridge.samples=...");
    return p;
  }
}
