package com.ocbridge.onec;

import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxWorker;
import com.ocbridge.storage.Database;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * One service instance as far as pushing orders goes: its own Vert.x, connection pool, 1C client and outbox worker,
 * wired the way BridgeApp wires them. Two of these on one database are two instances of the service.
 */
final class ServiceInstance implements AutoCloseable {
  final Vertx vertx;
  final Pool pool;
  final OneCOrdersClient client;
  final OutboxWorker worker;

  ServiceInstance(String databaseUrl, OneCPushSettings push, OutboxWorker.Settings settings) {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, databaseUrl, 8);
    client = new OneCOrdersClient(vertx, push);
    worker = new OutboxWorker(new Outbox(pool), PgConnectOptions.fromUri(databaseUrl),
        Map.of(OneCOrderHandler.TYPE, new OneCOrderHandler(client)), settings);
    vertx.deployVerticle(worker).await();
  }

  /**
   * As if the process died: the database connections go first, so the worker cannot record anything for the
   * request it has in flight; then everything else stops.
   */
  void kill() {
    pool.close().await();
    vertx.close().await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
