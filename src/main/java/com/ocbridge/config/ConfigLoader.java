package com.ocbridge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads config.json, applies {@code BRIDGE_*} environment overrides and validates every value.
 *
 * <p>Every key the product knows is declared once in {@link #KEYS} with its type and default; a key in the
 * file that is not declared there is an error, never silently ignored (a typo in a key would otherwise
 * leave a default in force without anyone noticing).
 */
public final class ConfigLoader {
  /** Parallel requests to the shop by default: measured by scripts/bench-realshop on a 4-worker PHP-FPM shop (README). */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** Fast stock, order reads and order writes: single short requests, each in its own lane (issue 13). */
  public static final int DEFAULT_CLASS_CONCURRENCY = 2;

  enum Type { STRING, INT, LONG, BOOL, DECIMAL, STRING_LIST, INT_LIST, INT_MAP }

  private record Key(Type type, Object defaultValue) {}

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  private static void key(String path, Type type, Object defaultValue) {
    KEYS.put(path, new Key(type, defaultValue));
  }

  static {
    HttpKeys.declare(ConfigLoader::key);
    key("database.url", Type.STRING, "embedded");
    key("dataDir", Type.STRING, "data");
    key("exchange.username", Type.STRING, null);
    key("exchange.password", Type.STRING, null);
    key("exchange.path", Type.STRING, "/1c/exchange");
    key("exchange.fileLimit", Type.LONG, 104_857_600L);
    key("exchange.zip", Type.BOOL, true);
    key("exchange.responseCharset", Type.STRING, "windows-1251");
    key("exchange.zipMaxEntries", Type.INT, 20_000);
    key("api.tokens", Type.STRING_LIST, List.of());
    key("opencart.flavour", Type.STRING, "bridge-v1");
    key("opencart.baseUrl", Type.STRING, null);
    key("opencart.apiUsername", Type.STRING, null);
    key("opencart.apiKey", Type.STRING, null);
    key("opencart.language", Type.STRING, "");
    key("opencart.storeIds", Type.INT_LIST, List.of(0));
    key("opencart.concurrency", Type.INT, DEFAULT_CONCURRENCY);
    key("opencart.stockConcurrency", Type.INT, DEFAULT_CLASS_CONCURRENCY);
    key("opencart.orderReadConcurrency", Type.INT, DEFAULT_CLASS_CONCURRENCY);
    key("opencart.orderWriteConcurrency", Type.INT, DEFAULT_CLASS_CONCURRENCY);
    key("catalog.priceType", Type.STRING, "");
    key("catalog.fullImportMissing", Type.STRING, "disable");
    key("catalog.maxDisableShare", Type.DECIMAL, new BigDecimal("0.3"));
    key("catalog.variants", Type.STRING, "combinations");
    key("catalog.approval.disableMoreThan", Type.LONG, 0L);
    key("catalog.approval.priceChangePercent", Type.DECIMAL, BigDecimal.ZERO);
    key("catalog.approval.priceChangeProducts", Type.LONG, 0L);
    key("catalog.approval.deleteMoreThan", Type.LONG, 0L);
    key("orders.pollSeconds", Type.INT, 60);
    key("orders.statusIds", Type.INT_LIST, List.of(1, 2));
    key("orders.statusMap", Type.INT_MAP, Map.of());
    key("orders.numberPrefix", Type.STRING, "");
    key("orders.since", Type.STRING, "");
    key("orders.paidStatusId", Type.INT, 0);
    key("orders.shippedStatusId", Type.INT, 0);
    key("orders.company.customerGroupIds", Type.INT_LIST, List.of());
    key("orders.company.customField", Type.STRING, "");
    key("orders.customFields.inn", Type.STRING, "ИНН");
    key("orders.customFields.kpp", Type.STRING, "КПП");
    key("orders.customFields.company", Type.STRING, "Организация");
    key("orders.customFields.legalAddress", Type.STRING, "Юридический адрес");
    key("orders.discounts", Type.STRING, "document");
    key("orders.delivery.name", Type.STRING, "");
    key("orders.delivery.sku", Type.STRING, "");
    key("orders.timeZone", Type.STRING, "");
    key("onec.push.enabled", Type.BOOL, false);
    key("onec.push.baseUrl", Type.STRING, null);
    key("onec.push.username", Type.STRING, null);
    key("onec.push.password", Type.STRING, null);
    key("security.loginFailures", Type.INT, 10);
    key("security.lockoutSeconds", Type.INT, 300);
    key("security.windowSeconds", Type.INT, 300);
    key("log.format", Type.STRING, "text");
    RetentionKeys.declare(ConfigLoader::key);
    key("console.username", Type.STRING, "");
    key("console.password", Type.STRING, "");
    key("console.sessionMinutes", Type.INT, 30);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /** The file named by {@code --config}, else {@code BRIDGE_CONFIG}, else ./config.json. */
  public static Path configPath(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("BRIDGE_CONFIG");
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "config.json");
  }

  public BridgeConfig load(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", file + " is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new ConfigException("(file)", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
    }
    return load(root);
  }

  public BridgeConfig load(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ConfigException("(file)", "the configuration must be a JSON object");
    }
    Map<String, JsonNode> given = new LinkedHashMap<>();
    flatten("", (ObjectNode) root, given);
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Key> k : KEYS.entrySet()) {
      String path = k.getKey();
      String envName = envName(path);
      Object value;
      if (env.containsKey(envName)) {
        value = fromEnv(path, k.getValue().type(), env.get(envName), envName);
      } else if (given.containsKey(path)) {
        value = fromJson(path, k.getValue().type(), given.get(path));
      } else {
        value = k.getValue().defaultValue();
      }
      values.put(path, value);
    }
    return build(values);
  }

  /** {@code opencart.apiKey} becomes {@code BRIDGE_OPENCART_APIKEY}. */
  public static String envName(String path) {
    return "BRIDGE_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void flatten(String prefix, ObjectNode node, Map<String, JsonNode> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      Key declared = KEYS.get(path);
      if (declared != null) {
        out.put(path, f.getValue());
      } else if (f.getValue().isObject() && KEYS.keySet().stream().anyMatch(k -> k.startsWith(path + "."))) {
        flatten(path, (ObjectNode) f.getValue(), out);
      } else {
        throw new ConfigException(path, "unknown key (known keys: " + String.join(", ", KEYS.keySet()) + ")");
      }
    }
  }

  private static Object fromJson(String path, Type type, JsonNode v) {
    if (v.isNull()) {
      return KEYS.get(path).defaultValue();
    }
    return switch (type) {
      case STRING -> {
        if (!v.isTextual()) throw new ConfigException(path, "must be a string, got " + v);
        yield v.asText();
      }
      case INT -> {
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new ConfigException(path, "must be an integer, got " + v);
        yield v.asInt();
      }
      case LONG -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new ConfigException(path, "must be an integer, got " + v);
        yield v.asLong();
      }
      case BOOL -> {
        if (!v.isBoolean()) throw new ConfigException(path, "must be true or false, got " + v);
        yield v.asBoolean();
      }
      case DECIMAL -> {
        if (!v.isNumber()) throw new ConfigException(path, "must be a number, got " + v);
        yield v.decimalValue();
      }
      case STRING_LIST -> {
        if (!v.isArray()) throw new ConfigException(path, "must be a list of strings, got " + v);
        List<String> list = new ArrayList<>();
        for (JsonNode item : v) {
          if (!item.isTextual()) throw new ConfigException(path, "must be a list of strings, got item " + item);
          list.add(item.asText());
        }
        yield List.copyOf(list);
      }
      case INT_LIST -> {
        if (!v.isArray()) throw new ConfigException(path, "must be a list of integers, got " + v);
        List<Integer> list = new ArrayList<>();
        for (JsonNode item : v) {
          if (!item.isIntegralNumber() || !item.canConvertToInt()) {
            throw new ConfigException(path, "must be a list of integers, got item " + item);
          }
          list.add(item.asInt());
        }
        yield List.copyOf(list);
      }
      case INT_MAP -> {
        if (!v.isObject()) throw new ConfigException(path, "must be an object of name → integer, got " + v);
        Map<String, Integer> map = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
          if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
            throw new ConfigException(path + "." + e.getKey(), "must be an integer, got " + e.getValue());
          }
          map.put(e.getKey(), e.getValue().asInt());
        });
        yield Map.copyOf(map);
      }
    };
  }

  /** Scalars are taken as they are; lists and maps may be given as JSON or, for lists, comma-separated. */
  private static Object fromEnv(String path, Type type, String raw, String envName) {
    String text = raw.trim();
    try {
      JsonNode node = switch (type) {
        case STRING -> JSON.getNodeFactory().textNode(raw);
        case INT, LONG, DECIMAL -> JSON.readTree(text);
        case BOOL -> {
          if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(path, "environment variable " + envName + " must be true or false, got '" + raw + "'");
          }
          yield JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
        }
        case STRING_LIST -> text.startsWith("[") ? JSON.readTree(text) : commaList(text, false);
        case INT_LIST -> text.startsWith("[") ? JSON.readTree(text) : commaList(text, true);
        case INT_MAP -> JSON.readTree(text);
      };
      return fromJson(path, type, node);
    } catch (JsonProcessingException e) {
      throw new ConfigException(path, "environment variable " + envName + " has a bad value '" + raw + "'");
    }
  }

  private static JsonNode commaList(String text, boolean ints) throws JsonProcessingException {
    var array = JSON.createArrayNode();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      if (ints) array.add(JSON.readTree(p)); else array.add(p);
    }
    return array;
  }

  /** The secrets the shipped config.json (and README examples) carry. */
  private static final List<String> PLACEHOLDERS = List.of("pass", "password", "user", "secret", "changeme");

  static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  private static void refusePlaceholder(String key, String secret, String host) {
    String s = secret == null ? "" : secret.trim().toLowerCase(java.util.Locale.ROOT);
    if (PLACEHOLDERS.contains(s) || s.startsWith("change-me")) {
      throw new ConfigException(key, "is the shipped placeholder '" + secret + "'; set a secret of your own (in"
          + " config.json or the environment) before listening on " + host + ", or set http.host to 127.0.0.1"
          + " behind a reverse proxy");
    }
  }

  @SuppressWarnings("unchecked")
  private static BridgeConfig build(Map<String, Object> v) {
    String host = required(v, "http.host");
    BridgeConfig.Http http = HttpKeys.build(v, host);

    String dbUrl = required(v, "database.url");
    if (!dbUrl.equals("embedded") && !dbUrl.startsWith("postgresql://") && !dbUrl.startsWith("postgres://")) {
      throw new ConfigException("database.url", "must be 'embedded' or a postgresql://user:pass@host:port/db URL");
    }
    Path dataDir = Path.of(required(v, "dataDir"));

    String exPath = required(v, "exchange.path");
    if (!exPath.startsWith("/") || exPath.startsWith("/api/") || exPath.equals("/health")) {
      throw new ConfigException("exchange.path", "must be an absolute path outside /api/ and /health, got '" + exPath + "'");
    }
    long fileLimit = (long) v.get("exchange.fileLimit");
    if (fileLimit < 1024 || fileLimit > 2L * 1024 * 1024 * 1024) {
      throw new ConfigException("exchange.fileLimit", "must be between 1024 and 2147483648 bytes, got " + fileLimit);
    }
    String charset = oneOf(v, "exchange.responseCharset", List.of("windows-1251", "UTF-8"));
    int zipMaxEntries = (int) v.get("exchange.zipMaxEntries");
    if (zipMaxEntries < 1 || zipMaxEntries > 1_000_000) {
      throw new ConfigException("exchange.zipMaxEntries", "must be between 1 and 1000000 files per archive, got "
          + zipMaxEntries);
    }
    var exchange = new BridgeConfig.Exchange(
        required(v, "exchange.username"), required(v, "exchange.password"), exPath, fileLimit,
        (boolean) v.get("exchange.zip"), charset, zipMaxEntries);

    List<String> tokens = (List<String>) v.get("api.tokens");
    for (String t : tokens) {
      if (t.length() < 8) throw new ConfigException("api.tokens", "every token must have at least 8 characters");
    }

    if (!isLoopback(host)) {
      // the shipped config.json's secrets are public: listening beyond this machine with them is an open door
      refusePlaceholder("exchange.password", exchange.password(), host);
      for (String t : tokens) refusePlaceholder("api.tokens", t, host);
    }

    String flavour = oneOf(v, "opencart.flavour", List.of("bridge-v1", "rest-admin"));
    if (flavour.equals("rest-admin")) {
      throw new ConfigException("opencart.flavour", "'rest-admin' (the commercial REST Admin API) is not available in"
          + " this version yet; install the OCBridge extension and use 'bridge-v1'");
    }
    URI baseUrl = optionalUrl(v, "opencart.baseUrl");
    int concurrency = concurrency(v, "opencart.concurrency");
    List<Integer> storeIds = (List<Integer>) v.get("opencart.storeIds");
    if (storeIds.isEmpty()) throw new ConfigException("opencart.storeIds", "must list at least one store id");
    var opencart = new BridgeConfig.OpenCart(flavour, baseUrl, (String) v.get("opencart.apiUsername"),
        (String) v.get("opencart.apiKey"), ((String) v.get("opencart.language")).trim(), storeIds, concurrency,
        concurrency(v, "opencart.stockConcurrency"), concurrency(v, "opencart.orderReadConcurrency"),
        concurrency(v, "opencart.orderWriteConcurrency"));
    if (baseUrl != null && (isBlank(opencart.apiUsername()) || isBlank(opencart.apiKey()))) {
      throw new ConfigException(isBlank(opencart.apiUsername()) ? "opencart.apiUsername" : "opencart.apiKey",
          "is required when opencart.baseUrl is set");
    }

    BigDecimal share = (BigDecimal) v.get("catalog.maxDisableShare");
    if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
      throw new ConfigException("catalog.maxDisableShare", "must be between 0 and 1, got " + share);
    }
    var catalog = new BridgeConfig.Catalog((String) v.get("catalog.priceType"),
        oneOf(v, "catalog.fullImportMissing", List.of("disable", "keep")), share,
        oneOf(v, "catalog.variants", List.of("combinations", "kinds")), approval(v));

    int poll = (int) v.get("orders.pollSeconds");
    if (poll < 1 || poll > 86_400) throw new ConfigException("orders.pollSeconds", "must be between 1 and 86400, got " + poll);
    String numberPrefix = (String) v.get("orders.numberPrefix");
    if (numberPrefix.length() > 16 || (!numberPrefix.isEmpty() && numberPrefix.chars().allMatch(Character::isDigit))) {
      // an all-digit prefix would make an echoed "prefix + id" indistinguishable from a plain id
      throw new ConfigException("orders.numberPrefix", "must be at most 16 characters and not only digits, got '"
          + numberPrefix + "'");
    }
    var orders = new BridgeConfig.Orders(poll, (List<Integer>) v.get("orders.statusIds"),
        (Map<String, Integer>) v.get("orders.statusMap"), numberPrefix, isoDate(v, "orders.since"),
        statusId(v, "orders.paidStatusId"), statusId(v, "orders.shippedStatusId"), orderOutput(v));

    boolean pushEnabled = (boolean) v.get("onec.push.enabled");
    URI pushUrl = optionalUrl(v, "onec.push.baseUrl");
    if (pushEnabled && pushUrl == null) {
      throw new ConfigException("onec.push.baseUrl", "is required when onec.push.enabled is true");
    }
    var push = new BridgeConfig.Push(pushEnabled, pushUrl, (String) v.get("onec.push.username"),
        (String) v.get("onec.push.password"));

    var security = new BridgeConfig.Security(between(v, "security.loginFailures", 1, 1000),
        between(v, "security.lockoutSeconds", 1, 86_400), between(v, "security.windowSeconds", 1, 86_400));

    return new BridgeConfig(http, new BridgeConfig.Database(dbUrl), dataDir, exchange,
        new BridgeConfig.Api(tokens), opencart, catalog, orders, new BridgeConfig.OneC(push), security,
        RetentionKeys.build(v), console(v, host),
        new BridgeConfig.Log(oneOf(v, "log.format", List.of("text", "json"))));
  }

  /** The console's login: a user name turns it on and then needs a password of 12 characters or more. */
  private static BridgeConfig.Console console(Map<String, Object> v, String host) {
    String username = ((String) v.get("console.username")).trim();
    String password = (String) v.get("console.password");
    if (!username.isEmpty()) {
      if (password == null || password.length() < 12) {
        throw new ConfigException("console.password", "must have at least 12 characters when console.username is"
            + " set (set it in config.json or " + envName("console.password") + ")");
      }
      if (!isLoopback(host)) refusePlaceholder("console.password", password, host);
    }
    return new BridgeConfig.Console(username, password, between(v, "console.sessionMinutes", 1, 24 * 60));
  }

  private static int between(Map<String, Object> v, String key, int min, int max) {
    int value = (int) v.get(key);
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static String required(Map<String, Object> v, String key) {
    Object value = v.get(key);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(key, "is required (set it in config.json or " + envName(key) + ")");
    }
    return value.toString();
  }

  private static int concurrency(Map<String, Object> v, String key) {
    int value = (int) v.get(key);
    if (value < 1 || value > 64) throw new ConfigException(key, "must be between 1 and 64, got " + value);
    return value;
  }

  private static String oneOf(Map<String, Object> v, String key, List<String> allowed) {
    String value = required(v, key);
    if (!allowed.contains(value)) throw new ConfigException(key, "must be one of " + allowed + ", got '" + value + "'");
    return value;
  }

  private static URI optionalUrl(Map<String, Object> v, String key) {
    String value = (String) v.get(key);
    if (isBlank(value)) return null;
    try {
      URI uri = new URI(value.trim());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(key, "must be an http:// or https:// URL, got '" + value + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key, "is not a valid URL: " + e.getMessage());
    }
  }

  /** An ISO date ({@code YYYY-MM-DD}), or null when empty. */
  private static java.time.LocalDate isoDate(Map<String, Object> v, String key) {
    String value = (String) v.get(key);
    if (isBlank(value)) return null;
    try {
      return java.time.LocalDate.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ConfigException(key, "must be a date as YYYY-MM-DD or empty, got '" + value + "'");
    }
  }

  /** orders.company, orders.customFields, orders.discounts, orders.delivery, orders.timeZone. */
  @SuppressWarnings("unchecked")
  private static BridgeConfig.OrderOutput orderOutput(Map<String, Object> v) {
    List<Integer> groups = (List<Integer>) v.get("orders.company.customerGroupIds");
    for (int g : groups) {
      if (g < 1) {
        throw new ConfigException("orders.company.customerGroupIds", "must list customer_group_ids (1 or more), got " + g);
      }
    }
    var company = new BridgeConfig.OrderCompany(groups, text(v, "orders.company.customField", 128));
    var fields = new BridgeConfig.OrderCustomFields(text(v, "orders.customFields.inn", 128),
        text(v, "orders.customFields.kpp", 128), text(v, "orders.customFields.company", 128),
        text(v, "orders.customFields.legalAddress", 128));
    var delivery = new BridgeConfig.OrderDelivery(text(v, "orders.delivery.name", 255),
        text(v, "orders.delivery.sku", 64));
    String zone = text(v, "orders.timeZone", 64);
    if (!zone.isEmpty()) {
      try {
        java.time.ZoneId.of(zone);
      } catch (java.time.DateTimeException e) {
        throw new ConfigException("orders.timeZone", "must be a time zone such as Europe/Moscow or +03:00, or empty"
            + " for the shop's own, got '" + zone + "'");
      }
    }
    return new BridgeConfig.OrderOutput(company, fields, oneOf(v, "orders.discounts", List.of("document", "line")),
        delivery, zone);
  }

  /** A string setting, trimmed, at most {@code max} characters ("" allowed). */
  private static String text(Map<String, Object> v, String key, int max) {
    String value = v.get(key) == null ? "" : ((String) v.get(key)).trim();
    if (value.length() > max) {
      throw new ConfigException(key, "must be at most " + max + " characters, got " + value.length());
    }
    return value;
  }

  /** An OpenCart order_status_id, 0 meaning "none". */
  private static int statusId(Map<String, Object> v, String key) {
    int value = (int) v.get(key);
    if (value < 0) throw new ConfigException(key, "must be 0 (keep the status) or an order_status_id, got " + value);
    return value;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static BridgeConfig.Approval approval(Map<String, Object> v) {
    for (String key : List.of("catalog.approval.disableMoreThan", "catalog.approval.priceChangeProducts",
        "catalog.approval.deleteMoreThan")) {
      if ((long) v.get(key) < 0) throw new ConfigException(key, "must be 0 (off) or more, got " + v.get(key));
    }
    BigDecimal percent = (BigDecimal) v.get("catalog.approval.priceChangePercent");
    if (percent.signum() < 0) {
      throw new ConfigException("catalog.approval.priceChangePercent", "must be 0 (off) or more, got " + percent);
    }
    return new BridgeConfig.Approval((long) v.get("catalog.approval.disableMoreThan"), percent,
        (long) v.get("catalog.approval.priceChangeProducts"), (long) v.get("catalog.approval.deleteMoreThan"));
  }
}
