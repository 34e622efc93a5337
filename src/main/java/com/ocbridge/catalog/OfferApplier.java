package com.ocbridge.catalog;

import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.OptionRef;
import com.ocbridge.opencart.model.OptionValueRef;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.ProductOption;
import com.ocbridge.opencart.model.ProductOptionValue;
import com.ocbridge.opencart.model.ProductRef;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Staged offers → the shop, for every product with pending offers, page by page in external-id order: nothing
 * when price, quantity and options are as last sent; one {@code products.stock_price} item (≤1000 per request)
 * when only stock or price changed; a {@code products.upsert} with {@code create_if_missing=false} carrying the
 * options when the option structure changed. Offers of a product the shop does not know yet stay staged
 * (deferred), so no half-empty product is ever created; they are applied once the product arrives. A product the
 * catalog created hidden (ProductState.awaitingOffer) is shown by its first offer write, which carries status true.
 *
 * <p>Writes run in the product's turn ({@link OpenCartClient#inOrder}), and a stock write is computed again there from
 * the staged offers as they are then: a fast stock message that arrived after the page was read (newer data) is
 * never overwritten with the page's values, and a product whose own stock the fast stock API wrote from data newer
 * than this file is left alone ({@code offersOlderThanShop}).
 */
final class OfferApplier {
  private static final int PAGE = CatalogSettings.STOCK_BATCH;

  private final OpenCartClient shop;
  private final ProductUpserts upserts;
  private final CatalogStore store;
  private final ShopDictionaries dictionaries;
  private final StockAggregator aggregator;
  private final long jobId;
  /** When the bridge received the file ({@link com.ocbridge.ordering.DataVersion}). */
  private final long version;
  private final ImportStats stats;
  /** Products with a stock line wait here across pages until a request is full: a 10 % change costs 1 call per
   * 10,000 products. */
  private final List<String> stockBuffer = new ArrayList<>();

  OfferApplier(OpenCartClient shop, ProductUpserts upserts, CatalogStore store, CatalogSettings settings,
      ShopDictionaries dictionaries, ImportTask task, ImportStats stats) {
    this.shop = shop;
    this.upserts = upserts;
    this.store = store;
    this.dictionaries = dictionaries;
    this.aggregator = new StockAggregator(settings.fallbackOptionName(), settings.variants());
    this.jobId = task.jobId();
    this.version = task.dataVersion();
    this.stats = stats;
  }

  Future<Void> applyPending() {
    return page("").compose(v -> flushStock(true));
  }

  private Future<Void> page(String after) {
    return store.pendingProducts(after, PAGE).compose(ids -> {
      if (ids.isEmpty()) return Future.succeededFuture();
      return store.offersOf(ids)
          .compose(offers -> store.products(ids).compose(states -> apply(ids, offers, states)))
          .compose(v -> page(ids.get(ids.size() - 1)));
    });
  }

  /** Sends buffered stock lines in full requests of 1000; with {@code all}, the rest too. */
  private Future<Void> flushStock(boolean all) {
    if (stockBuffer.isEmpty() || (!all && stockBuffer.size() < CatalogSettings.STOCK_BATCH)) {
      return Future.succeededFuture();
    }
    List<String> head = stockBuffer.subList(0, Math.min(stockBuffer.size(), CatalogSettings.STOCK_BATCH));
    List<String> ids = List.copyOf(head);
    head.clear();
    return shop.inOrder(ids, () -> current(ids).compose(batch -> {
      List<Change> sent = new ArrayList<>();
      List<String> gone = new ArrayList<>();
      return writeStock(batch, sent, gone)
          .transform(ar -> saveSent(sent).compose(v -> store.unlink(gone)).compose(v -> ar.succeeded()
              ? store.clearPending(ids) : Future.failedFuture(ar.cause())));
    })).compose(v -> flushStock(all));
  }

