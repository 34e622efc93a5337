package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.CommerceMlException;

/**
 * Collects the text of one element. aalto delivers text in fragments (at every chunk boundary), so text is
 * appended until the element ends. The length cap is the "max text per field" guard rail.
 */
final class TextBuffer {
  private char[] buf = new char[256];
  private int len;
  private final int max;

  TextBuffer(int max) {
    this.max = max;
  }

  void reset() {
    len = 0;
  }

  /** Appends; returns false when the field would exceed the cap. */
  boolean append(char[] src, int start, int n) {
    if (len + n > max) {
      return false;
    }
    if (len + n > buf.length) {
      char[] bigger = new char[Math.min(max, Math.max(buf.length * 2, len + n))];
      System.arraycopy(buf, 0, bigger, 0, len);
      buf = bigger;
    }
    System.arraycopy(src, start, buf, len, n);
    len += n;
    return true;
  }

  /** The text without leading/trailing whitespace; null when that is empty. Creates one String, no copies. */
  String trimmed() {
    int s = 0;
    int e = len;
    while (s < e && isSpace(buf[s])) {
      s++;
    }
    while (e > s && isSpace(buf[e - 1])) {
      e--;
    }
    return s == e ? null : new String(buf, s, e - s);
  }

  /** XML whitespace, plus the no-break and other Unicode spaces 1C pads names with. */
  private static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }
    return c >= '\u0080' && (c == '\u00A0' || Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  static CommerceMlException tooLong(String element, int max, int line, int column) {
    return new CommerceMlException(CommerceMlException.Reason.LIMIT_EXCEEDED,
        "Text of <" + element + "> is longer than " + max + " characters", line, column);
  }
}
