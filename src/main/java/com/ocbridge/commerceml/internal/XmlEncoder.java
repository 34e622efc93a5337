package com.ocbridge.commerceml.internal;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes XML text straight into bytes of the target charset (UTF-8 or a single-byte charset such as
 * windows-1251), escaping markup characters. A character the charset cannot hold is written as a character
 * reference ({@code &#8470;} for "№" in windows-1251), so nothing is ever lost. Characters XML 1.0 forbids
 * (most C0 controls, unpaired surrogates) become U+FFFD.
 */
public final class XmlEncoder {
  private static final char REPLACEMENT = '\uFFFD';

  /** For single-byte charsets: char → byte, with {@code mapped} telling which chars exist. */
  private final byte[] encode;
  private final boolean[] mapped;
  private final boolean utf8;
  private byte[] buf = new byte[8192];
  private int len;

  public XmlEncoder(Charset charset) {
    if (charset.equals(StandardCharsets.UTF_8)) {
      utf8 = true;
      encode = null;
      mapped = null;
      return;
    }
    if (SingleByteTable.forCharset(charset) == null) {
      throw new IllegalArgumentException("Only UTF-8 and single-byte charsets are supported, not " + charset);
    }
    utf8 = false;
    encode = new byte[65536];
    mapped = new boolean[65536];
    for (int b = 0; b < 256; b++) {
      String s = new String(new byte[]{(byte) b}, charset);
      char c = s.charAt(0);
      if (s.length() == 1 && c != REPLACEMENT) {
        encode[c] = (byte) b;
        mapped[c] = true;
      }
    }
  }

  /** Takes what was written so far as a Buffer and starts over. */
  public Buffer drain() {
    Buffer b = Buffer.buffer(Arrays.copyOf(buf, len));
    len = 0;
    return b;
  }

  public int size() {
    return len;
  }

  /** Raw bytes (e.g. a BOM). */
  public XmlEncoder bytes(byte... bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** Markup: names and fixed syntax; encoded but not escaped. */
  public XmlEncoder markup(String s) {
    for (int i = 0; i < s.length(); i++) {
      put(s.charAt(i));
    }
    return this;
  }

  /** Escaped character data. Carriage returns are kept as {@code &#13;} (parsers would turn them into newlines). */
  public XmlEncoder text(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> markup("&amp;");
        case '<' -> markup("&lt;");
        case '>' -> markup("&gt;");
        case '\r' -> markup("&#13;");
        default -> i = putChecked(s, i);
      }
    }
    return this;
  }

  /** Escaped attribute value (for double quotes). */
  public XmlEncoder attribute(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> markup("&amp;");
        case '<' -> markup("&lt;");
        case '"' -> markup("&quot;");
        case '\r' -> markup("&#13;");
        case '\n' -> markup("&#10;");
        case '\t' -> markup("&#9;");
        default -> i = putChecked(s, i);
      }
    }
    return this;
  }

  /** Puts the character at {@code i} (a surrogate pair as one code point); returns the last index consumed. */
  private int putChecked(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      if (utf8) {
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        characterReference(cp);
      }
      return i + 1;
    }
    if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || c == '\uFFFE' || c == '\uFFFF') {
      c = REPLACEMENT;
    }
    put(c);
    return i;
  }

  private void put(char c) {
    if (utf8) {
      ensure(3);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    } else if (mapped[c]) {
      ensure(1);
      buf[len++] = encode[c];
    } else {
      characterReference(c);
    }
  }

  private void characterReference(int codePoint) {
    String ref = "&#" + codePoint + ";";
    ensure(ref.length());
    for (int k = 0; k < ref.length(); k++) {
      buf[len++] = (byte) ref.charAt(k);
    }
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
