package com.ocbridge.opencart;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an OpenCart client needs to know; the service maps its {@code opencart.*} configuration
 * onto this record.
 *
 * @param baseUrl             shop base URL, with or without trailing slash, e.g. {@code https://shop.example/}
 * @param apiUsername         OpenCart API user (System › Users › API)
 * @param apiKey              its key; never logged, hidden from {@link #toString()}
 * @param language            language code for names and descriptions, e.g. {@code ru-ru}
 * @param storeIds            stores that new products and categories are published to
 * @param concurrency         requests in flight at most
 * @param requestTimeout      per HTTP attempt
 * @param retryAttempts       total attempts for retryable failures (1 = no retry)
 * @param retryInitialBackoff wait before the second attempt (doubles, with jitter)
 * @param retryMaxBackoff     upper bound of the wait
 * @param breakerOpenWait     how long the circuit breaker fails fast once it has opened
 * @param traffic             in-flight limits of the other traffic classes ({@code concurrency} is the catalog's)
 */
public record OpenCartSettings(
    String baseUrl,
    String apiUsername,
    String apiKey,
    String language,
    List<Integer> storeIds,
    int concurrency,
    Duration requestTimeout,
    int retryAttempts,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration breakerOpenWait,
    TrafficLimits traffic) {

  public OpenCartSettings {
    Objects.requireNonNull(baseUrl, "opencart.baseUrl is required");
    Objects.requireNonNull(apiUsername, "opencart.apiUsername is required");
    Objects.requireNonNull(apiKey, "opencart.apiKey is required");
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("opencart.baseUrl is not a URL: " + baseUrl, e);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("opencart.baseUrl must be an http(s) URL with a host, was " + baseUrl);
    }
    language = language == null ? "ru-ru" : language;
    storeIds = storeIds == null ? List.of(0) : List.copyOf(storeIds);
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    retryInitialBackoff = retryInitialBackoff == null ? Duration.ofMillis(500) : retryInitialBackoff;
    retryMaxBackoff = retryMaxBackoff == null ? Duration.ofSeconds(10) : retryMaxBackoff;
    breakerOpenWait = breakerOpenWait == null ? Duration.ofSeconds(30) : breakerOpenWait;
    traffic = traffic == null ? TrafficLimits.defaults() : traffic;
    if (concurrency < 1) {
      throw new IllegalArgumentException("opencart.concurrency must be at least 1, was " + concurrency);
    }
    if (retryAttempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1, was " + retryAttempts);
    }
    if (requestTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("request timeout must be positive, was " + requestTimeout);
    }
  }

  /** Settings with the documented defaults: ru-ru, store 0, concurrency 4, 30 s timeout, 3 attempts. */
  public static OpenCartSettings of(String baseUrl, String apiUsername, String apiKey) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, "ru-ru", List.of(0), 4, Duration.ofSeconds(30),
        3, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30), TrafficLimits.defaults());
  }

  public OpenCartSettings withConcurrency(int value) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, language, storeIds, value, requestTimeout,
        retryAttempts, retryInitialBackoff, retryMaxBackoff, breakerOpenWait, traffic);
  }

  public OpenCartSettings withRequestTimeout(Duration value) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, language, storeIds, concurrency, value,
        retryAttempts, retryInitialBackoff, retryMaxBackoff, breakerOpenWait, traffic);
  }

  public OpenCartSettings withRetry(int attempts, Duration initialBackoff, Duration maxBackoff) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, language, storeIds, concurrency, requestTimeout,
        attempts, initialBackoff, maxBackoff, breakerOpenWait, traffic);
  }

  public OpenCartSettings withLanguage(String value) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, value, storeIds, concurrency, requestTimeout,
        retryAttempts, retryInitialBackoff, retryMaxBackoff, breakerOpenWait, traffic);
  }

  public OpenCartSettings withBreakerOpenWait(Duration value) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, language, storeIds, concurrency, requestTimeout,
        retryAttempts, retryInitialBackoff, retryMaxBackoff, value, traffic);
  }

  public OpenCartSettings withTraffic(TrafficLimits value) {
    return new OpenCartSettings(baseUrl, apiUsername, apiKey, language, storeIds, concurrency, requestTimeout,
        retryAttempts, retryInitialBackoff, retryMaxBackoff, breakerOpenWait, value);
  }

  /** Requests of {@code traffic} in flight at most. */
  public int concurrency(TrafficClass traffic) {
    return switch (traffic) {
      case CATALOG -> concurrency;
      case STOCK -> this.traffic.stock();
      case ORDER_READS -> this.traffic.orderReads();
      case ORDER_WRITES -> this.traffic.orderWrites();
    };
  }

  /** Keeps the API key out of logs. */
  @Override
  public String toString() {
    return "OpenCartSettings[baseUrl=" + baseUrl + ", apiUsername=" + apiUsername + ", apiKey=***"
        + ", language=" + language + ", storeIds=" + storeIds + ", concurrency=" + concurrency
        + ", requestTimeout=" + requestTimeout + ", retryAttempts=" + retryAttempts
        + ", retryInitialBackoff=" + retryInitialBackoff + ", retryMaxBackoff=" + retryMaxBackoff
        + ", breakerOpenWait=" + breakerOpenWait + ", traffic=" + traffic + "]";
  }
}
