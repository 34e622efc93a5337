package com.ocbridge.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down and then locks out failed logins, per kind (1C exchange, API) and client address, and for the exchange
 * also per login. After each failure the next answer for that address waits ({@link Settings#firstDelay} doubling up
 * to {@link Settings#maxDelay}, on a Vert.x timer); after {@link Settings#maxFailures} failures within
 * {@link Settings#window} the address (and the login) is locked for {@link Settings#lockout}: every attempt, even
 * with the right secret, is refused until the lock expires. A success resets the address and the login. At most
 * {@link Settings#maxEntries} subjects are tracked; the least recently used one is forgotten first.
 *
 * <p>Logs name the kind, the login tried and the client address, never the password or token. Meters:
 * {@code ocbridge.auth.failures} and {@code ocbridge.auth.lockouts}, tagged {@code kind=exchange|api|console}.
 * Thread-safe: one instance serves every event loop of a service.
 */
public final class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  public enum Kind {
    EXCHANGE("exchange"), API("api"), CONSOLE("console");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  public record Settings(int maxFailures, Duration window, Duration lockout, Duration firstDelay, Duration maxDelay,
      int maxEntries) {
    public static Settings of(int maxFailures, int windowSeconds, int lockoutSeconds) {
      return new Settings(maxFailures, Duration.ofSeconds(windowSeconds), Duration.ofSeconds(lockoutSeconds),
          Duration.ofMillis(250), Duration.ofSeconds(2), 10_000);
    }

    public static Settings defaults() {
      return of(10, 300, 300);
    }
  }

  /** Why an attempt is refused: {@code subject} is {@code address} or {@code login}. */
  public record Lock(String subject, String address, String login, long retryAfterSeconds) {}

  private static final class Entry {
    int failures;
    long windowStart;
    long lockedUntil;
  }

  private final Settings settings;
  private final LongSupplier clock;
  private final ClientAddress clients;
  private final Map<String, Entry> entries;
  private final Map<Kind, Counter> failures = new EnumMap<>(Kind.class);
  private final Map<Kind, Counter> lockouts = new EnumMap<>(Kind.class);

  public LoginThrottle(Settings settings, MeterRegistry registry) {
    this(settings, registry, ClientAddress.DIRECT);
  }

  /** {@code clients} decides which address a request is counted under (behind trusted proxies: the forwarded one). */
  public LoginThrottle(Settings settings, MeterRegistry registry, ClientAddress clients) {
    this(settings, registry, System::currentTimeMillis, clients);
  }

  LoginThrottle(Settings settings, MeterRegistry registry, LongSupplier clock) {
    this(settings, registry, clock, ClientAddress.DIRECT);
  }

  private LoginThrottle(Settings settings, MeterRegistry registry, LongSupplier clock, ClientAddress clients) {
    this.settings = settings;
    this.clock = clock;
    this.clients = clients;
    int cap = settings.maxEntries();
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > cap;
      }
    };
    if (registry != null) {
      for (Kind kind : Kind.values()) {
        failures.put(kind, Counter.builder("ocbridge.auth.failures").tag("kind", kind.tag())
            .description("Failed logins (wrong exchange password, unknown API token)").register(registry));
        lockouts.put(kind, Counter.builder("ocbridge.auth.lockouts").tag("kind", kind.tag())
            .description("Client addresses or logins locked out after too many failed logins").register(registry));
      }
    }
  }

  /**
   * The client's address: the socket's peer, or behind one of {@code http.trustedProxies} the address that proxy
   * forwarded (see {@link ClientAddress}); a forwarding header from anyone else is not believed.
   */
  public String address(HttpServerRequest request) {
    return clients.of(request);
  }

  /**
   * Waits the delay the address has earned by its recent failures (immediately when none), then tells whether the
   * attempt is refused by a lock. The lock is checked again after the wait, so parallel attempts cannot slip past it.
   */
  public Future<Optional<Lock>> admit(Vertx vertx, Kind kind, String address, String login) {
    Optional<Lock> lock = locked(kind, address, login);
    if (lock.isPresent()) return refused(kind, lock.get());
    long delay = delayMillis(kind, address);
    if (delay <= 0) return Future.succeededFuture(Optional.empty());
    Promise<Optional<Lock>> promise = Promise.promise();
    vertx.setTimer(delay, id -> {
      Optional<Lock> after = locked(kind, address, login);
      if (after.isPresent()) refused(kind, after.get()).onComplete(promise); else promise.complete(Optional.empty());
    });
    return promise.future();
  }

  private Future<Optional<Lock>> refused(Kind kind, Lock lock) {
    log.warn("event=auth.refused.locked kind={} login={} remote={} lockedBy={} retryAfter={}s", kind.tag(),
        printable(lock.login()), lock.address(), lock.subject(), lock.retryAfterSeconds());
    return Future.succeededFuture(Optional.of(lock));
  }

  public synchronized Optional<Lock> locked(Kind kind, String address, String login) {
    long now = clock.getAsLong();
    Entry byAddress = current(addressKey(kind, address), now);
    if (byAddress != null && byAddress.lockedUntil > now) {
      return Optional.of(new Lock("address", address, login, seconds(byAddress.lockedUntil - now)));
    }
    if (login != null && kind == Kind.EXCHANGE) {
      Entry byLogin = current(loginKey(kind, login), now);
      if (byLogin != null && byLogin.lockedUntil > now) {
        return Optional.of(new Lock("login", address, login, seconds(byLogin.lockedUntil - now)));
      }
    }
    return Optional.empty();
  }

  /** 0 without recent failures, else firstDelay doubling per failure up to maxDelay. */
  public synchronized long delayMillis(Kind kind, String address) {
    Entry e = current(addressKey(kind, address), clock.getAsLong());
    if (e == null || e.failures == 0) return 0;
    long first = settings.firstDelay().toMillis();
    long max = settings.maxDelay().toMillis();
    int shift = Math.min(e.failures - 1, 20);
    return Math.min(first << shift, max);
  }

  /** Records a failed login (wrong password or token); {@code reason} is a short word for the log. */
  public void failure(Kind kind, String address, String login, String reason) {
    int count;
    boolean addressLocked;
    synchronized (this) {
      long now = clock.getAsLong();
      Entry byAddress = record(addressKey(kind, address), now);
      count = byAddress.failures;
      addressLocked = lockIfDue(byAddress, now);
      if (login != null && kind == Kind.EXCHANGE) {
        Entry byLogin = record(loginKey(kind, login), now);
        if (lockIfDue(byLogin, now)) {
          log.warn("event=auth.lockout kind={} subject=login login={} remote={} failures={} seconds={}", kind.tag(),
              printable(login), address, byLogin.failures, settings.lockout().toSeconds());
          count(lockouts, kind);
        }
      }
    }
    count(failures, kind);
    log.warn("event=auth.failure kind={} login={} remote={} reason={} failures={}/{}", kind.tag(), printable(login),
        address, reason, count, settings.maxFailures());
    if (addressLocked) {
      log.warn("event=auth.lockout kind={} subject=address login={} remote={} failures={} seconds={}", kind.tag(),
          printable(login), address, count, settings.lockout().toSeconds());
      count(lockouts, kind);
    }
  }

  /** A successful login forgets the failures of the address and the login. */
  public synchronized void success(Kind kind, String address, String login) {
    entries.remove(addressKey(kind, address));
    if (login != null && kind == Kind.EXCHANGE) entries.remove(loginKey(kind, login));
  }

  /** Number of tracked subjects (for tests of the cap). */
  synchronized int size() {
    return entries.size();
  }

  // ---- internals (callers hold the lock) ----

  /** The entry, or null when absent, its lock has expired or its window has passed (then it is forgotten). */
  private Entry current(String key, long now) {
    Entry e = entries.get(key);
    if (e == null) return null;
    boolean lockExpired = e.lockedUntil != 0 && e.lockedUntil <= now;
    boolean windowPassed = e.lockedUntil == 0 && now - e.windowStart > settings.window().toMillis();
    if (lockExpired || windowPassed) {
      entries.remove(key);
      return null;
    }
    return e;
  }

  private Entry record(String key, long now) {
    Entry e = current(key, now);
    if (e == null) {
      e = new Entry();
      e.windowStart = now;
      entries.put(key, e);
    }
    e.failures++;
    return e;
  }

  /** Locks the entry when it reaches the limit; true when it was locked by this call. */
  private boolean lockIfDue(Entry e, long now) {
    if (e.lockedUntil > now || e.failures < settings.maxFailures()) return false;
    e.lockedUntil = now + settings.lockout().toMillis();
    return true;
  }

  private static void count(Map<Kind, Counter> counters, Kind kind) {
    Counter c = counters.get(kind);
    if (c != null) c.increment();
  }

  private static String addressKey(Kind kind, String address) {
    return kind.tag() + "|address|" + address;
  }

  private static String loginKey(Kind kind, String login) {
    return kind.tag() + "|login|" + login;
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }

  /** The login as one quoted, bounded log token: control characters and quotes cannot forge log lines. */
  public static String printable(String login) {
    if (login == null) return "-";
    StringBuilder sb = new StringBuilder("\"");
    login.codePoints().limit(64).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\' || Character.isISOControl(cp)) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    if (login.codePointCount(0, login.length()) > 64) sb.append("…");
    return sb.append('"').toString();
  }
}
