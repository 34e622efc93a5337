package com.ocbridge.realshop;

import com.ocbridge.testing.RealShop;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's MariaDB as its root account over TCP, one connection, for {@link RealShopBenchmark}: the counters
 * ({@code SHOW GLOBAL STATUS} minus this connection's own {@code SHOW SESSION STATUS}, so that the monitoring does not
 * count itself), the sampled shop counts and userstat. Its own class because it is the only place the benchmark talks
 * to MariaDB behind the shop's back, and what it may cost the measured system (see {@link #countNanos}) matters.
 */
final class BenchMonitor implements AutoCloseable {
  static final List<String> STATUS = List.of("Questions", "Com_select", "Com_insert", "Com_update", "Com_delete",
      "Com_replace", "Com_insert_select", "Com_update_multi", "Com_delete_multi", "Com_begin", "Com_commit",
      "Com_rollback", "Handler_write", "Handler_update", "Handler_delete", "Innodb_row_lock_waits", "Innodb_deadlocks");

  private final Connection c;
  private final RealShop shop;
  final String version;
  /** Wall time of the sampled COUNT queries: an upper bound of MariaDB's CPU spent on this benchmark's sampling. */
  long countNanos;

  BenchMonitor(RealShop shop, JsonObject maria) throws SQLException {
    this.shop = shop;
    String url = "jdbc:mariadb://" + maria.getString("host", "127.0.0.1") + ":" + maria.getInteger("port") + "/"
        + shop.db().name() + "?connectTimeout=10000&socketTimeout=600000";
    c = DriverManager.getConnection(url, maria.getString("rootUser", "root"), maria.getString("rootPassword"));
    version = single("SELECT VERSION()");
  }

  /** Counters of the whole server minus those of this connection (its own SELECTs and SHOWs). */
  synchronized Map<String, Long> status() throws SQLException {
    String where = " WHERE Variable_name IN ('" + String.join("','", STATUS) + "')";
    Map<String, Long> global = show("SHOW GLOBAL STATUS" + where);
    Map<String, Long> session = show("SHOW SESSION STATUS" + where);
    Map<String, Long> net = new HashMap<>();
    for (String s : STATUS) {
      long g = global.getOrDefault(s, 0L);
      // Questions, Com_* and Handler_* have session scope; the InnoDB counters are global only (SHOW SESSION shows
      // them global). MariaDB 10.11 has no Innodb_rows_*: rows written are Handler_write/update/delete.
      boolean sessionScoped = s.equals("Questions") || s.startsWith("Com_") || s.startsWith("Handler_");
      net.put(s, sessionScoped ? g - session.getOrDefault(s, 0L) : g);
    }
    return net;
  }

  /**
   * The sampled count, kept cheap (it runs every few seconds on a 2-core machine): linked products (an index range
   * of oc_ocbridge_link) or products with a price (one scan of oc_product; a product gets its price only from its
   * offer, the demo products' prices are subtracted as the phase's starting value). -1 when not sampled.
   */
  synchronized long count(int what) throws SQLException {
    if (what == BenchSampler.NONE) return -1;
    long t0 = System.nanoTime();
    String sql = what == BenchSampler.LINKED ? "SELECT COUNT(*) FROM {p}ocbridge_link WHERE entity = 'product'"
        : "SELECT COUNT(*) FROM {p}product WHERE price > 0";
    long n = Long.parseLong(single(shop.sql(sql)));
    countNanos += System.nanoTime() - t0;
    return n;
  }

  synchronized void execute(String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** information_schema.TABLE_STATISTICS of the shop's database: table → {rows changed, rows read}. */
  synchronized Map<String, long[]> changedRows() throws SQLException {
    Map<String, long[]> out = new TreeMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME, ROWS_CHANGED, ROWS_READ"
        + " FROM information_schema.TABLE_STATISTICS WHERE TABLE_SCHEMA = '" + shop.db().name() + "' AND ROWS_CHANGED > 0")) {
      while (rs.next()) out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
    }
    return out;
  }

  private Map<String, Long> show(String sql) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        try {
          out.put(rs.getString(1), Long.parseLong(rs.getString(2)));
        } catch (NumberFormatException ignored) {
          // not a counter
        }
      }
    }
    return out;
  }

  private String single(String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    c.close();
  }
}
