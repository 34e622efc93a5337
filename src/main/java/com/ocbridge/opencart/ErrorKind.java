package com.ocbridge.opencart;

/** What went wrong with a call to OpenCart, independent of the API flavour. */
public enum ErrorKind {
  /** Unknown API user, wrong key or disabled user (401). */
  UNAUTHORIZED(false),
  /** The caller's IP is not in the API user's allow-list (403). */
  FORBIDDEN_IP(false),
  /** Nothing matches the reference (404). */
  NOT_FOUND(false),
  /** A SKU/model matches several products (409); see {@link OpenCartException#productIds()}. */
  AMBIGUOUS(false),
  /** The shop refused the data (422); see {@link OpenCartException#fieldErrors()}. */
  VALIDATION(false),
  /** Malformed request or method not allowed (400, 405, other 4xx). */
  BAD_REQUEST(false),
  /** Request body over the shop's limit (413): split the batch or shrink the image. */
  PAYLOAD_TOO_LARGE(false),
  /** The shop or a proxy in front of it failed (5xx, also 429). */
  SERVER(true),
  /**
   * The shop's database reported a lock conflict (deadlock, lock wait timeout) that the shop rolled back and could
   * not resolve by retrying itself (503 {@code busy}): nothing of it was applied, so sending it again is safe.
   */
  BUSY(true),
  /** The answer is not the bridge's JSON: HTML (even with 200), other content, broken JSON, no envelope. */
  NOT_JSON(false),
  /** No answer within the request timeout. */
  TIMEOUT(true),
  /** Could not connect, or the connection broke. */
  CONNECTION(true),
  /** The flavour or the installed extension does not offer the operation. */
  UNSUPPORTED(false),
  /** The client's circuit breaker is open after repeated failures; the call was not sent. */
  CIRCUIT_OPEN(false);

  private final boolean retryable;

  ErrorKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether sending the same request again may succeed without anything being changed. */
  /** The shop refused this item's data (not an outage): the item is recorded as refused and the rest goes on. */
  public boolean refusesItem() {
    return this == VALIDATION || this == NOT_FOUND || this == AMBIGUOUS || this == PAYLOAD_TOO_LARGE || this == BAD_REQUEST;
  }

  public boolean retryable() {
    return retryable;
  }
}
