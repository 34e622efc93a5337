package com.ocbridge.opencart;

import com.ocbridge.opencart.model.AttributeUpsert;
import com.ocbridge.opencart.model.ImagePutResult;
import com.ocbridge.opencart.model.ImageUpload;
import com.ocbridge.opencart.model.AttributeUpsertResult;
import com.ocbridge.opencart.model.Category;
import com.ocbridge.opencart.model.CategoryUpsert;
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
import io.vertx.core.Future;

import java.util.List;

/**
 * What the sync needs from an OpenCart shop, independent of the API behind it
 * ({@code opencart.flavour}). Every failure is an {@link OpenCartException}; per-item failures of
 * batch operations are results, not failed futures.
 */
public interface OpenCartClient {

  /** Versions, languages, stores, currency and the operations the shop offers. */
  Future<ShopInfo> ping();

  /** One product; fails with NOT_FOUND, or AMBIGUOUS when a SKU/model matches several. */
  Future<Product> getProduct(ProductRef ref);

  Future<Page<ProductSummary>> listProducts(ProductQuery query);

  Future<UpsertResult> upsertProduct(ProductUpsert upsert);

  /**
   * Writes many products, at most 100 per request (longer lists are sent as consecutive requests).
   * One result per input item, in input order. A request-level failure (auth, server down) fails
   * the future; items of earlier requests stay applied, and re-sending is safe for items matched by
   * external id.
   */
  Future<List<ProductUpsertItemResult>> upsertProducts(List<ProductUpsert> upserts);

  /**
   * {@link #upsertProducts} for products the caller knows differ from what the shop has (the catalog sync sends only
   * those): the companion extension then skips reading each product before and after to detect a no-op
   * ({@code assume_changed}), and writes new products and first options as a set. Other flavours do a plain upsert.
   */
  default Future<List<ProductUpsertItemResult>> upsertChangedProducts(List<ProductUpsert> upserts) {
    return upsertProducts(upserts);
  }

  /** Quantity/price/status by key, at most 1000 per request; one result per input item, in input order. */
  Future<List<StockPriceResult>> updateStockPrices(ProductKey matchBy, List<StockItem> items);

  /** Stores an image under {@code image/}, e.g. {@code catalog/1c/ART-200.jpg}; at most 6 MiB. */
  Future<StoredImage> putImage(String path, byte[] content, boolean overwrite);

  /**
   * Several pictures (overwriting), one result per picture in input order; a picture the shop refuses is a failed
   * result, an outage fails the future. The companion extension takes them in few requests ({@code images.put});
   * this default sends them one by one.
   */
  default Future<List<ImagePutResult>> putImages(List<ImageUpload> images) {
    Future<List<ImagePutResult>> chain = Future.succeededFuture(new java.util.ArrayList<>());
    for (int i = 0; i < images.size(); i++) {
      int index = i;
      ImageUpload image = images.get(i);
      chain = chain.compose(list -> putImage(image.path(), image.content(), true)
          .map(stored -> new ImagePutResult(index, stored, null))
          .recover(e -> e instanceof OpenCartException oc && oc.kind().refusesItem()
              ? Future.succeededFuture(new ImagePutResult(index, null, e)) : Future.failedFuture(e))
          .map(r -> {
            list.add(r);
            return list;
          }));
    }
    return chain;
  }

  Future<List<Category>> listCategories();

  Future<UpsertResult> upsertCategory(CategoryUpsert upsert);

  Future<List<Manufacturer>> listManufacturers();

  Future<UpsertResult> upsertManufacturer(ManufacturerUpsert upsert);

  Future<OptionUpsertResult> upsertOption(OptionUpsert upsert);

  Future<AttributeUpsertResult> upsertAttribute(AttributeUpsert upsert);

  /** Statuses in {@code language} (a code such as {@code ru-ru}); null = the configured language. */
  Future<List<OrderStatus>> listOrderStatuses(String language);

  Future<Page<Order>> listOrders(OrderQuery query);

  Future<Order> getOrder(long orderId);

  Future<OrderHistoryAdded> addOrderHistory(OrderHistoryAdd entry);

  /**
   * This client with every call sent in {@code traffic}'s lane (its own in-flight limit and breaker) instead of the
   * operation's usual one, e.g. the fast stock API's {@code products.stock_price} in {@link TrafficClass#STOCK} while
   * the import's go in {@link TrafficClass#CATALOG}. The view shares the connections and lanes of this client.
   */
  default OpenCartClient inClass(TrafficClass traffic) {
    return this;
  }

  /**
   * Runs {@code write} after every earlier write to this shop that named any of {@code keys} (1C product Ids) has
   * finished, so writers of one product never overtake each other between reading what the shop has and the shop's
   * confirmation (see {@link com.ocbridge.ordering.KeyedSequencer}). Views from {@link #inClass} share the order.
   */
  <T> Future<T> inOrder(java.util.Collection<String> keys, java.util.function.Supplier<Future<T>> write);

  /**
   * One {@code ping} outside the lanes: no retry and no breaker, so a periodic reachability probe neither waits
   * behind an import nor opens or closes a breaker. Flavours without a separate path answer {@link #ping()}.
   */
  default Future<ShopInfo> probe() {
    return ping();
  }

  /** Tells {@code observer} about every request sent from now on (one observer per client; views share it). */
  default void observeCalls(CallObserver observer) {
  }

  /** The circuit breakers of this client by name ({@code opencart.catalog}, …), for status and metrics. */
  default java.util.Map<String, io.github.resilience4j.circuitbreaker.CircuitBreaker> breakers() {
    return java.util.Map.of();
  }

  /** Releases the HTTP connections. */
  Future<Void> close();
}
