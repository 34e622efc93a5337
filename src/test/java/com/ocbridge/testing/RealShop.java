package com.ocbridge.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One real OpenCart shop of the {@code scripts/realshop} harness, as its descriptor ({@code shops.json}) lists it:
 * the storefront the bridge talks to, its own MariaDB database (read with the MariaDB JDBC driver, so tests assert
 * the shop's tables and never the bridge's word), the test order endpoint, and its error logs.
 *
 * <p>SQL given to the helpers writes {@code {p}} for the table prefix: {@code "SELECT COUNT(*) FROM {p}product"}.
 */
public record RealShop(String key, String version, String line, String baseUrl, String apiUsername, String apiKey,
    Admin admin, Db db, Path root, Path imageDir, Path phpErrorLog, Path openCartErrorLog, String orderUrl,
    String orderToken, Path harness, Path stateDir) {

  public record Admin(String url, String username, String password) {}

  public record Db(String host, int port, String name, String user, String password, String prefix) {}

  /** One line of a test order: product, quantity, and product_option_id → product_option_value_id. */
  public record OrderLine(long productId, int quantity, Map<Long, Long> options) {
    public OrderLine {
      options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static OrderLine of(long productId, int quantity) {
      return new OrderLine(productId, quantity, Map.of());
    }
  }

  /** The sizes of the shop's logs at one moment, to show what a scenario added to them. */
  public record LogMark(long php, long openCart) {}

  /**
   * Tables a catalog exchange may write (those the shop has): {@link #productTablesChecksum()} compares them before
   * and after a second exchange to prove it wrote nothing.
   */
  public static final List<String> PRODUCT_TABLES = List.of("product", "product_description", "product_to_category",
      "product_to_store", "product_image", "product_attribute", "product_option", "product_option_value",
      "product_discount", "product_code", "product_special", "product_filter", "product_related", "product_reward",
      "product_to_layout", "category", "category_description", "category_path", "category_to_store",
      "category_to_layout", "manufacturer", "manufacturer_to_store", "option", "option_description", "option_value",
      "option_value_description", "attribute", "attribute_description", "attribute_group",
      "attribute_group_description", "seo_url", "ocbridge_link");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  static RealShop fromJson(JsonObject shop, Path harness, Path stateDir) {
    JsonObject a = shop.getJsonObject("admin", new JsonObject());
    JsonObject d = shop.getJsonObject("db", new JsonObject());
    String baseUrl = shop.getString("baseUrl", "");
    return new RealShop(shop.getString("key"), shop.getString("version"), shop.getString("line"),
        baseUrl.endsWith("/") ? baseUrl : baseUrl + "/", shop.getString("apiUsername"), shop.getString("apiKey"),
        new Admin(a.getString("url"), a.getString("username"), a.getString("password")),
        new Db(d.getString("host", "127.0.0.1"), d.getInteger("port", 3306), d.getString("name"), d.getString("user"),
            d.getString("password"), d.getString("prefix", "oc_")),
        path(shop.getString("root")), path(shop.getString("imageDir")), path(shop.getString("phpErrorLog")),
        path(shop.getString("openCartErrorLog")), shop.getString("orderUrl"), shop.getString("orderToken"), harness,
        stateDir);
  }

  private static Path path(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  /** OpenCart 4.x (oc_product_code keeps SKU and the other codes) or 3.x (columns of oc_product). */
  public boolean is4x() {
    return line != null ? line.startsWith("4") : version != null && version.startsWith("4");
  }

  @Override
  public String toString() {
    return key + " (OpenCart " + version + ", " + baseUrl + ")";
  }

  // ------------------------------------------------------------------ harness

  /**
   * {@code scripts/realshop reset <key>}: the shop's fresh database (extension installed, API user, no products).
   * The harness serialises its commands with a lock and waits up to 15 minutes for it; so does this.
   */
  public void reset() {
    long t0 = System.nanoTime();
    RealShops.run(harness, List.of("reset", key), Duration.ofMinutes(20), null, stateDir)
        .orFail("scripts/realshop reset " + key);
    System.out.printf("[realshop] %s reset in %.1f s%n", key, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Holds the shop for one test scenario against other test JVMs on this machine (a developer's run and CI's, say):
   * a scenario resets the shop and counts its rows, so two at once would break each other. A lock file beside the
   * harness's own ({@code <dir>-<key>.tests.lock}); waits up to {@code wait}, saying so.
   */
  public AutoCloseable hold(Duration wait) throws IOException, InterruptedException {
    Path file = Path.of((stateDir == null ? "/tmp/ocbridge-realshop" : stateDir.toString()) + "-" + key + ".tests.lock");
    java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (true) {
      java.nio.channels.FileLock lock = channel.tryLock();
      if (lock != null) {
        return () -> {
          lock.release();
          channel.close();
        };
      }
      if (System.nanoTime() > deadline) {
        channel.close();
        throw new AssertionError(key + ": another test run has held " + file + " for " + wait.toMinutes() + " minutes");
      }
      if (!told) {
        System.out.println("[realshop] " + key + " is in use by another test run (" + file + "): waiting");
        told = true;
      }
      TimeUnit.SECONDS.sleep(2);
    }
  }

  // ------------------------------------------------------------------ database

  /** A new connection to the shop's database (MariaDB driver); the caller closes it. */
  public Connection jdbc() throws SQLException {
    String url = "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.name()
        + "?connectTimeout=10000&socketTimeout=600000";
    return DriverManager.getConnection(url, db.user(), db.password());
  }

  /**
   * A connection as the harness's MariaDB root (from {@code shops.json} in the state folder), for what a shop user
   * may not do, such as a global server setting a test changes and restores.
   */
  public Connection rootJdbc() throws SQLException {
    try {
      JsonObject m = new JsonObject(java.nio.file.Files.readString(stateDir.resolve("shops.json"))).getJsonObject("mariadb");
      String url = "jdbc:mariadb://" + m.getString("host") + ":" + m.getInteger("port") + "/?connectTimeout=10000";
      return DriverManager.getConnection(url, m.getString("rootUser"), m.getString("rootPassword", ""));
    } catch (IOException e) {
      throw new SQLException("cannot read the harness descriptor in " + stateDir, e);
    }
  }

  /** {@code {p}} → the table prefix. */
  public String sql(String sql) {
    return sql.replace("{p}", db.prefix());
  }

  /** The prefixed, quoted name of a table: {@code table("product")} → {@code `oc_product`}. */
  public String table(String name) {
    return "`" + db.prefix() + name + "`";
  }

  /** Every row of a query, column label → value (JDBC types), in the order the database gives them. */
  public List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c = jdbc()) {
      return rows(c, sql, args);
    } catch (SQLException e) {
      throw new IllegalStateException(key + ": " + sql(sql) + ": " + e.getMessage(), e);
    }
  }

  public List<Map<String, Object>> rows(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql(sql))) {
      for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
      try (ResultSet rs = st.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getObject(i));
          out.add(row);
        }
        return out;
      }
    }
  }

  /** The first column of the first row, or null. */
  public Object value(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public long count(String sql, Object... args) {
    Object v = value(sql, args);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /** Runs a writing statement (tests use it sparingly, e.g. to set up an order); answers the update count. */
  public int execute(String sql, Object... args) {
    try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(sql(sql))) {
      for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(key + ": " + sql(sql) + ": " + e.getMessage(), e);
    }
  }

  /** Tables of the shop's database, without the prefix. */
  public Set<String> tables() {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> r : rows("SHOW TABLES")) {
      String t = String.valueOf(r.values().iterator().next());
      if (t.startsWith(db.prefix())) names.add(t.substring(db.prefix().length()));
    }
    return names;
  }

  public boolean hasTable(String name) {
    return tables().contains(name);
  }

  public boolean hasColumn(String table, String column) {
    return !rows("SHOW COLUMNS FROM " + table(table) + " LIKE ?", column).isEmpty();
  }

  public long languageId(String code) {
    Object id = value("SELECT language_id FROM {p}language WHERE code = ?", code);
    if (id == null) throw new AssertionError(key + ": the shop has no language " + code);
    return ((Number) id).longValue();
  }

  /** The shop's product id linked to a 1C Ид, or null. */
  public Long linkedId(String entity, String externalId) {
    Object id = value("SELECT entity_id FROM {p}ocbridge_link WHERE entity = ? AND external_id = ?", entity, externalId);
    return id == null ? null : ((Number) id).longValue();
  }

  /**
   * {@code CHECKSUM TABLE} over the product-side tables the shop has ({@link #PRODUCT_TABLES}): equal maps before and
   * after an exchange mean the exchange wrote no row there.
   */
  public Map<String, Long> productTablesChecksum() {
    Set<String> present = tables();
    List<String> names = PRODUCT_TABLES.stream().filter(present::contains).toList();
    Map<String, Long> sums = new TreeMap<>();
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      String list = String.join(", ", names.stream().map(this::table).toList());
      try (ResultSet rs = st.executeQuery("CHECKSUM TABLE " + list + " EXTENDED")) {
        while (rs.next()) {
          String t = rs.getString(1);
          t = t.substring(t.indexOf('.') + 1);
          sums.put(t, rs.getObject(2) == null ? -1L : rs.getLong(2));
        }
      }
      for (String n : names) {
        sums.put(db.prefix() + n + " rows", ((Number) rows(c, "SELECT COUNT(*) FROM " + table(n)).get(0)
            .values().iterator().next()).longValue());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(key + ": CHECKSUM TABLE: " + e.getMessage(), e);
    }
    return sums;
  }

  // ------------------------------------------------------------------ storefront order

  /** Places an order with OpenCart's own cart and checkout model (the harness's test endpoint), status 1. */
  public JsonObject placeOrder(List<OrderLine> lines) {
    return placeOrder(new JsonObject().put("lines", linesJson(lines)).put("order_status_id", 1));
  }

  public JsonObject placeOrder(JsonObject body) {
    JsonObject answer = postTestOrder(body);
    if (answer.getValue("order_id") == null) throw new AssertionError(key + ": no order_id in " + clip(answer.encode(), 2000));
    return answer;
  }

  /**
   * The storefront's cart price and stock of each line (each alone in the cart, as OpenCart's cart code prices
   * it) and, under "storefront", every product's options as the catalog model gives them to the product page.
   */
  public JsonObject quote(List<OrderLine> lines) {
    return postTestOrder(new JsonObject().put("quote", true).put("lines", linesJson(lines)));
  }

  private static JsonArray linesJson(List<OrderLine> lines) {
    JsonArray list = new JsonArray();
    for (OrderLine l : lines) {
      JsonObject options = new JsonObject();
      l.options().forEach((po, pov) -> options.put(Long.toString(po), Long.toString(pov)));
      JsonObject line = new JsonObject().put("product_id", l.productId()).put("quantity", l.quantity());
      if (!options.isEmpty()) line.put("options", options);
      list.add(line);
    }
    return list;
  }

  private JsonObject postTestOrder(JsonObject body) {
    if (orderUrl == null || orderUrl.isBlank()) throw new AssertionError(key + ": the descriptor names no orderUrl");
    HttpRequest request = HttpRequest.newBuilder(URI.create(orderUrl)).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json").header("X-Test-Token", orderToken == null ? "" : orderToken)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(key + ": test order endpoint " + orderUrl + " unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JsonObject answer;
    try {
      answer = new JsonObject(response.body());
    } catch (RuntimeException notJson) {
      throw new AssertionError(key + ": test order endpoint answered HTTP " + response.statusCode() + " "
          + clip(response.body(), 2000));
    }
    if (response.statusCode() != 200) {
      throw new AssertionError(key + ": test order endpoint answered HTTP " + response.statusCode() + " " + clip(answer.encode(), 2000));
    }
    return answer;
  }

  /** Any HTTP answer from the storefront counts; a refused connection does not. */
  public boolean reachable() {
    try {
      HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofSeconds(15)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ------------------------------------------------------------------ logs

  public LogMark logMark() {
    return new LogMark(size(phpErrorLog), size(openCartErrorLog));
  }

  /** What the PHP and OpenCart error logs got since the mark (at most the last 16 KB of each). */
  public String logsSince(LogMark mark) {
    return "--- PHP error log " + phpErrorLog + " (new since the scenario started):\n" + read(phpErrorLog, mark.php(), 16_384)
        + "\n--- OpenCart error log " + openCartErrorLog + " (new since the scenario started):\n"
        + read(openCartErrorLog, mark.openCart(), 16_384);
  }

  /** The last {@code bytes} of each error log. */
  public String logTails(int bytes) {
    return "--- PHP error log " + phpErrorLog + " (tail):\n" + read(phpErrorLog, Math.max(0, size(phpErrorLog) - bytes), bytes)
        + "\n--- OpenCart error log " + openCartErrorLog + " (tail):\n"
        + read(openCartErrorLog, Math.max(0, size(openCartErrorLog) - bytes), bytes);
  }

  private static long size(Path p) {
    try {
      return p != null && Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path p, long from, int max) {
    if (p == null) return "(no such log in the descriptor)";
    if (!Files.isRegularFile(p)) return "(" + p + " does not exist)";
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long end = f.length();
      if (from > end) from = 0; // rotated or truncated by a reset
      long start = Math.max(from, end - max);
      byte[] bytes = new byte[(int) (end - start)];
      f.seek(start);
      f.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.isEmpty() ? "(nothing)" : (start > from ? "…" : "") + text;
    } catch (IOException e) {
      return "(cannot read " + p + ": " + e.getMessage() + ")";
    }
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** Waits for a condition on the shop, polling; answers whether it came true in time. */
  public static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      TimeUnit.MILLISECONDS.sleep(500);
    }
    return condition.getAsBoolean();
  }
}
