package com.ocbridge.exchange;

import com.ocbridge.messages.OperatorMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;

/**
 * The {@code type=sale} modes that belong to the orders feature (query, success, info); the exchange protocol
 * only authenticates and routes. Until the orders feature is wired in, {@link #unavailable()} answers them.
 */
public interface OrdersExchange {

  /**
   * An XML document for 1C with its content type, already encoded in the response charset: small ones in memory
   * ({@code body}), large ones in a file ({@code file}) that the handler sends with its exact Content-Length (as the
   * reference server does) and then deletes, so memory stays flat however many orders there are.
   */
  record XmlAnswer(Buffer body, Path file, String contentType) {
    public static XmlAnswer inMemory(Buffer body, String contentType) {
      return new XmlAnswer(body, null, contentType);
    }

    public static XmlAnswer inFile(Path file, String contentType) {
      return new XmlAnswer(null, file, contentType);
    }
  }

  Future<XmlAnswer> query(ExchangeStore.Session session);

  Future<ProtocolReply> success(ExchangeStore.Session session);

  Future<XmlAnswer> info();

  String NOT_ENABLED = "обмен заказами в этом мосту не включён: задайте настройки opencart.* и orders.*";

  static OrdersExchange unavailable() {
    return new OrdersExchange() {
      @Override
      public Future<XmlAnswer> query(ExchangeStore.Session session) {
        return Future.failedFuture(new OperatorMessage(NOT_ENABLED));
      }

      @Override
      public Future<ProtocolReply> success(ExchangeStore.Session session) {
        return Future.succeededFuture(ProtocolReply.failure(NOT_ENABLED));
      }

      @Override
      public Future<XmlAnswer> info() {
        return Future.failedFuture(new OperatorMessage(NOT_ENABLED));
      }
    };
  }
}
