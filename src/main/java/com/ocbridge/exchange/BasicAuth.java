package com.ocbridge.exchange;

import com.ocbridge.security.LoginThrottle;
import com.ocbridge.support.Sha256;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** HTTP Basic credentials and a comparison that takes the same time whatever the input. */
public final class BasicAuth {
  public record Credentials(String username, String password) {}

  private BasicAuth() {}

  public static Optional<Credentials> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) return Optional.empty();
      return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Compares digests, so neither the content nor the length of the secret leaks through timing. */
  public static boolean constantTimeEquals(String given, String expected) {
    if (given == null || expected == null) return false;
    return MessageDigest.isEqual(Sha256.digest(utf8(given)), Sha256.digest(utf8(expected)));
  }

  public static boolean matches(Optional<Credentials> given, String username, String password) {
    if (given.isEmpty()) return false;
    // evaluate both comparisons always, so a wrong user name takes as long as a wrong password
    boolean user = constantTimeEquals(given.get().username(), username);
    boolean pass = constantTimeEquals(given.get().password(), password);
    return user & pass;
  }

  /**
   * The exchange's answer while an address or login is locked out: HTTP 429 with {@code Retry-After} and the
   * protocol's {@code failure} line followed by a reason 1C shows to the operator.
   */
  static ProtocolReply lockedOut(HttpServerResponse response, LoginThrottle.Lock lock) {
    response.putHeader("Retry-After", Long.toString(lock.retryAfterSeconds()));
    String who = "login".equals(lock.subject())
        ? "под логином " + lock.login().replaceAll("\\p{Cntrl}", " ")
        : "с адреса " + lock.address();
    return new ProtocolReply("failure", List.of("Слишком много неудачных попыток входа " + who
        + ", повторите через " + lock.retryAfterSeconds() + " с"), 429);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
