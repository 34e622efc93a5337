package com.ocbridge.opencart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failed call to OpenCart. Carries the {@link ErrorKind}, the operation, the HTTP status
 * (0 when there was no answer), and the shop's own code, message and details when it sent an
 * error envelope. The message is written for the operator who reads the log.
 */
public final class OpenCartException extends RuntimeException {

  private final ErrorKind kind;
  private final String op;
  private final int httpStatus;
  private final String shopCode;
  private final String shopMessage;
  private final Map<String, Object> details;
  private final boolean requestRepeatable;

  public OpenCartException(ErrorKind kind, String op, int httpStatus, String shopCode, String shopMessage,
               Map<String, Object> details, String message, Throwable cause) {
    this(kind, op, httpStatus, shopCode, shopMessage, details, message, cause, false);
  }

  private OpenCartException(ErrorKind kind, String op, int httpStatus, String shopCode, String shopMessage,
                Map<String, Object> details, String message, Throwable cause, boolean requestRepeatable) {
    super(message, cause);
    this.requestRepeatable = requestRepeatable;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.op = op;
    this.httpStatus = httpStatus;
    this.shopCode = shopCode;
    this.shopMessage = shopMessage;
    this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A failure that happened on our side or on the wire, without an answer from the shop. */
  public static OpenCartException of(ErrorKind kind, String op, String message, Throwable cause) {
    return new OpenCartException(kind, op, 0, null, null, Map.of(), message, cause);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The operation, e.g. {@code product.get}. */
  public String op() {
    return op;
  }

  /** HTTP status of the answer, 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The envelope's {@code error.code}, or null. */
  public String shopCode() {
    return shopCode;
  }

  /** The envelope's {@code error.message}, or null. */
  public String shopMessage() {
    return shopMessage;
  }

  /** The envelope's {@code error.details} as plain maps/lists/values; empty when absent. */
  public Map<String, Object> details() {
    return details;
  }

  /**
   * The same failure, of a request that may be sent again even if the shop applied it (an idempotent operation, or
   * a write carrying an idempotency key the shop honours), so a retry after a timeout or a 5xx is harmless.
   */
  public OpenCartException ofRepeatableRequest() {
    OpenCartException e = new OpenCartException(kind, op, httpStatus, shopCode, shopMessage, details, getMessage(),
        getCause(), true);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** See {@link #ofRepeatableRequest()}; false when not known to be so. */
  public boolean requestRepeatable() {
    return requestRepeatable;
  }

  /** Only server failures (5xx), timeouts and connection errors are worth sending again. */
  public boolean isRetryable() {
    return kind.retryable();
  }

  /** For {@link ErrorKind#VALIDATION}: JSON path of the offending field → the shop's message. */
  public Map<String, String> fieldErrors() {
    return ErrorDetails.fieldErrors(details);
  }

  /** For {@link ErrorKind#AMBIGUOUS}: the ids of the products that matched. */
  public List<Long> productIds() {
    return ErrorDetails.productIds(details);
  }
}
