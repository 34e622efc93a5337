package com.ocbridge.exchange;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * A control answer of the exchange protocol: a first line that is exactly {@code success}, {@code progress}
 * or {@code failure}, then free text lines for the 1C operator. Lines are joined with LF and nothing (no BOM,
 * no whitespace) comes before the keyword, because 1C reads the first line literally.
 */
public record ProtocolReply(String keyword, List<String> lines, int httpStatus) {

  public static ProtocolReply success(String... lines) {
    return new ProtocolReply("success", List.of(lines), 200);
  }

  public static ProtocolReply progress(String... lines) {
    return new ProtocolReply("progress", List.of(lines), 200);
  }

  /** Protocol-level failures are HTTP 200 so that 1C shows our reason to the operator. */
  public static ProtocolReply failure(String reason) {
    return new ProtocolReply("failure", List.of(oneLine(reason)), 200);
  }

  public static ProtocolReply unauthorized(String reason) {
    return new ProtocolReply("failure", List.of(oneLine(reason)), 401);
  }

  /** Lines without a keyword (mode=init answers {@code zip=yes} / {@code file_limit=…}). */
  public static ProtocolReply bare(String... lines) {
    return new ProtocolReply(null, List.of(lines), 200);
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    if (keyword != null) sb.append(keyword).append('\n');
    for (String line : lines) sb.append(line).append('\n');
    return sb.toString();
  }

  public Buffer encode(Charset charset) {
    return Buffer.buffer(encodeText(text(), charset));
  }

  /**
   * Encodes text in the response charset; a character the charset cannot hold becomes a character reference
   * ({@code &#8381;}) instead of a question mark, so nothing is lost (the orders XML does the same in
   * {@code commerceml.internal.XmlEncoder}, streaming).
   */
  private static byte[] encodeText(String text, Charset charset) {
    CharsetEncoder encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    if (encoder.canEncode(text)) {
      try {
        ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
      } catch (CharacterCodingException e) {
        // fall through to the per-character path
      }
    }
    StringBuilder safe = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      String s = new String(Character.toChars(cp));
      if (encoder.canEncode(s)) safe.append(s); else safe.append("&#").append(cp).append(';');
    });
    return safe.toString().getBytes(charset);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace("\r", " ").replace("\n", " ");
  }
}
