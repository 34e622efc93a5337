package com.ocbridge.messages;

/**
 * A failure whose message is already written for 1C's operator (Russian, no internals): {@link Reasons} shows it as
 * it is. Its cause keeps the technical detail for the log.
 */
public class OperatorMessage extends RuntimeException {
  public OperatorMessage(String message, Throwable cause) {
    super(message, cause);
  }

  public OperatorMessage(String message) {
    super(message);
  }
}
