package com.ocbridge.commerceml.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams a single-byte encoding (windows-1251 in practice; also KOI8-R, ISO-8859-x, cp866) into UTF-8 with a
 * 256-entry lookup table. Every byte is one character, so chunks can be cut anywhere: there is no state to carry
 * across chunk boundaries (unlike a general {@code CharsetDecoder}).
 */
public final class SingleByteTable {
  private static final Map<String, SingleByteTable> CACHE = new ConcurrentHashMap<>();

  private final String charsetName;
  /** UTF-8 bytes of each of the 256 input bytes. */
  private final byte[][] utf8 = new byte[256][];
  private final int maxExpansion;

  private SingleByteTable(Charset cs) {
    this.charsetName = cs.name();
    int max = 1;
    for (int b = 0; b < 256; b++) {
      String ch = new String(new byte[]{(byte) b}, cs);
      utf8[b] = ch.getBytes(StandardCharsets.UTF_8);
      max = Math.max(max, utf8[b].length);
    }
    this.maxExpansion = max;
  }

  /**
   * The table for a charset, or null when the charset is not a single-byte, ASCII-compatible one (then it cannot
   * be transcoded this way).
   */
  public static SingleByteTable forCharset(Charset cs) {
    return CACHE.computeIfAbsent(cs.name(), n -> {
      if (!cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1.0f || cs.newDecoder().maxCharsPerByte() != 1.0f) {
        return null;
      }
      SingleByteTable t = new SingleByteTable(cs);
      for (int b = 0; b < 128; b++) {
        if (t.utf8[b].length != 1 || t.utf8[b][0] != b) {
          return null; // not ASCII-compatible (EBCDIC and the like)
        }
      }
      return t;
    });
  }

  public String charsetName() {
    return charsetName;
  }

  /**
   * Transcodes {@code in[off, off+len)}. Returns {@code in} itself (and {@code len} via {@code outLen}) when the
   * range is pure ASCII and {@code off == 0}, otherwise a new array starting at index 0.
   */
  public byte[] transcode(byte[] in, int off, int len, int[] outLen) {
    int end = off + len;
    int i = off;
    while (i < end && in[i] >= 0) {
      i++;
    }
    if (i == end && off == 0) {
      outLen[0] = len;
      return in;
    }
    byte[] out = new byte[len * maxExpansion];
    int o = i - off;
    System.arraycopy(in, off, out, 0, o);
    for (; i < end; i++) {
      byte b = in[i];
      if (b >= 0) {
        out[o++] = b;
      } else {
        byte[] u = utf8[b & 0xFF];
        for (byte x : u) {
          out[o++] = x;
        }
      }
    }
    outLen[0] = o;
    return out;
  }
}