  /**
   * The stock writes of {@code ids} as the staged offers and the recorded shop state are now, in the products' turn:
   * what a fast stock message changed since the page was read is included, and a simple product whose stock the fast
   * stock API wrote from newer data than this file is skipped.
   */
  private Future<List<Change>> current(List<String> ids) {
    return store.offersOf(ids).compose(offers -> store.products(ids).map(states -> {
      List<Change> changes = new ArrayList<>();
      for (String id : ids) {
        List<CatalogStore.StagedOffer> productOffers = offers.getOrDefault(id, List.of());
        ProductState state = states.get(id);
        if (state == null || !state.linked()) continue; // unlinked meanwhile: the next catalog import creates it
        boolean simple = productOffers.stream().allMatch(o -> o.characteristicId() == null);
        if (simple && state.newerThan(version)) {
          stats.inc(ImportStats.OFFERS_OLDER);
          continue;
        }
        Change change = changeOf(id, productOffers, state);
        if (change.stock().stockDiffersFrom(state) || change.reveal()) {
          changes.add(change);
        } else {
          stats.inc(ImportStats.UNCHANGED); // a fast stock message wrote exactly this meanwhile
        }
      }
      return changes;
    }));
  }

  /** {@code reveal}: the product was created hidden until this offer (ProductState.awaitingOffer): the write shows it. */
  private record Change(String productId, StockAggregator.ProductStock stock, ProductState state, boolean reveal) {}

  /** The product's stock as its staged offers make it, and whether writing it shows a product created hidden. */
  private Change changeOf(String id, List<CatalogStore.StagedOffer> offers, ProductState state) {
    return new Change(id, aggregator.aggregate(id, offers), state,
        state.awaitingOffer() && Boolean.TRUE.equals(state.status()));
  }

  /** Records what the shop confirmed, and which hidden products it now shows. */
  private Future<Void> saveSent(List<Change> sent) {
    return store.saveStock(sent.stream().map(OfferApplier::stateOf).toList())
        .compose(v -> store.markShown(sent.stream().filter(Change::reveal).map(Change::productId).toList()));
  }

  private Future<Void> apply(List<String> ids, Map<String, List<CatalogStore.StagedOffer>> offers,
      Map<String, ProductState> states) {
    List<Change> optionWrites = new ArrayList<>();
    List<String> stockWrites = new ArrayList<>(); // computed again when sent, in the products' turn (current)
    List<String> clearNow = new ArrayList<>(); // unchanged or option writes: settled with this page
    for (String id : ids) {
      List<CatalogStore.StagedOffer> productOffers = offers.getOrDefault(id, List.of());
      ProductState state = states.get(id);
      if (state == null || !state.linked()) {
        deferred(id, productOffers);
        continue;
      }
      Change change = changeOf(id, productOffers, state);
      if (!Objects.equals(change.stock().optionsHash(), state.optionsHash())) {
        optionWrites.add(change);
        clearNow.add(id);
      } else if (change.stock().stockDiffersFrom(state) || change.reveal()) {
        stockWrites.add(id);
      } else {
        stats.inc(ImportStats.UNCHANGED);
        clearNow.add(id);
      }
    }
    List<Change> sent = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    // what the shop confirmed is recorded even when a request failed; pending is cleared only on success
    Future<Void> optionsWritten = optionWrites.isEmpty() ? Future.succeededFuture()
        : shop.inOrder(optionWrites.stream().map(Change::productId).toList(), () -> writeOptions(optionWrites, sent, gone));
    return optionsWritten
        .transform(ar -> saveSent(sent).compose(v -> store.unlink(gone)).compose(v -> ar.succeeded()
            ? store.clearPending(clearNow) : Future.failedFuture(ar.cause())))
        .compose(v -> {
          stockBuffer.addAll(stockWrites);
          return flushStock(false);
        });
  }

  private void deferred(String productId, List<CatalogStore.StagedOffer> offers) {
    boolean ours = offers.stream().anyMatch(o -> o.pending() && Objects.equals(o.stagedJob(), jobId));
    if (!ours) return; // staged by an earlier job and still waiting: reported there already
    stats.inc(ImportStats.DEFERRED);
    String name = offers.stream().map(CatalogStore.StagedOffer::name).filter(Objects::nonNull).findFirst().orElse(null);
    stats.note("offer", productId, name, "the shop does not have this product yet (no catalog import created it);"
        + " its price and stock are kept and sent when the product arrives");
  }

  // ---------------------------------------------------------------- stock and price only

  private Future<Void> writeStock(List<Change> changes, List<Change> sent, List<String> gone) {
    if (changes.isEmpty()) return Future.succeededFuture();
    List<StockItem> items = changes.stream().map(c -> {
      StockItem item = c.stock().stockItem(c.productId());
      return c.reveal() ? new StockItem(item.key(), item.quantity(), item.price(), true, item.optionValues()) : item;
    }).toList();
    return shop.updateStockPrices(ProductKey.EXTERNAL_ID, items).map(results -> {
      for (StockPriceResult r : results) {
        Change c = changes.get(r.index());
        if (r.status() == StockStatus.UPDATED) {
          stats.inc(ImportStats.STOCK_UPDATES);
          sent.add(c);
        } else {
          refused(c, r, gone);
        }
      }
      return null;
    });
  }

