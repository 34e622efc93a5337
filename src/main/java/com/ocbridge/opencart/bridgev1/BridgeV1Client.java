package com.ocbridge.opencart.bridgev1;

import com.fasterxml.jackson.databind.JsonNode;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.TrafficClass;
import com.ocbridge.opencart.model.AttributeUpsert;
import com.ocbridge.opencart.model.AttributeUpsertResult;
import com.ocbridge.opencart.model.Category;
import com.ocbridge.opencart.model.CategoryUpsert;
import com.ocbridge.opencart.model.ImagePutResult;
import com.ocbridge.opencart.model.ImageUpload;
import com.ocbridge.opencart.model.ItemError;
import com.ocbridge.opencart.model.Manufacturer;
import com.ocbridge.opencart.model.ManufacturerUpsert;
import com.ocbridge.opencart.model.OptionUpsert;
import com.ocbridge.opencart.model.OptionUpsertResult;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderHistoryAdd;
import com.ocbridge.opencart.model.OrderHistoryAdded;
import com.ocbridge.opencart.model.OrderQuery;
import com.ocbridge.opencart.model.OrderStatus;
import com.ocbridge.opencart.model.Page;
import com.ocbridge.opencart.model.Product;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.ProductQuery;
import com.ocbridge.opencart.model.ProductRef;
import com.ocbridge.opencart.model.ProductSummary;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ShopInfo;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StoredImage;
import com.ocbridge.opencart.model.UpsertResult;
import com.ocbridge.ordering.KeyedSequencer;
import com.ocbridge.resilience.FutureResilience;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@link OpenCartClient} over the OCBridge v1 extension ({@code opencart-bridge-v1.md}).
 *
 * <p>Each call travels in the lane of its traffic class ({@link TrafficLanes}): each attempt takes a slot of that
 * class's in-flight limiter, runs with the request timeout, and goes through that class's circuit breaker; failed
 * attempts are retried with backoff when the failure is retryable and the operation may be repeated:
 * retry(breaker(limiter(http))). The slot is not held while waiting for the next attempt.
 */
public final class BridgeV1Client implements OpenCartClient {

  static final String ROUTE = "extension/ocbridge/api";
  static final int MAX_UPSERT_BATCH = 100;
  static final int MAX_STOCK_BATCH = 1000;
  /** The body is capped at 8 MiB and base64 adds a third, so 6 MiB of image (contract §10). */
  static final int MAX_IMAGE_BYTES = 6 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(BridgeV1Client.class);

  private final OpenCartSettings settings;
  private final String endpoint;
  private final WebClient web;
  private final TrafficLanes lanes;
  private final BridgeAnswers answers;
  /** Operations the shop announced in its last ping (null until a ping succeeded); shared with the views. */
  private final AtomicReference<Set<String>> capabilities;
  /** Additions the shop announced in its last ping ({@link ShopInfo#features()}); null until then; shared too. */
  private final AtomicReference<Set<String>> features;
  /** The lane every call of this view takes; null: each operation's own ({@link BridgeOp#traffic()}). */
  private final TrafficClass forced;
  /** Order of writes per product, shared with the views. */
  private final KeyedSequencer writeOrder;
  /** Told about every request sent; shared with the views. */
  private final AtomicReference<com.ocbridge.opencart.CallObserver> observer;

