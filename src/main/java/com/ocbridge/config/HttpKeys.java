package com.ocbridge.config;

import com.ocbridge.security.ClientAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code http.*} keys: where the service listens, which reverse proxies it believes, and HTTPS.
 *
 * <p>{@code http.tls.certFile} and {@code http.tls.keyFile} go together: both PEM files must be readable at start,
 * checked here so that a typo names its key instead of failing deep inside the server's start.
 */
final class HttpKeys {
  private HttpKeys() {}

  static void declare(RetentionKeys.Declare d) {
    d.key("http.host", ConfigLoader.Type.STRING, "0.0.0.0");
    d.key("http.port", ConfigLoader.Type.INT, 8080);
    d.key("http.trustedProxies", ConfigLoader.Type.STRING_LIST, List.of());
    d.key("http.tls.certFile", ConfigLoader.Type.STRING, "");
    d.key("http.tls.keyFile", ConfigLoader.Type.STRING, "");
  }

  @SuppressWarnings("unchecked")
  static BridgeConfig.Http build(Map<String, Object> v, String host) {
    int port = (int) v.get("http.port");
    if (port < 0 || port > 65535) throw new ConfigException("http.port", "must be between 0 and 65535, got " + port);
    List<String> proxies = List.copyOf((List<String>) v.get("http.trustedProxies"));
    try {
      ClientAddress.trusting(proxies);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("http.trustedProxies", e.getMessage());
    }
    return new BridgeConfig.Http(host, port, proxies, tls(v));
  }

  private static BridgeConfig.Tls tls(Map<String, Object> v) {
    String cert = ((String) v.get("http.tls.certFile")).trim();
    String key = ((String) v.get("http.tls.keyFile")).trim();
    if (cert.isEmpty() && key.isEmpty()) return null;
    if (cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException(cert.isEmpty() ? "http.tls.certFile" : "http.tls.keyFile",
          "is required together with " + (cert.isEmpty() ? "http.tls.keyFile" : "http.tls.certFile")
              + " (both PEM files, or neither for plain HTTP)");
    }
    return new BridgeConfig.Tls(readable("http.tls.certFile", cert), readable("http.tls.keyFile", key));
  }

  private static Path readable(String key, String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(key, "cannot read " + path + " (a PEM file the service's user can read)");
    }
    return path;
  }
}
