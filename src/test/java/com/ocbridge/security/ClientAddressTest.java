package com.ocbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The right-to-left walk of X-Forwarded-For and the checks of {@code http.trustedProxies} entries. */
class ClientAddressTest {
  private final ClientAddress proxies = ClientAddress.trusting(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

  @Test
  void theRightMostAddressThatIsNotATrustedProxyIsTheClient() {
    assertEquals("203.0.113.7", proxies.client("127.0.0.1", List.of("198.51.100.1, 203.0.113.7, 10.2.3.4")));
    assertEquals("203.0.113.7", proxies.client("127.0.0.1", List.of("198.51.100.1", "203.0.113.7,10.2.3.4")),
        "several header lines are one list");
    assertEquals("2001:db8::5", proxies.client("127.0.0.1", List.of("2001:db8::5, fd12::1")));
    assertEquals("203.0.113.7", proxies.client("127.0.0.1", List.of("203.0.113.7:51234")), "a port is dropped");
    assertEquals("2001:db8::5", proxies.client("127.0.0.1", List.of("[2001:db8::5]:443")));
  }

  @Test
  void withoutAHeaderOrWithOnlyProxiesTheLastKnownHopIsTheClient() {
    assertEquals("127.0.0.1", proxies.client("127.0.0.1", List.of()));
    assertEquals("10.0.0.1", proxies.client("127.0.0.1", List.of("10.0.0.1")));
  }

  @Test
  void anEntryThatIsNotAnAddressStopsTheWalk() {
    // what lies left of garbage cannot be believed: the last hop that was an address is named
    assertEquals("10.9.9.9", proxies.client("127.0.0.1", List.of("203.0.113.7, unknown, 10.9.9.9")));
    assertEquals("127.0.0.1", proxies.client("127.0.0.1", List.of("evil.example")));
  }

  @Test
  void networksMatchOnTheirPrefixOnly() {
    var narrow = ClientAddress.trusting(List.of("192.168.10.0/23"));
    assertEquals("192.168.12.1", narrow.client("192.168.11.255", List.of("192.168.12.1, 192.168.10.4")));
    assertEquals("203.0.113.1", narrow.client("192.168.11.255", List.of("203.0.113.1")));
  }

  @Test
  void entriesThatAreNotAddressesAreRefusedByName() {
    IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
        () -> ClientAddress.trusting(List.of("proxy.example")));
    assertTrue(host.getMessage().contains("'proxy.example'"), host.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of("300.1.1.1")));
    IllegalArgumentException everyone = assertThrows(IllegalArgumentException.class,
        () -> ClientAddress.trusting(List.of("0.0.0.0/0")));
    assertTrue(everyone.getMessage().contains("every address"), everyone.getMessage());
  }

  @Test
  void aMappedIpv4PeerIsThatAddress() {
    // a dual-stack socket shows an IPv4 proxy as ::ffff:a.b.c.d
    assertTrue(proxies.trusts("::ffff:127.0.0.1"));
    assertTrue(proxies.trusts("10.200.0.1"));
    assertTrue(!proxies.trusts("11.0.0.1"));
    assertTrue(!proxies.trusts("garbage"));
  }
}
