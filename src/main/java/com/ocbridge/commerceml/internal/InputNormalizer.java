package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.CommerceMlException;
import com.ocbridge.commerceml.CommerceMlException.Reason;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns the raw bytes of a CommerceML file into what aalto's async parser accepts: UTF-8 without a BOM and
 * without an XML declaration, starting at the root element.
 *
 * <p>Why: aalto 1.4.0's async parser refuses a UTF-8 BOM (which 1C writes often) and every encoding except
 * UTF-8/US-ASCII/ISO-8859-1 (the orders samples are windows-1251). It also miscounts lines inside the prolog.
 * So this class
 * <ol>
 *   <li>buffers the prolog (everything before the root element, normally one chunk; capped),</li>
 *   <li>strips a UTF-8 BOM and refuses UTF-16/32,</li>
 *   <li>reads the declaration's {@code encoding}, skips the declaration, comments and processing instructions,
 *       and refuses a {@code <!DOCTYPE>} before aalto ever sees it (aalto would only say "Invalid name start
 *       character"),</li>
 *   <li>passes UTF-8 through untouched (same array, no copy) and transcodes single-byte encodings chunk by chunk
 *       with a 256-entry table ({@link SingleByteTable}).</li>
 * </ol>
 * It remembers how many lines and columns of prolog it removed so error positions can be mapped back to the
 * original file.
 */
public final class InputNormalizer {
  private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final int maxPrologBytes;
  /** Prolog bytes collected so far, until the root element is found. */
  private byte[] prolog = new byte[0];
  private int prologLen;
  private boolean prologDone;
  /** null = UTF-8 pass-through. */
  private SingleByteTable table;
  private String encoding = "UTF-8";
  private boolean bom;
  /** Newlines before the root element, and characters before it on its line (for error positions). */
  private int prologNewlines;
  private int prologColumns;
  private final int[] outLen = new int[1];
  private int lastLength;

  public InputNormalizer(int maxPrologBytes) {
    this.maxPrologBytes = maxPrologBytes;
  }

  /**
   * Processes one chunk. Returns the bytes to feed to aalto (from index 0, {@link #lastLength()} of them),
   * or null when nothing is ready yet (the prolog is still incomplete). The caller must not modify {@code chunk}
   * afterwards: in the UTF-8 case it is returned as is.
   */
  public byte[] process(byte[] chunk) {
    if (prologDone) {
      return convert(chunk, 0, chunk.length);
    }
    if (prologLen + chunk.length > prolog.length) {
      prolog = Arrays.copyOf(prolog, Math.max(prolog.length * 2, prologLen + chunk.length));
    }
    System.arraycopy(chunk, 0, prolog, prologLen, chunk.length);
    prologLen += chunk.length;
    return scan(false);
  }

  /** End of input: returns whatever is still buffered (a document that is only a prolog), or null. */
  public byte[] finish() {
    if (prologDone) {
      return null;
    }
    return scan(true);
  }

  public int lastLength() {
    return lastLength;
  }

  public String encoding() {
    return encoding;
  }

  public boolean bom() {
    return bom;
  }

  public int prologNewlines() {
    return prologNewlines;
  }

  public int prologColumns() {
    return prologColumns;
  }

  private byte[] convert(byte[] in, int off, int len) {
    if (table == null) {
      if (off == 0) {
        lastLength = len;
        return in;
      }
      lastLength = len;
      return Arrays.copyOfRange(in, off, off + len); // aalto's locations need arrays that start at 0
    }
    byte[] out = table.transcode(in, off, len, outLen);
    lastLength = outLen[0];
    return out;
  }

  /** Scans the buffered prolog; returns converted bytes from the root element on, or null if more input is needed. */
  private byte[] scan(boolean eof) {
    byte[] b = prolog;
    int len = prologLen;
    int i = 0;
    // byte order marks
    if (len >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)
        || (b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0))) {
      throw new CommerceMlException(Reason.UNSUPPORTED_ENCODING,
          "UTF-16/UTF-32 input is not supported; 1C writes UTF-8 or windows-1251", 1, 1);
    }
    if (len >= 1 && b[0] == (byte) 0xEF) {
      if (len < 3 && !eof) {
        return null;
      }
      if (len >= 3 && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
        bom = true;
        i = 3;
      }
    }
    int line = 1;
    int col = 1;
    String declaredEncoding = null;
    while (i < len) {
      byte c = b[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= len || b[i + 1] != '\n'))) {
        line++;
        col = 1;
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        col++;
        i++;
        continue;
      }
      if (c != '<') {
        break; // text before the root: aalto reports it as malformed
      }
      if (i + 1 >= len) {
        if (!eof) {
          return needMore();
        }
        break;
      }
      byte n = b[i + 1];
      if (n == '?') {
        int end = indexOf(b, i + 2, len, '?', '>');
        if (end < 0) {
          if (!eof) {
            return needMore();
          }
          break; // unterminated: let aalto report it
        }
        String pi = new String(b, i + 2, end - (i + 2), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (pi.startsWith("xml") && pi.length() > 3 && Character.isWhitespace(pi.charAt(3))) {
          declaredEncoding = pseudoAttribute(pi, "encoding");
        }
        int[] lc = advance(b, i, end + 2, line, col);
        line = lc[0];
        col = lc[1];
        i = end + 2;
        continue;
      }
      if (n == '!') {
        if (i + 4 > len && !eof) {
          return needMore();
        }
        if (i + 3 < len && b[i + 2] == '-' && b[i + 3] == '-') {
          int end = indexOf3(b, i + 4, len);
          if (end < 0) {
            if (!eof) {
              return needMore();
            }
            break;
          }
          int[] lc = advance(b, i, end + 3, line, col);
          line = lc[0];
          col = lc[1];
          i = end + 3;
          continue;
        }
        if (i + DOCTYPE.length > len && !eof) {
          return needMore();
        }
        if (startsWithIgnoreCase(b, i, len, DOCTYPE)) {
          throw new CommerceMlException(Reason.DOCTYPE_NOT_ALLOWED,
              "DOCTYPE is not allowed in CommerceML", line, col);
        }
      }
      break; // the root element (or something aalto will reject)
    }
    if (i >= len && !eof) {
      return needMore();
    }
    // The root element starts at i (or the input ended).
    prologDone = true;
    prologNewlines = line - 1;
    prologColumns = col - 1;
    chooseEncoding(bom ? "UTF-8" : declaredEncoding);
    byte[] all = prolog;
    prolog = null;
    if (i >= len) {
      lastLength = 0;
      return null;
    }
    return convert(all, i, len - i);
  }

  private byte[] needMore() {
    if (prologLen > maxPrologBytes) {
      throw new CommerceMlException(Reason.LIMIT_EXCEEDED,
          "No root element within the first " + maxPrologBytes + " bytes", 1, 1);
    }
    return null;
  }

  private void chooseEncoding(String declared) {
    if (declared == null) {
      return; // XML default: UTF-8
    }
    String e = declared.trim().toUpperCase(Locale.ROOT);
    if (e.equals("UTF-8") || e.equals("UTF8") || e.equals("US-ASCII") || e.equals("ASCII")) {
      encoding = e.startsWith("UTF") ? "UTF-8" : "US-ASCII";
      return;
    }
    if (e.startsWith("UTF-16") || e.startsWith("UTF-32") || e.startsWith("UCS")) {
      throw new CommerceMlException(Reason.UNSUPPORTED_ENCODING,
          "Encoding '" + declared + "' is not supported; 1C writes UTF-8 or windows-1251", 1, 1);
    }
    Charset cs;
    try {
      cs = Charset.forName(declared.trim());
    } catch (RuntimeException ex) {
      throw new CommerceMlException(Reason.UNSUPPORTED_ENCODING, "Unknown encoding '" + declared + "'", 1, 1);
    }
    SingleByteTable t = SingleByteTable.forCharset(cs);
    if (t == null) {
      throw new CommerceMlException(Reason.UNSUPPORTED_ENCODING, "Encoding '" + declared
          + "' is not supported: only UTF-8 and single-byte encodings such as windows-1251", 1, 1);
    }
    table = t;
    encoding = cs.name();
  }

  /** The value of {@code name="..."} or {@code name='...'} inside an XML declaration, or null. */
  static String pseudoAttribute(String decl, String name) {
    int i = decl.indexOf(name);
    while (i >= 0) {
      int j = i + name.length();
      while (j < decl.length() && Character.isWhitespace(decl.charAt(j))) {
        j++;
      }
      if (j < decl.length() && decl.charAt(j) == '=') {
        j++;
        while (j < decl.length() && Character.isWhitespace(decl.charAt(j))) {
          j++;
        }
        if (j < decl.length()) {
          char q = decl.charAt(j);
          int end = decl.indexOf(q, j + 1);
          if ((q == '"' || q == '\'') && end > j) {
            return decl.substring(j + 1, end);
          }
        }
      }
      i = decl.indexOf(name, i + 1);
    }
    return null;
  }

  /** Line/column after the bytes [from, to): counts newlines and characters (UTF-8 continuation bytes skipped). */
  private static int[] advance(byte[] b, int from, int to, int line, int col) {
    for (int k = from; k < to; k++) {
      byte c = b[k];
      if (c == '\n') {
        line++;
        col = 1;
      } else if ((c & 0xC0) != 0x80) {
        col++;
      }
    }
    return new int[]{line, col};
  }

  private static int indexOf(byte[] b, int from, int len, char c1, char c2) {
    for (int k = from; k + 1 < len; k++) {
      if (b[k] == c1 && b[k + 1] == c2) {
        return k;
      }
    }
    return -1;
  }

  /** Index of "-->" at or after {@code from}, or -1. */
  private static int indexOf3(byte[] b, int from, int len) {
    for (int k = from; k + 2 < len; k++) {
      if (b[k] == '-' && b[k + 1] == '-' && b[k + 2] == '>') {
        return k;
      }
    }
    return -1;
  }

  private static boolean startsWithIgnoreCase(byte[] b, int at, int len, byte[] prefix) {
    if (at + prefix.length > len) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (Character.toUpperCase((char) b[at + k]) != prefix[k]) {
        return false;
      }
    }
    return true;
  }
}
