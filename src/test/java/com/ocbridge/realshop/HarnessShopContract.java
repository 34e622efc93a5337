package com.ocbridge.realshop;

import com.ocbridge.opencart.LiveShopContractTest;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * The bridge-v1 live contract ({@link LiveShopContractTest}: every operation the bridge uses, step by step) against
 * one shop of the scripts/realshop harness, named by its key in the descriptor; skipped, saying why, when the
 * harness has no shops here.
 */
abstract class HarnessShopContract extends LiveShopContractTest {
  private AutoCloseable held;

  abstract String shopKey();

  @Override
  protected Target target() {
    RealShop shop = RealShops.get(shopKey());
    System.out.println("[live contract] harness shop " + shop);
    try {
      held = shop.hold(Duration.ofMinutes(30)); // no scenario of another test run counts rows meanwhile
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Target(shop.baseUrl(), shop.apiUsername(), shop.apiKey(), RealShopScenario.LANGUAGE);
  }

  @AfterAll
  void release() throws Exception {
    if (held != null) held.close();
  }
}
