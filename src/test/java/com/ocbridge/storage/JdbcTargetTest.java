package com.ocbridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** database.url in the forms the pool accepts becomes the same database for JDBC (Flyway). */
class JdbcTargetTest {

  @Test
  void credentialsLeaveTheUrlAndThePasswordIsNeverShown() {
    JdbcTarget t = JdbcTarget.from("postgresql://bridge:s3cret@db.example:6543/ocbridge?sslmode=require");
    assertEquals("bridge", t.user());
    assertEquals("s3cret", t.password());
    assertTrue(t.url().startsWith("jdbc:postgresql://db.example:6543/ocbridge?sslmode=require"), t.url());
    assertFalse(t.url().contains("s3cret") || t.toString().contains("s3cret"), t.toString());
  }

  @Test
  void parametersAndDefaultsAreThoseOfThePool() {
    JdbcTarget t = JdbcTarget.from("postgresql://[::1]/ocbridge?user=bridge&search_path=bridge");
    assertEquals("bridge", t.user());
    assertEquals(PgConnectOptions.fromUri("postgresql://[::1]/ocbridge").getPassword(), t.password(),
        "without one in the URL, the pool's default password, as the pool sends it");
    assertTrue(t.url().startsWith("jdbc:postgresql://[::1]:5432/ocbridge?sslmode=disable&currentSchema=bridge"), t.url());
  }

  @Test
  void aUnixSocketFolderGoesThroughTheSocketFactory() {
    JdbcTarget t = JdbcTarget.from("postgresql://bridge@/ocbridge?host=/run/ocbridge&port=5433");
    assertTrue(t.url().contains("socketFactory=" + UnixSocketFactory.class.getName()), t.url());
    assertTrue(t.url().contains("socketFactoryArg=%2Frun%2Focbridge%2F.s.PGSQL.5433"), t.url());
  }

  /**
   * The embedded server also listens on a socket in its private folder: Flyway migrates through it, with the
   * password. (The Vert.x pool needs Netty's native transport for a socket, which this build does not carry, so JDBC
   * reads the result.)
   */
  @Test
  void migratesThroughAUnixSocket() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.startEphemeral()) {
      URI tcp = URI.create(db.url("postgres"));
      Path socket = db.socketFolder().resolve(".s.PGSQL." + db.port());
      assumeTrue(Files.exists(socket), "the embedded server has no socket at " + socket + " on this machine");
      String url = "postgresql://" + tcp.getRawUserInfo() + "@/postgres?host=" + db.socketFolder() + "&port=" + db.port();
      assertTrue(PgConnectOptions.fromUri(url).isUsingDomainSocket());
      Vertx vertx = Vertx.vertx();
      try {
        assertEquals(MigrationsTest.ALL, Migrations.apply(vertx, url).await(120, TimeUnit.SECONDS));
        try (Connection c = MigrationsTest.jdbc(url); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT inet_client_addr() IS NULL, (SELECT count(*) FROM flyway_schema_history)")) {
          rs.next();
          assertTrue(rs.getBoolean(1), "a Unix socket connection has no client address");
          assertEquals(MigrationsTest.ALL, rs.getLong(2));
        }
      } finally {
        vertx.close().await();
      }
    }
  }
}
