package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.math.BigDecimal;

/**
 * What the reader's test classes share: one Vert.x instance per test class (started before its first test, closed
 * after its last), an event-loop context to feed {@link ChunkedReadStream}s on, and reading a corpus sample whole.
 * The fields are static because JUnit's {@code @BeforeAll} is; test classes run one after another (no parallel
 * execution is configured), so two classes never hold them at once.
 */
abstract class ReaderTestBase {
  static Vertx vertx;
  static Context context;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  /** Reads a corpus sample, e.g. {@code read("Denis-777__test/import.xml")}, keeping every record. */
  static Collected read(String sample) {
    return Collected.read(vertx, Samples.file(sample));
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