  public BridgeV1Client(Vertx vertx, OpenCartSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    String base = settings.baseUrl().endsWith("/")
        ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
    this.endpoint = base + "/index.php";
    long timeoutMillis = settings.requestTimeout().toMillis();
    WebClientOptions options = new WebClientOptions()
        .setUserAgent("OCBridge-middleware/1.0")
        .setConnectTimeout((int) Math.min(timeoutMillis, 10_000))
        .setKeepAlive(true);
    this.web = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(TrafficLanes.connections(settings)));
    this.answers = new BridgeAnswers(settings.baseUrl(), timeoutMillis);
    this.capabilities = new AtomicReference<>();
    this.features = new AtomicReference<>();
    this.forced = null;
    this.writeOrder = new KeyedSequencer();
    this.observer = new AtomicReference<>(com.ocbridge.opencart.CallObserver.NONE);
    this.lanes = new TrafficLanes(vertx, settings, () -> send(BridgeOp.PING, Map.of(), null));
    log.debug("OpenCart bridge-v1 client for {} (user {}, concurrency catalog {} / {}, timeout {} ms)",
        settings.baseUrl(), settings.apiUsername(), settings.concurrency(), settings.traffic(), timeoutMillis);
  }

  private BridgeV1Client(BridgeV1Client shared, TrafficClass forced) {
    this.settings = shared.settings;
    this.endpoint = shared.endpoint;
    this.web = shared.web;
    this.lanes = shared.lanes;
    this.answers = shared.answers;
    this.capabilities = shared.capabilities;
    this.features = shared.features;
    this.forced = forced;
    this.writeOrder = shared.writeOrder;
    this.observer = shared.observer;
  }

  public OpenCartSettings settings() {
    return settings;
  }

  /** The retry and circuit breaker of the catalog's lane (state, metrics). */
  public FutureResilience resilience() {
    return resilience(TrafficClass.CATALOG);
  }

  /** The retry and circuit breaker of one traffic class. */
  public FutureResilience resilience(TrafficClass traffic) {
    return lanes.lane(traffic).resilience();
  }

  @Override
  public <T> Future<T> inOrder(java.util.Collection<String> keys, java.util.function.Supplier<Future<T>> write) {
    return writeOrder.run(keys, write);
  }

  @Override
  public Future<ShopInfo> probe() {
    return send(BridgeOp.PING, Map.of(), null)
        .compose(data -> decode(BridgeOp.PING, data, d -> BridgeJson.MAPPER.treeToValue(d, ShopInfo.class)));
  }

  @Override
  public void observeCalls(com.ocbridge.opencart.CallObserver callObserver) {
    observer.set(callObserver == null ? com.ocbridge.opencart.CallObserver.NONE : callObserver);
  }

  /** {@code opencart.catalog}, {@code opencart.stock}, {@code opencart.order-reads}, {@code opencart.order-writes}. */
  @Override
  public Map<String, io.github.resilience4j.circuitbreaker.CircuitBreaker> breakers() {
    Map<String, io.github.resilience4j.circuitbreaker.CircuitBreaker> map = new LinkedHashMap<>();
    for (TrafficClass traffic : TrafficClass.values()) {
      map.put("opencart." + traffic.label(), lanes.lane(traffic).resilience().circuitBreaker());
    }
    return map;
  }

  @Override
  public OpenCartClient inClass(TrafficClass traffic) {
    return traffic == forced ? this : new BridgeV1Client(this, traffic);
  }

  // ---------------------------------------------------------------- operations

  @Override
  public Future<ShopInfo> ping() {
    return call(BridgeOp.PING, Map.of(), null, data -> BridgeJson.MAPPER.treeToValue(data, ShopInfo.class))
        .andThen(ar -> {
          if (ar.succeeded()) {
            capabilities.set(ar.result().capabilities());
            features.set(ar.result().features());
          }
        });
  }

  @Override
  public Future<Product> getProduct(ProductRef ref) {
    return call(BridgeOp.PRODUCT_GET, Map.of(ref.by().wireName(), ref.value()), null, BridgeResults::product);
  }

  @Override
  public Future<Page<ProductSummary>> listProducts(ProductQuery query) {
    Map<String, String> q = new LinkedHashMap<>();
    if (query.modifiedFrom() != null) {
      q.put("modified_from", BridgeJson.formatDate(query.modifiedFrom()));
    }
    if (query.status() != null) {
      q.put("status", query.status() ? "1" : "0");
    }
    putIfSet(q, "limit", query.limit());
    putIfSet(q, "page", query.page());
    return call(BridgeOp.PRODUCT_LIST, q, null, data -> BridgeResults.page(data, ProductSummary.class));
  }

  @Override
  public Future<UpsertResult> upsertProduct(ProductUpsert upsert) {
    return call(BridgeOp.PRODUCT_UPSERT, Map.of(), upsert, data -> BridgeResults.upsertResult(data, "product_id"));
  }

  @Override
  public Future<List<ProductUpsertItemResult>> upsertProducts(List<ProductUpsert> upserts) {
    return upsertProducts(upserts, false);
  }

  @Override
  public Future<List<ProductUpsertItemResult>> upsertChangedProducts(List<ProductUpsert> upserts) {
    return upsertProducts(upserts, true);
  }

  private Future<List<ProductUpsertItemResult>> upsertProducts(List<ProductUpsert> upserts, boolean assumeChanged) {
    List<List<ProductUpsert>> chunks = chunks(upserts, MAX_UPSERT_BATCH);
    return inSequence(chunks, 0, new ArrayList<>(), (chunk, offset) -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("items", chunk);
      if (assumeChanged) body.put("assume_changed", true);
      return call(BridgeOp.PRODUCTS_UPSERT, Map.of(), body, data -> BridgeResults.upsertItemResults(data, chunk.size(), offset));
    });
  }

  @Override
  public Future<List<StockPriceResult>> updateStockPrices(ProductKey matchBy, List<StockItem> items) {
    List<List<StockItem>> chunks = chunks(items, MAX_STOCK_BATCH);
    return inSequence(chunks, 0, new ArrayList<>(), (chunk, offset) -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("match_by", matchBy.wireName());
      body.put("items", chunk);
      return call(BridgeOp.PRODUCTS_STOCK_PRICE, Map.of(), body, data -> BridgeResults.stockResults(data, chunk, offset));
    });
  }

  @Override
  public Future<StoredImage> putImage(String path, byte[] content, boolean overwrite) {
    if (content.length > MAX_IMAGE_BYTES) {
      return Future.failedFuture(OpenCartException.of(ErrorKind.PAYLOAD_TOO_LARGE, BridgeOp.IMAGE_PUT.wireName(),
          "Image " + path + " has " + content.length + " bytes; the bridge accepts at most " + MAX_IMAGE_BYTES
              + " (8 MiB body with base64): shrink it before upload", null));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("path", path);
    body.put("content_base64", Base64.getEncoder().encodeToString(content));
    body.put("overwrite", overwrite);
    return call(BridgeOp.IMAGE_PUT, Map.of(), body, data -> BridgeJson.MAPPER.treeToValue(data, StoredImage.class));
  }

  /** Raw bytes per images.put request: the 8 MiB body holds them in base64 (4/3) with room for the JSON around. */
  static final int IMAGES_BATCH_BYTES = 5 * 1024 * 1024;
  static final int IMAGES_BATCH_COUNT = 50;

  /**
   * Pictures in requests of at most 50 and 5 MiB, sent side by side (the in-flight limit applies); a picture too
   * large to share a request goes alone through image.put, and an extension without images.put gets them one by one.
   */
  @Override
  public Future<List<ImagePutResult>> putImages(List<ImageUpload> images) {
    Set<String> known = capabilities.get();
    if (known != null && !known.contains(BridgeOp.IMAGES_PUT.wireName())) return OpenCartClient.super.putImages(images);
    List<Future<List<ImagePutResult>>> requests = new ArrayList<>();
    List<Integer> chunk = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i <= images.size(); i++) {
      byte[] content = i < images.size() ? images.get(i).content() : null;
      boolean flush = content == null || chunk.size() == IMAGES_BATCH_COUNT || bytes + content.length > IMAGES_BATCH_BYTES;
      if (flush && !chunk.isEmpty()) {
        requests.add(imagesRequest(images, List.copyOf(chunk)));
        chunk.clear();
        bytes = 0;
      }
      if (content == null) break;
      if (content.length > IMAGES_BATCH_BYTES) {
        requests.add(OpenCartClient.super.putImages(List.of(images.get(i))).map(reindexed(i)));
      } else {
        chunk.add(i);
        bytes += content.length;
      }
    }
    return Future.all(requests).map(all -> {
      ImagePutResult[] byIndex = new ImagePutResult[images.size()];
      for (int k = 0; k < all.size(); k++) {
        for (ImagePutResult r : all.<List<ImagePutResult>>resultAt(k)) byIndex[r.index()] = r;
      }
      return List.of(byIndex);
    });
  }

  private static java.util.function.Function<List<ImagePutResult>, List<ImagePutResult>> reindexed(int index) {
    return list -> list.stream().map(r -> new ImagePutResult(index, r.stored(), r.failure())).toList();
  }

  private Future<List<ImagePutResult>> imagesRequest(List<ImageUpload> images, List<Integer> indexes) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i : indexes) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", images.get(i).path());
      item.put("content_base64", Base64.getEncoder().encodeToString(images.get(i).content()));
      item.put("overwrite", true);
      items.add(item);
    }
    return call(BridgeOp.IMAGES_PUT, Map.of(), Map.of("items", items), data -> {
      ImagePutResult[] byLocal = new ImagePutResult[indexes.size()];
      for (JsonNode r : BridgeResults.required(data, "results")) {
        int local = r.path("index").asInt(-1);
        if (local < 0 || local >= indexes.size()) continue;
        JsonNode error = r.get("error");
        byLocal[local] = error != null && error.isObject()
            ? new ImagePutResult(indexes.get(local), null, itemFailure(error))
            : new ImagePutResult(indexes.get(local), new StoredImage(r.path("path").asText(null), r.path("bytes").asLong()), null);
      }
      List<ImagePutResult> out = new ArrayList<>();
      for (int k = 0; k < byLocal.length; k++) {
        out.add(byLocal[k] != null ? byLocal[k] : new ImagePutResult(indexes.get(k), null, OpenCartException.of(
            ErrorKind.SERVER, BridgeOp.IMAGES_PUT.wireName(), "The shop's answer has no result for this picture", null)));
      }
      return out;
    });
  }

  private static OpenCartException itemFailure(JsonNode error) {
    ItemError e = BridgeResults.itemError(error);
    return new OpenCartException(e.kind(), BridgeOp.IMAGES_PUT.wireName(), 200, e.code(), e.message(), e.details(),
        "images.put refused a picture: " + e.code() + ": " + e.message(), null);
  }

  @Override
  public Future<List<Category>> listCategories() {
    return call(BridgeOp.CATEGORY_LIST, Map.of(), null, data -> BridgeResults.items(data, Category.class));
  }

  @Override
  public Future<UpsertResult> upsertCategory(CategoryUpsert upsert) {
    return call(BridgeOp.CATEGORY_UPSERT, Map.of(), upsert, data -> BridgeResults.upsertResult(data, "category_id"));
  }

  @Override
  public Future<List<Manufacturer>> listManufacturers() {
    return call(BridgeOp.MANUFACTURER_LIST, Map.of(), null, data -> BridgeResults.items(data, Manufacturer.class));
  }

  @Override
  public Future<UpsertResult> upsertManufacturer(ManufacturerUpsert upsert) {
    return call(BridgeOp.MANUFACTURER_UPSERT, Map.of(), upsert, data -> BridgeResults.upsertResult(data, "manufacturer_id"));
  }

  @Override
  public Future<OptionUpsertResult> upsertOption(OptionUpsert upsert) {
    return call(BridgeOp.OPTION_UPSERT, Map.of(), upsert, data -> {
      Map<String, Long> valueIds = new LinkedHashMap<>();
      for (JsonNode value : data.path("values")) {
        valueIds.put(value.path("external_id").asText(), value.path("option_value_id").asLong());
      }
      return new OptionUpsertResult(BridgeResults.required(data, "option_id").asLong(), data.path("created").asBoolean(),
          valueIds);
    });
  }

  @Override
  public Future<AttributeUpsertResult> upsertAttribute(AttributeUpsert upsert) {
    return call(BridgeOp.ATTRIBUTE_UPSERT, Map.of(), upsert, data -> new AttributeUpsertResult(
        BridgeResults.required(data, "attribute_id").asLong(), data.path("attribute_group_id").asLong(),
        data.path("created").asBoolean()));
  }

  @Override
  public Future<List<OrderStatus>> listOrderStatuses(String language) {
    String lang = language != null ? language : settings.language();
    // no language: the shop answers in its default language
    Map<String, String> query = lang.isBlank() ? Map.of() : Map.of("language", lang);
    return call(BridgeOp.ORDER_STATUS_LIST, query, null, data -> BridgeResults.items(data, OrderStatus.class));
  }

  @Override
  public Future<Page<Order>> listOrders(OrderQuery query) {
    Map<String, String> q = new LinkedHashMap<>();
    if (query.dateAddedFrom() != null) {
      q.put("date_added_from", BridgeJson.formatDate(query.dateAddedFrom()));
    }
    if (query.dateAddedTo() != null) {
      q.put("date_added_to", BridgeJson.formatDate(query.dateAddedTo()));
    }
    if (query.dateModifiedFrom() != null) {
      q.put("date_modified_from", BridgeJson.formatDate(query.dateModifiedFrom()));
    }
    if (query.statusIds() != null && !query.statusIds().isEmpty()) {
      q.put("status_ids", query.statusIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    putIfSet(q, "id_gt", query.idGt());
    putIfSet(q, "limit", query.limit());
    putIfSet(q, "page", query.page());
    return call(BridgeOp.ORDER_LIST, q, null, data -> BridgeResults.page(data, Order.class));
  }

  @Override
  public Future<Order> getOrder(long orderId) {
    return call(BridgeOp.ORDER_GET, Map.of("order_id", Long.toString(orderId)), null,
        data -> BridgeJson.MAPPER.treeToValue(data, Order.class));
  }

  /**
   * With an idempotency key, to a shop that announced it honours one, the call is retried after timeouts and 5xx
   * like an idempotent op; otherwise only when it surely never reached the shop. A shop that has not answered a
   * ping yet is asked first (a failed ping leaves the conservative rule). The key is sent either way: older extensions ignore it.
   */
  @Override
  public Future<OrderHistoryAdded> addOrderHistory(OrderHistoryAdd entry) {
    Set<String> known = features.get();
    // the first ping goes in the order writes' own lane, so a busy import never holds a status change back
    Future<Set<String>> announced = entry.idempotencyKey() == null || known != null
        ? Future.succeededFuture(known)
        : inClass(TrafficClass.ORDER_WRITES).ping().map(ShopInfo::features).otherwiseEmpty();
    return announced.compose(offered -> call(
        offered != null && offered.contains(ShopInfo.HISTORY_IDEMPOTENCY_KEY) && entry.idempotencyKey() != null
            ? BridgeOp.ORDER_HISTORY_ADD_KEYED : BridgeOp.ORDER_HISTORY_ADD,
        Map.of(), entry, data -> BridgeJson.MAPPER.treeToValue(data, OrderHistoryAdded.class)));
  }

  @Override
  public Future<Void> close() {
    web.close();
    return Future.succeededFuture();
  }

  // ---------------------------------------------------------------- transport

  /** A decoder of {@code data} that may throw (Jackson's checked exceptions included). */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(JsonNode data) throws Exception;
  }

  private <T> Future<T> call(BridgeOp op, Map<String, String> query, Object body, Decoder<T> decoder) {
    Set<String> known = capabilities.get();
    if (op != BridgeOp.PING && known != null && !known.contains(op.wireName())) {
      return Future.failedFuture(OpenCartException.of(ErrorKind.UNSUPPORTED, op.wireName(),
          "The OCBridge extension at " + settings.baseUrl() + " does not offer op=" + op.wireName()
              + " (ping listed " + new TreeSet<>(known) + "): update the extension", null));
    }
    byte[] json;
    try {
      json = body == null ? null : BridgeJson.MAPPER.writeValueAsBytes(body); // once, reused by every attempt
    } catch (Exception e) {
      return Future.failedFuture(new IllegalArgumentException("Cannot encode the body of op=" + op.wireName(), e));
    }
    TrafficLanes.Lane lane = lanes.lane(forced != null ? forced : op.traffic());
    return lane.call(() -> send(op, query, json))
        .recover(failure -> Future.failedFuture(failure instanceof CallNotPermittedException
            ? circuitOpen(op, lane, failure) : failure))
        .compose(data -> decode(op, data, decoder));
  }

  private Future<JsonNode> send(BridgeOp op, Map<String, String> query, byte[] json) {
    HttpRequest<Buffer> request = web.requestAbs(op.method(), endpoint)
        .addQueryParam("route", ROUTE)
        .addQueryParam("op", op.wireName())
        .putHeader("X-Api-Username", settings.apiUsername())
        .putHeader("X-Api-Key", settings.apiKey())
        .putHeader("Accept", "application/json")
        .timeout(settings.requestTimeout().toMillis());
    query.forEach(request::addQueryParam);
    Future<HttpResponse<Buffer>> sent;
    if (op.method() == HttpMethod.POST) {
      request.putHeader("Content-Type", "application/json; charset=utf-8");
      sent = request.sendBuffer(Buffer.buffer(json == null ? "{}".getBytes() : json));
    } else {
      sent = request.send();
    }
    long started = System.nanoTime();
    return sent.<JsonNode>transform(outcome -> {
      if (outcome.failed()) {
        return Future.failedFuture(answers.transportFailure(op, outcome.cause()));
      }
      try {
        return Future.succeededFuture(answers.dataOf(op, outcome.result()));
      } catch (OpenCartException e) {
        return Future.failedFuture(e);
      }
    }).andThen(ar -> observed(op, System.nanoTime() - started, ar.failed() ? ar.cause() : null));
  }

  /** An observer's failure must never change the call's outcome. */
  private void observed(BridgeOp op, long nanos, Throwable failure) {
    try {
      observer.get().called(op.wireName(), nanos, failure instanceof OpenCartException e ? e
          : failure == null ? null : OpenCartException.of(ErrorKind.CONNECTION, op.wireName(), failure.getMessage(), failure));
    } catch (RuntimeException e) {
      log.debug("call observer failed: {}", e.toString());
    }
  }

  private <T> Future<T> decode(BridgeOp op, JsonNode data, Decoder<T> decoder) {
    try {
      return Future.succeededFuture(decoder.decode(data));
    } catch (OpenCartException e) {
      return Future.failedFuture(e);
    } catch (Exception e) {
      return Future.failedFuture(new OpenCartException(ErrorKind.NOT_JSON, op.wireName(), 200, null, null, Map.of(),
          "OpenCart's answer to op=" + op.wireName() + " does not match the bridge-v1 contract: "
              + e.getMessage(), e));
    }
  }

  /**
   * Retry only what may succeed next time, and repeat non-idempotent writes only if never sent (or when the request
   * carried an idempotency key the shop honours: {@link OpenCartException#requestRepeatable()}).
   */
  static boolean worthRetrying(Throwable failure) {
    if (!(failure instanceof OpenCartException e) || !e.isRetryable()) {
      return false;
    }
    BridgeOp op = BridgeOp.byWireName(e.op());
    boolean neverSent = e.kind() == ErrorKind.CONNECTION && e.getCause() instanceof ConnectException;
    return op == null || op.idempotent() || e.requestRepeatable() || neverSent;
  }

  /** The breaker counts only failures that say the shop is unwell, not refusals of our data. */
  static boolean shopLooksDown(Throwable failure) {
    return failure instanceof OpenCartException e && e.isRetryable();
  }

  private OpenCartException circuitOpen(BridgeOp op, TrafficLanes.Lane lane, Throwable cause) {
    return OpenCartException.of(ErrorKind.CIRCUIT_OPEN, op.wireName(),
        "Calls to OpenCart at " + settings.baseUrl() + " (" + lane.traffic().label() + " traffic) are suspended after"
            + " repeated failures (circuit breaker " + lane.resilience().state() + ", retry after " + settings.breakerOpenWait().toSeconds()
            + " s); op=" + op.wireName() + " was not sent", cause);
  }

  // ---------------------------------------------------------------- batches

  @FunctionalInterface
  private interface ChunkCall<I, R> {
    Future<List<R>> send(List<I> chunk, int offset);
  }

  /**
   * Sends the chunks one after another (a later chunk may depend on an earlier one, e.g. a product
   * created by item 3 matched again by item 150) and concatenates their results.
   */
  private <I, R> Future<List<R>> inSequence(List<List<I>> chunks, int index, List<R> done,
                       ChunkCall<I, R> chunkCall) {
    if (index >= chunks.size()) {
      return Future.succeededFuture(done);
    }
    int offset = done.size();
    return chunkCall.send(chunks.get(index), offset)
        .recover(failure -> Future.failedFuture(index == 0 || !(failure instanceof OpenCartException e)
            ? failure : inBatchContext(e, index, chunks, offset)))
        .compose(results -> {
          done.addAll(results);
          return inSequence(chunks, index + 1, done, chunkCall);
        });
  }

  private static OpenCartException inBatchContext(OpenCartException e, int index, List<? extends List<?>> chunks,
                          int offset) {
    return new OpenCartException(e.kind(), e.op(), e.httpStatus(), e.shopCode(), e.shopMessage(), e.details(),
        "Request " + (index + 1) + " of " + chunks.size() + " of op=" + e.op() + " (items " + offset + "–"
            + (offset + chunks.get(index).size() - 1) + ") failed; items 0–" + (offset - 1)
            + " were applied by earlier requests. " + e.getMessage(), e);
  }

  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      chunks.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
    }
    return chunks;
  }

  private static void putIfSet(Map<String, String> query, String name, Number value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }

}
