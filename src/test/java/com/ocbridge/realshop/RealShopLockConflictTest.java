package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.RealShop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lock the shop cannot get, on the real shops: another database session holds the link row of one product's 1C
 * id (an uncommitted insert) for 20 s while the bridge imports, with the server's lock wait timeout at 1 s. The
 * shop retries the item (4.x: its whole transaction; 3.x: the statement), answers it {@code busy}, the bridge sends
 * it again until the lock is gone, and the product lands exactly once: no refusal, no duplicate row (3.x has no
 * rollback), the retries counted and written to the shop's error log.
 */
class RealShopLockConflictTest extends RealShopScenario {
  private static final int PRODUCTS = 30;
  private static final long HOLD_MS = 20_000;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aLockHeldElsewhereIsRetriedAndTheItemLandsOnce(String key) throws Exception {
    begin(key, "a lock held by another session for " + HOLD_MS / 1000 + " s");
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS, ThreadLocalRandom.current().nextInt(1 << 20));
    String blocked = GeneratedCatalog.productId(7);
    long productsBefore = shop.count("SELECT COUNT(*) FROM {p}product");
    RealShop.LogMark logs = shop.logMark();
    Exchange x;
    try (Connection root = shop.rootJdbc(); Connection blocker = shop.jdbc()) {
      long timeout = number(root, "SELECT @@GLOBAL.innodb_lock_wait_timeout");
      execute(root, "SET GLOBAL innodb_lock_wait_timeout = 1"); // PHP-FPM connects anew per request: it applies
      try {
        blocker.setAutoCommit(false);
        try (PreparedStatement hold = blocker.prepareStatement(shop.sql("INSERT INTO {p}ocbridge_link"
            + " (entity, external_id, entity_id, sku, date_modified) VALUES ('product', ?, 0, NULL, NOW())"))) {
          hold.setString(1, blocked);
          hold.executeUpdate();
        }
        Thread release = new Thread(() -> {
          try {
            Thread.sleep(HOLD_MS);
            blocker.rollback();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        release.start();
        startBridge(4, null);
        x = exchange("exchange", RealShopGeneratedCatalogTest.steps(g));
        release.join();
      } finally {
        execute(root, "SET GLOBAL innodb_lock_wait_timeout = " + timeout);
      }
    }

    Problems problems = new Problems();
    checkReplies(x, problems);
    checkJobs(x, problems, NO_ERRORS);
    Map<String, Problems> phases = new LinkedHashMap<>();
    phases.put("exchange", problems);
    assertNoProblems(phases);
    Long busyRetries = x.job("import.xml").getJsonObject("counts").getLong("busyRetries");
    assertNotNull(busyRetries, "the shop answered the blocked product busy and the bridge sent it again: " + x.job("import.xml"));
    assertTrue(busyRetries >= 1);
    assertEquals(PRODUCTS, shop.count("SELECT COUNT(*) FROM {p}product") - productsBefore, "every product once, none twice");
    Long linked = shop.linkedId("product", blocked);
    assertNotNull(linked, "the blocked product is linked");
    assertEquals(1, shop.count("SELECT COUNT(*) FROM {p}product WHERE product_id = ?", linked));
    String log = shop.logsSince(logs);
    assertTrue(log.contains("lock conflict"), "the shop's error log says what happened:\n" + log);
  }

  private static long number(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void execute(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
