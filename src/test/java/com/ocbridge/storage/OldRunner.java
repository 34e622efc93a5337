package com.ocbridge.storage;

import com.ocbridge.support.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the service's first migration runner did, exactly, to build the databases that Flyway must take over: its
 * table, its list order (db/migrations.txt, not version order), each file in its own transaction, SHA-256 of the
 * file's UTF-8 text as the checksum.
 */
final class OldRunner {
  /** db/migrations.txt as it was when Flyway replaced the runner. */
  static final List<String> LIST = List.of("V001__exchange.sql", "V002__job_errors.sql", "V003__job_pause.sql",
      "V004__run_files_removed.sql", "V005__job_succeeded_with_errors.sql", "V100__outbox.sql", "V150__stock.sql",
      "V200__catalog.sql", "V300__orders.sql", "V210__offer_sku.sql", "V220__awaiting_offer.sql",
      "V320__order_facts.sql", "V230__full_export.sql", "V240__data_versions.sql", "V400__retention.sql",
      "V410__console_states.sql");

  private OldRunner() {}

  /** Applies the first {@code n} files of the list as the old runner did. */
  static void applyFirst(Connection c, int n) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE IF NOT EXISTS schema_migration (
            name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())""");
    }
    for (String name : LIST.subList(0, n)) {
      String sql = text(name);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          PreparedStatement record = c.prepareStatement("INSERT INTO schema_migration(name, checksum) VALUES (?, ?)")) {
        s.execute(sql);
        record.setString(1, name);
        record.setString(2, Sha256.hex(sql));
        record.executeUpdate();
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  static String text(String name) {
    try (InputStream in = OldRunner.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
