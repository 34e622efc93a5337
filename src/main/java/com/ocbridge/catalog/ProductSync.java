package com.ocbridge.catalog;

import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Products of a catalog file → the fewest shop writes: per batch, one query for what was last sent, then
 * {@code products.upsert} (≤100 items per request, requests in parallel up to the client's concurrency) for new
 * or changed products, one {@code products.stock_price} for products whose only change is being enabled or
 * disabled, and nothing for the rest. What was sent is recorded only after the shop confirmed it, so a batch cut
 * short by an outage is sent again (matched by external_id, hence no duplicates) when the import is re-run. A new
 * product is created hidden until its offer arrives (OfferApplier shows it), so it is never on sale at price 0.
 */
final class ProductSync {
  private final OpenCartClient shop;
  private final ProductUpserts upserts;
  private final CatalogStore store;
  private final CatalogSettings settings;
  private final ProductMapper mapper;
  private final CategorySync categories;
  private final ShopDictionaries dictionaries;
  private final ImageUploader images;
  private final String runId;
  private final long jobId;
  /** When the bridge received the file ({@link com.ocbridge.ordering.DataVersion}). */
  private final long version;
  private final ImportStats stats;
  /** Product records of completed batches (written and recorded, unchanged, skipped or refused). */
  private long settled;
  /** Products the shop has as we last sent them: confirmed writes plus unchanged ones. */
  private long confirmed;

  ProductSync(OpenCartClient shop, ProductUpserts upserts, CatalogStore store, CatalogSettings settings,
      CategorySync categories, ShopDictionaries dictionaries, ImageUploader images, ImportTask task,
      ImportStats stats) {
    this.shop = shop;
    this.upserts = upserts;
    this.store = store;
    this.settings = settings;
    this.mapper = new ProductMapper(settings);
    this.categories = categories;
    this.dictionaries = dictionaries;
    this.images = images;
    this.runId = task.runId();
    this.jobId = task.jobId();
    this.version = task.dataVersion();
    this.stats = stats;
  }

  long settled() {
    return settled;
  }

  long confirmed() {
    return confirmed;
  }

  /**
   * One product to write: {@code write} as sent (status false while it awaits its offer), {@code status} the status
   * the catalog gives it, {@code awaitingOffer} whether it stays hidden until its first offer write.
   */
  private record Pending(Product product, ProductWrite write, String hash, Long productId, Boolean status,
      boolean awaitingOffer) {}

  /** Syncs one batch of product records (in document order); fails only when the shop cannot be reached. */
  Future<Void> sync(List<Product> records) {
    // The same Ид twice in a batch must not become two creates sent in parallel: the later record wins.
    Map<String, Product> byId = new LinkedHashMap<>();
    List<OfferRow> variants = new ArrayList<>();
    for (Product p : records) {
      byId.remove(p.productId());
      byId.put(p.productId(), p);
      if (p.characteristicId() != null) {
        // old layout: each characteristic is a Товар "product#characteristic"; keep its characteristics for options
        variants.add(new OfferRow(p.id(), p.productId(), p.characteristicId(), p.sku(), p.name(), p.characteristics(),
            null, null, p.deleted()));
      }
    }
    List<Product> products = new ArrayList<>(byId.values());
    return store.stageOffers(jobId, version, variants)
        .compose(unchanged -> prepareReferences(products))
        .compose(paths -> store.markSeen(runId, new ArrayList<>(byId.keySet()))
            .compose(states -> send(products, states, paths)))
        .map(v -> {
          settled += records.size();
          return null;
        });
  }

  /** Manufacturers, attributes and pictures the batch references, created in the shop where missing. */
  private Future<Map<String, String>> prepareReferences(List<Product> products) {
    Set<String> manufacturers = new LinkedHashSet<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> pictures = new ArrayList<>();
    for (Product p : products) {
      if (p.deleted()) continue;
      ProductMapper.Needs needs = mapper.needs(p);
      if (needs.manufacturer() != null) manufacturers.add(needs.manufacturer());
      needs.attributes().forEach(attributes::putIfAbsent);
      pictures.addAll(needs.pictures());
    }
    return dictionaries.ensureManufacturers(new ArrayList<>(manufacturers), stats)
        .compose(v -> dictionaries.ensureAttributes(attributes, stats))
        .compose(v -> pictures.isEmpty() ? Future.succeededFuture(Map.<String, String>of()) : images.resolve(pictures, stats));
  }

  private Future<Void> send(List<Product> products, Map<String, ProductState> states, Map<String, String> paths) {
    ProductMapper.Resolved ids = new ProductMapper.Resolved() {
      public Long categoryId(String groupId) { return categories.categoryId(groupId); }
      public Long manufacturerId(String name) { return dictionaries.manufacturerId(name); }
      public Long attributeId(String propertyId) { return dictionaries.attributeId(propertyId); }
      public String imagePath(String source) { return paths.get(source); }
    };
    List<Pending> writes = new ArrayList<>();
    List<Pending> statusOnly = new ArrayList<>();
    for (Product p : products) {
      ProductState state = states.get(p.productId());
      boolean linked = state != null && state.linked();
      if (p.deleted() && !linked) {
        stats.inc(ImportStats.SKIPPED); // marked for deletion and never in the shop: do not create it
        continue;
      }
      ProductWrite write = mapper.map(p, ids);
      String hash = Hashes.ofJson(write);
      // A new product is created hidden until its price and stock arrive (OfferApplier shows it), so the
      // storefront never offers it at price 0 while the rest of the exchange is on its way.
      boolean awaiting = linked ? state.awaitingOffer() : !Boolean.FALSE.equals(write.status());
      ProductWrite sent = awaiting ? write.toBuilder().status(false).build() : write;
      Pending pending = new Pending(p, sent, hash, linked ? state.productId() : null, write.status(), awaiting);
      if (!linked || !hash.equals(state.dataHash())) {
        writes.add(pending);
      } else if (!Objects.equals(state.status(), write.status())) {
        statusOnly.add(pending); // re-enabled after a full import disabled it, or the reverse
      } else {
        stats.inc(ImportStats.UNCHANGED);
        confirmed++;
      }
    }
    List<ProductState> written = new ArrayList<>();
    CompositeFuture all = Future.join(upserts(writes, written), statuses(statusOnly, written));
    // record what the shop confirmed even when another request of the batch failed
    List<String> created = writes.stream().filter(w -> w.productId() == null).map(w -> w.product().productId()).toList();
    return all.transform(ar -> store.saveWritten(runId, written)
        // offers already staged for a product the shop did not have (deferred, or it was deleted in the shop)
        .compose(v -> store.offersPendingFor(created))
        .map(v -> {
          confirmed += written.size();
          return v;
        })
        .compose(v -> ar.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(firstCause(all, ar.cause()))));
  }

  private Future<Void> upserts(List<Pending> writes, List<ProductState> written) {
    List<Future<Void>> requests = new ArrayList<>();
    for (int from = 0; from < writes.size(); from += CatalogSettings.UPSERT_BATCH) {
      List<Pending> chunk = writes.subList(from, Math.min(writes.size(), from + CatalogSettings.UPSERT_BATCH));
      List<ProductUpsert> body = chunk.stream()
          .map(w -> ProductUpsert.byExternalId(w.product().productId(), w.write())).toList();
      requests.add(upserts.send(body)
          .map(results -> {
            for (ProductUpsertItemResult r : results) {
              Pending w = chunk.get(r.index());
              if (r.succeeded()) {
                stats.inc(Boolean.TRUE.equals(r.created()) ? ImportStats.CREATED : ImportStats.UPDATED);
                written.add(stateOf(w, r.productId()));
              } else {
                refused(w, ShopErrors.describe(r.error()));
              }
            }
            return (Void) null;
          })
          .recover(e -> {
            if (!ShopErrors.refusesThisItem(e)) return Future.failedFuture(e);
            chunk.forEach(w -> refused(w, ShopErrors.describe(e))); // the request as a whole was refused
            return Future.succeededFuture();
          }));
    }
    CompositeFuture all = Future.join(requests);
    return all.transform(ar -> ar.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(firstCause(all, ar.cause())));
  }

  private Future<Void> statuses(List<Pending> changes, List<ProductState> written) {
    if (changes.isEmpty()) return Future.succeededFuture();
    List<StockItem> items = changes.stream()
        .map(c -> new StockItem(c.product().productId(), null, null, c.write().status(), null)).toList();
    List<String> ids = changes.stream().map(c -> c.product().productId()).toList();
    return shop.inOrder(ids, () -> shop.updateStockPrices(ProductKey.EXTERNAL_ID, items)).compose(results -> {
      List<String> gone = new ArrayList<>();
      for (StockPriceResult r : results) {
        Pending c = changes.get(r.index());
        if (r.status() == StockStatus.UPDATED) {
          stats.inc(ImportStats.UPDATED);
          written.add(stateOf(c, c.productId()));
        } else if (r.status() == StockStatus.NOT_FOUND) {
          gone.add(c.product().productId());
          refused(c, "not_found: the shop no longer has this product; the next catalog import creates it again");
        } else {
          refused(c, r.status().wireName() + (r.message() == null ? "" : ": " + r.message()));
        }
      }
      return store.unlink(gone);
    });
  }

  private ProductState stateOf(Pending w, Long productId) {
    ProductWrite write = w.write();
    return new ProductState(w.product().productId(), productId, write.sku(), write.model(),
        ProductMapper.name(w.product()), w.hash(), null, null, null, null, w.status(), w.awaitingOffer(), null,
        FieldHashes.of(write, settings.language()));
  }

  private void refused(Pending w, String reason) {
    stats.inc(ImportStats.FAILED);
    stats.error("product", w.product().productId(), ProductMapper.name(w.product()), reason);
  }

  /** The failure of the first failed future of a join (its own cause is a generic composite message). */
  static Throwable firstCause(CompositeFuture all, Throwable fallback) {
    if (all != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.failed(i)) return all.cause(i);
      }
    }
    return fallback;
  }
}
