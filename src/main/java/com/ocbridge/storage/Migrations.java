package com.ocbridge.storage;

import com.ocbridge.support.Sha256;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL files listed in {@code db/migrations.txt} (classpath), each once, in order,
 * each in its own transaction. A Postgres advisory lock serialises several instances starting at once.
 * A migration that was already applied but whose text changed is refused: history is never rewritten.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final long LOCK_KEY = 0x0cb_41d9_e000_0001L;

  record Migration(String name, String sql, String checksum) {}

  private Migrations() {}

  public static Future<Integer> apply(Pool pool) {
    List<Migration> all;
    try {
      all = load();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return pool.withConnection(conn -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
        .compose(v -> conn.query("""
            CREATE TABLE IF NOT EXISTS schema_migration (
              name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())""")
            .execute())
        .compose(v -> conn.query("SELECT name, checksum FROM schema_migration").execute())
        .compose(rows -> applyMissing(conn, all, rows))
        .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()));
  }

  private static Future<Integer> applyMissing(SqlConnection conn, List<Migration> all, Iterable<Row> applied) {
    var known = new java.util.HashMap<String, String>();
    applied.forEach(r -> known.put(r.getString("name"), r.getString("checksum")));
    Future<Integer> chain = Future.succeededFuture(0);
    for (Migration m : all) {
      String previous = known.get(m.name());
      if (previous != null) {
        if (!previous.equals(m.checksum())) {
          return Future.failedFuture(new IllegalStateException("migration " + m.name()
              + " was changed after it had been applied; add a new migration instead"));
        }
        continue;
      }
      chain = chain.compose(count -> conn.begin()
          .compose(tx -> conn.query(m.sql()).execute()
              .compose(v -> conn.preparedQuery("INSERT INTO schema_migration(name, checksum) VALUES ($1, $2)")
                  .execute(Tuple.of(m.name(), m.checksum())))
              .compose(v -> tx.commit())
              .onFailure(e -> tx.rollback()))
          .map(v -> {
            log.info("event=db.migration.applied name={}", m.name());
            return count + 1;
          })
          .recover(e -> Future.failedFuture(new IllegalStateException("migration " + m.name() + " failed: " + e.getMessage(), e))));
    }
    return chain;
  }

  static List<Migration> load() throws IOException {
    String index = read("db/migrations.txt");
    List<Migration> list = new ArrayList<>();
    for (String line : index.split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) continue;
      String sql = read("db/" + name);
      list.add(new Migration(name, sql, sha256(sql)));
    }
    Set<String> names = list.stream().map(Migration::name).collect(Collectors.toSet());
    if (names.size() != list.size()) throw new IOException("db/migrations.txt lists a migration twice");
    return list;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IOException("missing classpath resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(String text) {
    return Sha256.hex(text);
  }
}
