package com.ocbridge.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is calling: the address that login throttling, lockouts and the logs name.
 *
 * <p>It is the socket's peer, unless that peer is one of {@code http.trustedProxies} (a reverse proxy the operator
 * put in front of the service, e.g. nginx terminating TLS). Only then is {@code X-Forwarded-For} read, from right
 * to left, and the first address that is not itself a trusted proxy is the client: everything to its left was
 * written by the client and can be forged. A header from an untrusted peer is ignored, so nobody can escape a
 * lockout (or frame another address) by sending the header themselves.
 */
public final class ClientAddress {
  /** One trusted network: an address and how many leading bits of it must match. */
  record Network(byte[] address, int prefixBits) {
    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) return false;
      int full = prefixBits / 8;
      for (int i = 0; i < full; i++) if (candidate[i] != address[i]) return false;
      int rest = prefixBits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (address[full] & mask);
    }
  }

  /** Trusts nobody: the socket's peer is always the client. */
  public static final ClientAddress DIRECT = new ClientAddress(List.of());

  private final List<Network> trusted;

  private ClientAddress(List<Network> trusted) {
    this.trusted = trusted;
  }

  /**
   * {@code entries}: IPv4 or IPv6 addresses, or networks in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}).
   * Host names are refused: resolving them would make every request depend on DNS.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or network
   */
  public static ClientAddress trusting(List<String> entries) {
    List<Network> networks = new ArrayList<>();
    for (String entry : entries) networks.add(network(entry));
    return networks.isEmpty() ? DIRECT : new ClientAddress(List.copyOf(networks));
  }

  private static Network network(String entry) {
    String e = entry == null ? "" : entry.trim();
    int slash = e.indexOf('/');
    byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or a network such as 10.0.0.0/8");
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(e.substring(slash + 1));
      } catch (NumberFormatException x) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + address.length * 8);
      }
      if (bits == 0) {
        throw new IllegalArgumentException("'" + entry + "' would trust every address: anybody could then choose"
            + " the address they are counted under");
      }
    }
    return new Network(address, bits);
  }

  /** The bytes of an IP literal, or null when it is not one (never a DNS lookup). */
  static byte[] literal(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
    boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) return null;
    if (v4) {
      for (String part : t.split("\\.")) if (Integer.parseInt(part) > 255) return null;
    }
    try {
      byte[] raw = InetAddress.getByName(t).getAddress(); // a literal: parsed, not resolved
      return raw.length == 16 ? unmapped(raw) : raw;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** {@code ::ffff:10.0.0.1} (how a dual-stack socket shows an IPv4 peer) compares as {@code 10.0.0.1}. */
  private static byte[] unmapped(byte[] v6) {
    for (int i = 0; i < 10; i++) if (v6[i] != 0) return v6;
    if ((v6[10] & 0xff) != 0xff || (v6[11] & 0xff) != 0xff) return v6;
    return new byte[] {v6[12], v6[13], v6[14], v6[15]};
  }

  public boolean trustsAnyone() {
    return !trusted.isEmpty();
  }

  /** The client's address for this request (see the class comment). */
  public String of(HttpServerRequest request) {
    String peer = peer(request.remoteAddress());
    if (trusted.isEmpty() || !trusts(peer)) return peer;
    List<String> forwarded = request.headers().getAll("X-Forwarded-For");
    return client(peer, forwarded);
  }

  /**
   * The right-most address of the chain that is not a trusted proxy. A header that is missing names the proxy
   * itself; an entry that is not an address (a proxy that does not clean the header, or a forged value past the
   * trusted ones) stops the walk there: what lies behind it cannot be believed.
   */
  String client(String peer, List<String> headers) {
    List<String> chain = new ArrayList<>();
    for (String header : headers) {
      for (String part : header.split(",")) {
        if (!part.isBlank()) chain.add(part.trim());
      }
    }
    String client = peer;
    for (int i = chain.size() - 1; i >= 0; i--) {
      byte[] hop = literal(stripPort(chain.get(i)));
      if (hop == null) return client;
      client = stripPort(chain.get(i));
      if (!contains(hop)) return client;
    }
    return client;
  }

  boolean trusts(String address) {
    byte[] raw = literal(address);
    return raw != null && contains(raw);
  }

  private boolean contains(byte[] raw) {
    for (Network n : trusted) if (n.contains(raw)) return true;
    return false;
  }

  /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}; {@code [::1]:80} → {@code ::1}; a bare IPv6 stays whole. */
  private static String stripPort(String hop) {
    String h = hop.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.indexOf(':');
    return colon > 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
  }

  private static String peer(SocketAddress remote) {
    if (remote == null) return "unknown";
    String host = remote.hostAddress();
    return host != null ? host : remote.toString();
  }
}
