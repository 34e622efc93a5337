package com.ocbridge.testing;

import com.ocbridge.storage.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM (the same server the product embeds), and a fresh database per
 * caller, so test classes never see each other's rows. No mocks of the database anywhere.
 */
public final class TestDatabase {
  private static EmbeddedDatabase server;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabase() {}

  private static synchronized EmbeddedDatabase server() {
    if (server == null) {
      try {
        server = EmbeddedDatabase.startEphemeral();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return server;
  }

  /** Creates an empty database and answers its postgresql:// URL. */
  public static String newDatabase() {
    EmbeddedDatabase pg = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    createDatabase(pg, name);
    return pg.url(name);
  }

  private static void createDatabase(EmbeddedDatabase pg, String name) {
    // The async client cannot run CREATE DATABASE before a database exists to connect to; do it over the wire
    // with the async client against the maintenance database instead of pulling a JDBC driver in.
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      var pool = com.ocbridge.storage.Database.pool(vertx, pg.url("postgres"), 1);
      pool.query("CREATE DATABASE " + name).execute().await();
      pool.close().await();
    } finally {
      vertx.close().await();
    }
  }
}
