package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The {@code type=sale} modes that belong to the orders feature (query, success, info); the exchange protocol
 * only authenticates and routes. Until the orders feature is wired in, {@link #unavailable()} answers them.
 */
public interface OrdersExchange {

  /** An XML document for 1C with its content type, already encoded in the response charset. */
  record XmlAnswer(Buffer body, String contentType) {}

  Future<XmlAnswer> query(ExchangeStore.Session session);

  Future<ProtocolReply> success(ExchangeStore.Session session);

  Future<XmlAnswer> info();

  static OrdersExchange unavailable() {
    return new OrdersExchange() {
      @Override
      public Future<XmlAnswer> query(ExchangeStore.Session session) {
        return Future.failedFuture("the orders exchange is not enabled in this service");
      }

      @Override
      public Future<ProtocolReply> success(ExchangeStore.Session session) {
        return Future.succeededFuture(ProtocolReply.failure("the orders exchange is not enabled in this service"));
      }

      @Override
      public Future<XmlAnswer> info() {
        return Future.failedFuture("the orders exchange is not enabled in this service");
      }
    };
  }
}
