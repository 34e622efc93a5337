package com.ocbridge.commerceml;

/**
 * Why a CommerceML document was refused. {@link #line()} / {@link #column()} are 1-based positions in the
 * original input (characters, not bytes), or -1 when unknown.
 */
public final class CommerceMlException extends RuntimeException {

  public enum Reason {
    /** Not well-formed XML (the parser's message, with line and column). */
    MALFORMED_XML,
    /** A {@code <!DOCTYPE>}: CommerceML never needs one, and DTDs are how XXE and entity bombs get in. */
    DOCTYPE_NOT_ALLOWED,
    /** An entity reference other than the five predefined ones and character references. */
    ENTITY_NOT_ALLOWED,
    /** A guard rail (depth, text per field, token size, document size) was exceeded. */
    LIMIT_EXCEEDED,
    /** An encoding we cannot stream (UTF-16/32, multi-byte legacy charsets) or do not know. */
    UNSUPPORTED_ENCODING,
    /** Well-formed XML, but the root element is not {@code КоммерческаяИнформация}. */
    NOT_COMMERCEML
  }

  private final Reason reason;
  private final int line;
  private final int column;

  public CommerceMlException(Reason reason, String message, int line, int column, Throwable cause) {
    super(format(message, line, column), cause);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  public CommerceMlException(Reason reason, String message, int line, int column) {
    this(reason, message, line, column, null);
  }

  public Reason reason() {
    return reason;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  private static String format(String message, int line, int column) {
    if (line < 0) {
      return message;
    }
    return message + " (line " + line + ", column " + column + ")";
  }
}
