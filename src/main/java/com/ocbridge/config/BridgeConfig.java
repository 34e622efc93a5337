package com.ocbridge.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole service configuration, immutable, built once at start by {@link ConfigLoader}.
 * Keys and defaults are those of the product's interface document; see config.json.
 * The records' {@code toString} never prints a secret, so the whole config can be logged.
 */
public record BridgeConfig(
    Http http,
    Database database,
    Path dataDir,
    Exchange exchange,
    Api api,
    OpenCart opencart,
    Catalog catalog,
    Orders orders,
    OneC onec) {

  public record Http(String host, int port) {}

  /** {@code url} is either {@code embedded} or a {@code postgresql://user:pass@host:port/db} URL. */
  public record Database(String url) {
    public boolean embedded() {
      return "embedded".equals(url);
    }

    @Override
    public String toString() {
      return embedded() ? "Database[embedded]" : "Database[" + url.replaceAll("//[^@/]*@", "//***@") + "]";
    }
  }

  public record Exchange(
      String username, String password, String path, long fileLimit, boolean zip, String responseCharset) {
    @Override
    public String toString() {
      return "Exchange[path=" + path + ", fileLimit=" + fileLimit + ", zip=" + zip + ", charset=" + responseCharset + "]";
    }
  }

  public record Api(List<String> tokens) {
    @Override
    public String toString() {
      return "Api[" + tokens.size() + " tokens]";
    }
  }

  public record OpenCart(
      String flavour,
      URI baseUrl,
      String apiUsername,
      String apiKey,
      String language,
      List<Integer> storeIds,
      int concurrency) {
    public boolean configured() {
      return baseUrl != null;
    }

    @Override
    public String toString() {
      return "OpenCart[flavour=" + flavour + ", baseUrl=" + baseUrl + ", apiUsername=" + apiUsername
          + ", language=" + language + ", storeIds=" + storeIds + ", concurrency=" + concurrency + "]";
    }
  }

  /**
   * {@code priceType} empty means "the first price type of the package"; {@code variants} is how characteristics
   * become options: {@code combinations} or {@code kinds}.
   */
  public record Catalog(String priceType, String fullImportMissing, BigDecimal maxDisableShare, String variants) {}

  public record Orders(int pollSeconds, List<Integer> statusIds, Map<String, Integer> statusMap) {}

  public record OneC(Push push) {}

  public record Push(boolean enabled, URI baseUrl, String username, String password) {
    @Override
    public String toString() {
      return "Push[enabled=" + enabled + ", baseUrl=" + baseUrl + ", username=" + username + "]";
    }
  }

}
