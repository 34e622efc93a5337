package com.ocbridge.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.TreeMap;

/**
 * The effective configuration as {@code GET /api/v1/settings} shows it: grouped and named as in config.json, with
 * every secret replaced by {@value #REDACTED} (passwords, the OpenCart API key, API tokens, the password in the
 * database URL and any user info in a URL). A secret that is not set shows as "" so an operator sees that it is
 * missing, never what it is.
 */
public final class SettingsView {
  public static final String REDACTED = "***";

  private SettingsView() {}

  public static JsonObject of(BridgeConfig c) {
    return new JsonObject()
        .put("http", new JsonObject().put("host", c.http().host()).put("port", c.http().port())
            .put("trustedProxies", new JsonArray(c.http().trustedProxies()))
            .put("tls", c.http().tls() != null))
        .put("database", new JsonObject().put("url", databaseUrl(c.database().url())))
        .put("dataDir", c.dataDir().toString())
        .put("exchange", exchange(c.exchange()))
        .put("api", new JsonObject().put("tokens", tokens(c.api())))
        .put("security", new JsonObject().put("loginFailures", c.security().loginFailures())
            .put("windowSeconds", c.security().windowSeconds()).put("lockoutSeconds", c.security().lockoutSeconds()))
        .put("opencart", opencart(c.opencart()))
        .put("catalog", new JsonObject().put("priceType", c.catalog().priceType())
            .put("fullImportMissing", c.catalog().fullImportMissing())
            .put("maxDisableShare", c.catalog().maxDisableShare().doubleValue())
            .put("variants", c.catalog().variants())
            .put("approval", new JsonObject().put("disableMoreThan", c.catalog().approval().disableMoreThan())
                .put("priceChangePercent", c.catalog().approval().priceChangePercent().doubleValue())
                .put("priceChangeProducts", c.catalog().approval().priceChangeProducts())
                .put("deleteMoreThan", c.catalog().approval().deleteMoreThan())))
        .put("orders", orders(c.orders()))
        .put("onec", new JsonObject().put("push", push(c.onec().push())))
        .put("retention", retention(c.retention()));
  }

  private static JsonObject exchange(BridgeConfig.Exchange e) {
    return new JsonObject().put("username", e.username()).put("password", secret(e.password()))
        .put("path", e.path()).put("fileLimit", e.fileLimit()).put("zip", e.zip())
        .put("responseCharset", e.responseCharset()).put("zipMaxEntries", e.zipMaxEntries());
  }

  private static JsonArray tokens(BridgeConfig.Api api) {
    JsonArray tokens = new JsonArray();
    api.tokens().forEach(t -> tokens.add(secret(t)));
    return tokens;
  }

  private static JsonObject opencart(BridgeConfig.OpenCart o) {
    return new JsonObject().put("flavour", o.flavour()).put("baseUrl", url(o.baseUrl()))
        .put("apiUsername", o.apiUsername()).put("apiKey", secret(o.apiKey())).put("language", o.language())
        .put("storeIds", new JsonArray(o.storeIds())).put("concurrency", o.concurrency())
        .put("stockConcurrency", o.stockConcurrency()).put("orderReadConcurrency", o.orderReadConcurrency())
        .put("orderWriteConcurrency", o.orderWriteConcurrency());
  }

  private static JsonObject orders(BridgeConfig.Orders o) {
    BridgeConfig.OrderOutput out = o.output();
    return new JsonObject().put("pollSeconds", o.pollSeconds()).put("statusIds", new JsonArray(o.statusIds()))
        .put("statusMap", new JsonObject(new TreeMap<String, Object>(o.statusMap())))
        .put("numberPrefix", o.numberPrefix()).put("since", o.since() == null ? "" : o.since().toString())
        .put("paidStatusId", o.paidStatusId()).put("shippedStatusId", o.shippedStatusId())
        .put("company", new JsonObject().put("customerGroupIds", new JsonArray(out.company().customerGroupIds()))
            .put("customField", out.company().customField()))
        .put("customFields", new JsonObject().put("inn", out.customFields().inn())
            .put("kpp", out.customFields().kpp()).put("company", out.customFields().company())
            .put("legalAddress", out.customFields().legalAddress()))
        .put("discounts", out.discounts())
        .put("delivery", new JsonObject().put("name", out.delivery().name()).put("sku", out.delivery().sku()))
        .put("timeZone", out.timeZone());
  }

  private static JsonObject push(BridgeConfig.Push p) {
    return new JsonObject().put("enabled", p.enabled()).put("baseUrl", url(p.baseUrl()))
        .put("username", p.username()).put("password", secret(p.password()));
  }

  private static JsonObject retention(BridgeConfig.Retention r) {
    return new JsonObject().put("enabled", r.enabled()).put("outboxDoneDays", r.outboxDoneDays())
        .put("stockMessageDays", r.stockMessageDays()).put("saleBatchDays", r.saleBatchDays())
        .put("sessionDays", r.sessionDays()).put("batchSize", r.batchSize())
        .put("intervalMinutes", r.intervalMinutes());
  }

  static String secret(String value) {
    return value == null || value.isEmpty() ? "" : REDACTED;
  }

  /** {@code postgresql://user:pass@host/db?password=x} → {@code postgresql://user:***@host/db?password=***}. */
  static String databaseUrl(String url) {
    if (url == null) return null;
    return url.replaceAll("(//[^:@/]*):[^@/]*@", "$1:" + REDACTED + "@")
        .replaceAll("(?i)([?&](password|pass|pwd)=)[^&]*", "$1" + REDACTED);
  }

  /** A URL without user info (a {@code https://user:key@shop/} would carry a secret). */
  static String url(URI uri) {
    if (uri == null) return "";
    if (uri.getRawUserInfo() == null) return uri.toString();
    return uri.toString().replace(uri.getRawUserInfo() + "@", REDACTED + "@");
  }
}
