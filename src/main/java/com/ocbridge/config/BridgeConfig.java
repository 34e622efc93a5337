package com.ocbridge.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
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
    OneC onec,
    Security security,
    Retention retention,
    Console console,
    Log log) {

  /**
   * {@code trustedProxies}: addresses or CIDR networks whose {@code X-Forwarded-For} is believed (empty: nobody's);
   * {@code tls}: the PEM files to serve HTTPS from, or null for plain HTTP (behind a TLS proxy, or on loopback).
   */
  public record Http(String host, int port, List<String> trustedProxies, Tls tls) {
    public Http(String host, int port) {
      this(host, port, List.of(), null);
    }
  }

  /** A certificate chain and its private key, both PEM files. */
  public record Tls(Path certFile, Path keyFile) {}

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
      String username, String password, String path, long fileLimit, boolean zip, String responseCharset,
      int zipMaxEntries) {
    @Override
    public String toString() {
      return "Exchange[path=" + path + ", fileLimit=" + fileLimit + ", zip=" + zip + ", charset=" + responseCharset
          + ", zipMaxEntries=" + zipMaxEntries + "]";
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
      int concurrency,
      int stockConcurrency,
      int orderReadConcurrency,
      int orderWriteConcurrency) {
    public boolean configured() {
      return baseUrl != null;
    }

    @Override
    public String toString() {
      return "OpenCart[flavour=" + flavour + ", baseUrl=" + baseUrl + ", apiUsername=" + apiUsername
          + ", language=" + language + ", storeIds=" + storeIds + ", concurrency=" + concurrency
          + ", stockConcurrency=" + stockConcurrency + ", orderReadConcurrency=" + orderReadConcurrency
          + ", orderWriteConcurrency=" + orderWriteConcurrency + "]";
    }
  }

  /**
   * {@code priceType} empty means "the first price type of the package"; {@code variants} is how characteristics
   * become options: {@code combinations} or {@code kinds}.
   */
  public record Catalog(String priceType, String fullImportMissing, BigDecimal maxDisableShare, String variants,
      Approval approval) {
    public Catalog(String priceType, String fullImportMissing, BigDecimal maxDisableShare, String variants) {
      this(priceType, fullImportMissing, maxDisableShare, variants, Approval.OFF);
    }
  }

  /**
   * {@code catalog.approval.*}: a catalog job whose change plan goes beyond one of these is held until an operator
   * approves or rejects it (0 = the rule is off). {@code priceChangePercent} and {@code priceChangeProducts} go
   * together: more than that many products whose price changes by more than that percentage.
   */
  public record Approval(long disableMoreThan, BigDecimal priceChangePercent, long priceChangeProducts,
      long deleteMoreThan) {
    public static final Approval OFF = new Approval(0, BigDecimal.ZERO, 0, 0);
  }

  /**
   * {@code numberPrefix} goes before the order id in {@code Номер} ("OC-123"; {@code Ид} stays the plain id);
   * {@code since} is where the very first poll starts (null = the 30 days before it); {@code paidStatusId} and
   * {@code shippedStatusId} are what a payment or shipment from 1C sets (0 = keep the status, add the note only).
   */
  public record Orders(int pollSeconds, List<Integer> statusIds, Map<String, Integer> statusMap, String numberPrefix,
                       LocalDate since, int paidStatusId, int shippedStatusId, OrderOutput output) {}

  /**
   * How orders are written for 1C, in the query document and the push alike: {@code company} decides when the buyer
   * is a company, {@code customFields} name the OpenCart custom fields (name or custom_field_id) its requisites come
   * from, {@code discounts} is {@code document} or {@code line}, {@code delivery} names the delivery line,
   * {@code timeZone} the zone of the dates ("" = the shop's own).
   */
  public record OrderOutput(OrderCompany company, OrderCustomFields customFields, String discounts,
                            OrderDelivery delivery, String timeZone) {}

  /** A company's order: its customer group is listed, or the named custom field is filled in. */
  public record OrderCompany(List<Integer> customerGroupIds, String customField) {}

  public record OrderCustomFields(String inn, String kpp, String company, String legalAddress) {}

  /** {@code name} "" = the shipping method's name; {@code sku} "" = none. */
  public record OrderDelivery(String name, String sku) {}

  public record OneC(Push push) {}

  /** Failed-login throttling: {@code loginFailures} within {@code windowSeconds} lock for {@code lockoutSeconds}. */
  public record Security(int loginFailures, int lockoutSeconds, int windowSeconds) {}

  /**
   * How long finished rows are kept ({@code com.ocbridge.retention.Retention}): delivered outbox entries, answered
   * stock messages, settled sale batches and exchange sessions, in days; deleted {@code batchSize} rows per statement,
   * every {@code intervalMinutes}. {@code enabled} false keeps everything for ever (the behaviour before retention).
   */
  public record Retention(boolean enabled, int outboxDoneDays, int stockMessageDays, int saleBatchDays,
                          int sessionDays, int batchSize, int intervalMinutes) {}

  /**
   * The operator console ({@code /console}): its own login, not 1C's exchange password and not an API token. An
   * empty {@code username} turns the console off (its page then says how to turn it on).
   */
  public record Console(String username, String password, int sessionMinutes) {
    public boolean enabled() {
      return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
      return "Console[" + (enabled() ? "username=" + username + ", sessionMinutes=" + sessionMinutes : "off") + "]";
    }
  }

  /** {@code log.format}: {@code text} (one key=value line per event) or {@code json} (one JSON object per line). */
  public record Log(String format) {}

  public record Push(boolean enabled, URI baseUrl, String username, String password) {
    @Override
    public String toString() {
      return "Push[enabled=" + enabled + ", baseUrl=" + baseUrl + ", username=" + username + "]";
    }
  }

}
