package com.ocbridge.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact bytes on a fresh connection, one answer read back: what a hostile client sends, without an HTTP library
 * tidying it up. The source address can be any 127.x.y.z (Linux routes all of 127/8 to loopback), so a fuzzer's
 * wrong credentials do not earn one address the login throttle's delays.
 */
final class RawHttp {
  record Answer(int status, String head, String body) {}

  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** Status -1 when the server closed without an answer (allowed only where the request itself was cut off). */
  Answer send(byte[] request, boolean halfClose, InetAddress from) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) socket.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading everything: read what it said
      }
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        got.write(buf, 0, n);
        String text = got.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          Matcher m = LENGTH.matcher(text.substring(0, end));
          if (m.find() && got.size() >= end + 4 + Long.parseLong(m.group(1))) break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 30 s");
    } catch (IOException e) {
      // a reset after the answer
    }
    String text = got.toString(StandardCharsets.UTF_8);
    // "Expect: 100-continue" is answered first with an interim 100: the answer that counts follows it
    while (text.startsWith("HTTP/1.1 100 ") && text.indexOf("\r\n\r\n") > 0) {
      text = text.substring(text.indexOf("\r\n\r\n") + 4);
    }
    // Vert.x answers a request it cannot parse (a bad request line, a URI over 4096 bytes) as HTTP/1.0
    if (!(text.startsWith("HTTP/1.1 ") || text.startsWith("HTTP/1.0 ")) || text.length() < 12) return new Answer(-1, text, "");
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    return new Answer(Integer.parseInt(text.substring(9, 12)), head, end < 0 ? "" : text.substring(end + 4));
  }

  /**
   * A request with {@code headers} as given; a Content-Length of the body's size is added unless a header of
   * {@code headers} already says something about the body's length (Content-Length or Transfer-Encoding).
   */
  static byte[] request(String method, String target, List<String> headers, byte[] body) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    boolean framed = false;
    for (String h : headers) {
      sb.append(h).append("\r\n");
      String lower = h.toLowerCase();
      framed |= lower.startsWith("content-length:") || lower.startsWith("transfer-encoding:");
    }
    if (!framed && body != null) sb.append("Content-Length: ").append(body.length).append("\r\n");
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (body == null) return head;
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
