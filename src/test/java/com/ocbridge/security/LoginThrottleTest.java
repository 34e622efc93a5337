package com.ocbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic with a fake clock: delays, window, lock per address and login, reset, the cap. */
class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.of(5, 300, 300), registry, now::get);

  @Test
  void delaysDoubleUpToTwoSecondsThenTheAddressAndLoginAreLocked() {
    var kind = LoginThrottle.Kind.EXCHANGE;
    assertEquals(0, throttle.delayMillis(kind, "10.0.0.1"));
    long[] expected = {250, 500, 1000, 2000};
    for (long delay : expected) {
      throttle.failure(kind, "10.0.0.1", "user", "wrong-credentials");
      assertEquals(delay, throttle.delayMillis(kind, "10.0.0.1"));
    }
    assertTrue(throttle.locked(kind, "10.0.0.1", "user").isEmpty());
    throttle.failure(kind, "10.0.0.1", "user", "wrong-credentials");
    assertEquals(2000, throttle.delayMillis(kind, "10.0.0.1"));
    assertEquals("address", throttle.locked(kind, "10.0.0.1", "user").orElseThrow().subject());
    // the login is locked from any other address too; another login from another address is not
    var byLogin = throttle.locked(kind, "10.0.0.2", "user").orElseThrow();
    assertEquals("login", byLogin.subject());
    assertEquals(300, byLogin.retryAfterSeconds());
    assertTrue(throttle.locked(kind, "10.0.0.2", "other").isEmpty());
    // the API is throttled separately
    assertTrue(throttle.locked(LoginThrottle.Kind.API, "10.0.0.1", null).isEmpty());
    assertEquals(5, registry.get("ocbridge.auth.failures").tag("kind", "exchange").counter().count());
    assertEquals(2, registry.get("ocbridge.auth.lockouts").tag("kind", "exchange").counter().count());

    now.addAndGet(Duration.ofSeconds(299).toMillis());
    assertEquals(1, throttle.locked(kind, "10.0.0.1", "user").orElseThrow().retryAfterSeconds());
    now.addAndGet(Duration.ofSeconds(1).toMillis());
    assertTrue(throttle.locked(kind, "10.0.0.1", "user").isEmpty());
    assertEquals(0, throttle.delayMillis(kind, "10.0.0.1"));
  }

  @Test
  void failuresOutsideTheWindowAreForgottenAndASuccessResets() {
    var kind = LoginThrottle.Kind.API;
    for (int i = 0; i < 4; i++) throttle.failure(kind, "10.0.0.3", null, "unknown-token");
    now.addAndGet(Duration.ofSeconds(301).toMillis());
    throttle.failure(kind, "10.0.0.3", null, "unknown-token");
    assertTrue(throttle.locked(kind, "10.0.0.3", null).isEmpty());
    assertEquals(250, throttle.delayMillis(kind, "10.0.0.3"));
    throttle.success(kind, "10.0.0.3", null);
    assertEquals(0, throttle.delayMillis(kind, "10.0.0.3"));
  }

  @Test
  void trackedEntriesAreCapped() {
    var small = new LoginThrottle(new LoginThrottle.Settings(5, Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMillis(250), Duration.ofSeconds(2), 100), null, now::get);
    for (int i = 0; i < 1000; i++) small.failure(LoginThrottle.Kind.EXCHANGE, "10.1." + (i / 250) + "." + (i % 250), "u" + i, "x");
    assertEquals(100, small.size());
  }

  @Test
  void loginsAreLoggedAsOneQuotedToken() {
    assertEquals("\"a\\u000ab\\u0022\"", LoginThrottle.printable("a\nb\""));
    assertEquals("-", LoginThrottle.printable(null));
  }
}
