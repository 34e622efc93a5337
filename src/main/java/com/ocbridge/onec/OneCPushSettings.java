package com.ocbridge.onec;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.outbox.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How orders are pushed to 1C's HTTP service ({@code onec.push.*}); defaults follow onec-http-services.md.
 *
 * @param baseUrl the service root including version, e.g. {@code https://1c.example/trade/hs/site/v1}
 * @param maxConcurrent requests to 1C at once from this instance: every request holds a 1C session, and every
 *     session a licence, so keep it below the publication's poolSize divided by the number of instances
 * @param requestTimeout a request that gets no answer in time has an unknown outcome; it is retried, and 1C's
 *     idempotency key makes the repeat harmless
 * @param transientBackoff 5xx, gateway and HTML pages, timeouts, refused connections
 * @param busyBackoff 406 (no free session or licence), 429
 * @param maintenanceBackoff 403 "session start prohibited" while the infobase is locked for an update
 * @param maxInternalAttempts 500 with 1C's own INTERNAL envelope (the handler caught an exception) is retried this
 *     many attempts in total, then dead-lettered: it is usually a bug in the data or the 1C code, not an outage
 */
public record OneCPushSettings(
    URI baseUrl,
    String username,
    String password,
    int maxConcurrent,
    Duration connectTimeout,
    Duration requestTimeout,
    Backoff transientBackoff,
    Backoff busyBackoff,
    Backoff maintenanceBackoff,
    int maxInternalAttempts,
    Breaker breaker) {

  /**
   * The circuit breaker over 1C: count-based window of the last {@code windowSize} calls, opens when at least
   * {@code minimumCalls} were made and {@code failureRatePercent} of them failed for infrastructure reasons,
   * stays open {@code openFor}, then lets one {@code GET /ping} through as the half-open probe.
   */
  public record Breaker(int windowSize, int minimumCalls, float failureRatePercent, Duration openFor) {
    public static Breaker defaults() {
      return new Breaker(10, 5, 50f, Duration.ofSeconds(30));
    }
  }

  public OneCPushSettings {
    Objects.requireNonNull(baseUrl, "onec.push.baseUrl");
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1");
  }

  public static OneCPushSettings defaults(URI baseUrl, String username, String password) {
    return new OneCPushSettings(baseUrl, username, password, 2, Duration.ofSeconds(5), Duration.ofSeconds(60),
        new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), 2, 0.3),
        new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(2), 2, 0.3),
        new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(15), 1.5, 0.2),
        5, Breaker.defaults());
  }

  /** From {@code onec.push.*}; the keys not in the config file keep their defaults. */
  public static OneCPushSettings from(BridgeConfig.Push push) {
    return defaults(push.baseUrl(), push.username(), push.password());
  }

  public OneCPushSettings withMaxConcurrent(int n) {
    return new OneCPushSettings(baseUrl, username, password, n, connectTimeout, requestTimeout, transientBackoff,
        busyBackoff, maintenanceBackoff, maxInternalAttempts, breaker);
  }

  public OneCPushSettings withTimeouts(Duration connect, Duration request) {
    return new OneCPushSettings(baseUrl, username, password, maxConcurrent, connect, request, transientBackoff,
        busyBackoff, maintenanceBackoff, maxInternalAttempts, breaker);
  }

  public OneCPushSettings withBackoffs(Backoff transientB, Backoff busy, Backoff maintenance) {
    return new OneCPushSettings(baseUrl, username, password, maxConcurrent, connectTimeout, requestTimeout,
        transientB, busy, maintenance, maxInternalAttempts, breaker);
  }

  public OneCPushSettings withBreaker(Breaker b) {
    return new OneCPushSettings(baseUrl, username, password, maxConcurrent, connectTimeout, requestTimeout,
        transientBackoff, busyBackoff, maintenanceBackoff, maxInternalAttempts, b);
  }

  public OneCPushSettings withMaxInternalAttempts(int n) {
    return new OneCPushSettings(baseUrl, username, password, maxConcurrent, connectTimeout, requestTimeout,
        transientBackoff, busyBackoff, maintenanceBackoff, n, breaker);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "OneCPushSettings[baseUrl=" + baseUrl + ", username=" + username + ", maxConcurrent=" + maxConcurrent
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", breaker=" + breaker + "]";
  }
}
