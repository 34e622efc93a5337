package com.ocbridge.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The connection pool every repository uses, created outside verticles so that it lives as long as Vert.x. */
public final class Database {
  private Database() {}

  public static Pool pool(Vertx vertx, String url, int maxSize) {
    PgConnectOptions options = PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    PoolOptions poolOptions = new PoolOptions().setMaxSize(maxSize).setMaxWaitQueueSize(10_000).setName("ocbridge");
    return PgBuilder.pool().with(poolOptions).connectingTo(options).using(vertx).build();
  }

  public static Future<Void> ping(Pool pool) {
    return pool.query("SELECT 1").execute().mapEmpty();
  }
}