  private void refused(Change c, StockPriceResult r, List<String> gone) {
    stats.inc(ImportStats.FAILED);
    if (r.status() == StockStatus.NOT_FOUND) {
      gone.add(c.productId());
      stats.error("offer", c.productId(), c.state().name(),
          "not_found: the shop no longer has this product; the next catalog import creates it again");
    } else {
      stats.error("offer", c.productId(), c.state().name(), r.status().wireName() + (r.message() == null ? "" : ": " + r.message()));
    }
  }

  // ---------------------------------------------------------------- option structure

  private Future<Void> writeOptions(List<Change> changes, List<Change> sent, List<String> gone) {
    if (changes.isEmpty()) return Future.succeededFuture();
    Map<String, List<String>> needed = new LinkedHashMap<>();
    changes.forEach(c -> c.stock().options().forEach(o -> o.values().forEach(v ->
        needed.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(v.value()))));
    return dictionaries.ensureOptions(needed, stats).compose(v -> {
      List<Change> ready = new ArrayList<>();
      List<ProductUpsert> writes = new ArrayList<>();
      for (Change c : changes) {
        List<ProductOption> options = productOptions(c.stock());
        if (options == null) {
          stats.inc(ImportStats.FAILED);
          stats.error("offer", c.productId(), c.state().name(), "the shop did not confirm all option values");
          continue;
        }
        ProductWrite.Builder write = ProductWrite.builder().externalId(c.productId()).options(options)
            .price(c.stock().price()).quantity(c.stock().quantity());
        if (c.reveal()) write.status(true);
        ready.add(c);
        // never create here: a product appears only through its catalog record, with all its fields
        writes.add(new ProductUpsert(ProductRef.externalId(c.productId()), false, write.build()));
      }
      List<Future<Void>> requests = new ArrayList<>();
      for (int from = 0; from < writes.size(); from += CatalogSettings.UPSERT_BATCH) {
        int start = from;
        List<ProductUpsert> chunk = writes.subList(from, Math.min(writes.size(), from + CatalogSettings.UPSERT_BATCH));
        requests.add(upserts.send(chunk).map(results -> {
          for (ProductUpsertItemResult r : results) {
            Change c = ready.get(start + r.index());
            if (r.succeeded()) {
              stats.inc(ImportStats.UPDATED);
              sent.add(c);
            } else {
              stats.inc(ImportStats.FAILED);
              if (r.error().kind() == com.ocbridge.opencart.ErrorKind.NOT_FOUND) gone.add(c.productId());
              stats.error("offer", c.productId(), c.state().name(), ShopErrors.describe(r.error()));
            }
          }
          return null;
        }));
      }
      CompositeFuture all = Future.join(requests);
      return all.transform(ar -> ar.succeeded() ? Future.<Void>succeededFuture()
          : Future.failedFuture(ProductSync.firstCause(all, ar.cause())));
    });
  }

  private List<ProductOption> productOptions(StockAggregator.ProductStock stock) {
    List<ProductOption> options = new ArrayList<>();
    for (StockAggregator.OptionSpec o : stock.options()) {
      ShopDictionaries.OptionIds ids = dictionaries.option(o.name(), o.values().stream().map(StockAggregator.OptionValueSpec::value).toList());
      if (ids == null) return null;
      List<ProductOptionValue> values = new ArrayList<>();
      for (StockAggregator.OptionValueSpec v : o.values()) {
        long valueId = ids.valueIds().get(ShopDictionaries.optionValueId(o.name(), v.value()));
        BigDecimal difference = v.priceDifference();
        values.add(ProductOptionValue.of(OptionValueRef.id(valueId), v.externalId(), v.sku(), v.quantity(),
            difference.abs(), difference.signum() < 0 ? "-" : "+"));
      }
      options.add(ProductOption.of(OptionRef.id(ids.optionId()), true, values));
    }
    return options;
  }

  private static CatalogStore.StockState stateOf(Change c) {
    return c.stock().state(c.productId());
  }
}
