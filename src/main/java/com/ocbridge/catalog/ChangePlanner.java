package com.ocbridge.catalog;

import com.ocbridge.commerceml.ClassifierIndex;
import com.ocbridge.commerceml.CommerceMlReader;
import com.ocbridge.commerceml.ReadSummary;
import com.ocbridge.commerceml.RecordHandler;
import com.ocbridge.commerceml.model.CatalogHeader;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.plan.PlanItem;
import com.ocbridge.plan.PlanStore;
import com.ocbridge.plan.PlanSummary;
import com.ocbridge.plan.PlanWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change plan of one catalog file: a second streamed pass over it, before the import writes anything, that
 * compares each group, product and offer with what the bridge last confirmed ({@link PlanDiff}) and writes the lines
 * in batches ({@link PlanWriter}). Reads only: no shop call, nothing written to the catalog's tables (a dry run
 * records the products its full catalog listed in change_plan_seen, not in catalog_product). Memory holds one batch.
 */
final class ChangePlanner implements RecordHandler {
  private static final int OFFER_BATCH = 1000;

  private final Vertx vertx;
  private final CatalogStore store;
  private final PlanStore plans;
  private final CatalogSettings settings;
  private final ImportTask task;
  private final PlanWriter writer;
  private final ClassifierIndex index = new ClassifierIndex();
  private OfferStager stager;
  private PlanDiff diff;
  private final List<Product> products = new ArrayList<>();
  private final List<OfferRow> offers = new ArrayList<>();
  /** Groups planned for creation: their children reference them as the shop will have them. */
  private final Set<String> createdGroups = new HashSet<>();
  private CatalogHeader catalog;

  ChangePlanner(Vertx vertx, CatalogStore store, PlanStore plans, CatalogSettings settings, ImportTask task,
      BigDecimal priceChangePercent) {
    this.vertx = vertx;
    this.store = store;
    this.plans = plans;
    this.settings = settings;
    this.task = task;
    this.writer = new PlanWriter(plans, task.jobId(), priceChangePercent);
  }

  Future<PlanSummary> plan() {
    return plans.begin(task.jobId(), task.runId())
        .compose(v -> store.dictionaries())
        .compose(records -> {
          records.forEach(index::add);
          stager = new OfferStager(settings, index);
          return store.links("category");
        })
        .compose(categories -> store.links(ShopDictionaries.MANUFACTURER).compose(m -> store.links(ShopDictionaries.ATTRIBUTE)
            .map(a -> {
              diff = new PlanDiff(store, settings, categories, m, a, task.dataVersion());
              return null;
            })))
        .compose(v -> vertx.fileSystem().open(task.file().toString(), new OpenOptions().setRead(true).setWrite(false)))
        .compose(file -> new CommerceMlReader().read(file.setReadBufferSize(CommerceMlReader.FILE_READ_BUFFER), index, this)
            .eventually(() -> file.close().otherwise(e -> null)))
        .compose(summary -> flushProducts().compose(v -> flushOffers())
            .compose(v -> writer.finish(isFullCatalog(summary), 0)));
  }

  @Override
  public Future<Void> onRecord(CmlRecord record) {
    if (record instanceof Product p) {
      products.add(p);
      return products.size() >= settings.recordBatch() ? flushProducts() : Future.succeededFuture();
    }
    if (record instanceof Offer o) {
      offers.add(stager.row(o));
      return offers.size() >= OFFER_BATCH ? flushOffers() : Future.succeededFuture();
    }
    if (record instanceof Group g) return writer.add(diff.group(g, createdGroups), g.deleted());
    if (record instanceof PriceType t) stager.declared(t);
    if (record instanceof CatalogHeader h) catalog = h;
    return Future.succeededFuture();
  }

  private Future<Void> flushProducts() {
    if (products.isEmpty()) return Future.succeededFuture();
    List<Product> batch = List.copyOf(products);
    products.clear();
    Future<Void> seen = task.dryRun()
        ? plans.seen(task.runId(), batch.stream().map(Product::productId).distinct().toList())
        : Future.succeededFuture();
    return seen.compose(v -> diff.products(batch)).compose(this::write);
  }

  private Future<Void> flushOffers() {
    if (offers.isEmpty()) return Future.succeededFuture();
    List<OfferRow> batch = List.copyOf(offers);
    offers.clear();
    return diff.offers(batch).compose(this::write);
  }

  private Future<Void> write(List<PlanDiff.Entity> entities) {
    Future<Void> chain = Future.succeededFuture();
    for (PlanDiff.Entity e : entities) chain = chain.compose(v -> writer.add(e.lines(), e.deletion()));
    return chain;
  }

  private boolean isFullCatalog(ReadSummary summary) {
    if (catalog == null) return false;
    boolean onlyChanges = summary.onlyChanges() != null ? summary.onlyChanges() : catalog.onlyChanges();
    return !onlyChanges;
  }

  /**
   * The plan of a run's end (or {@code mode=deactivate}): the linked, enabled products a full catalog of the run did
   * not list, which the deactivation would disable, paged from the database.
   */
  static Future<PlanSummary> deactivation(CatalogStore store, PlanStore plans, ImportTask task, boolean due,
      BigDecimal priceChangePercent) {
    PlanWriter writer = new PlanWriter(plans, task.jobId(), priceChangePercent);
    Future<long[]> counts = !due ? Future.succeededFuture(new long[] {0, 0})
        : task.dryRun() ? store.countMissingDry(task.runId()) : store.countMissing(task.runId());
    return plans.begin(task.jobId(), task.runId()).compose(v -> counts).compose(c -> {
      if (c[1] == 0) return writer.finish(false, c[0]);
      return missingPage(store, writer, task, "").compose(v -> writer.finish(false, c[0]));
    });
  }

  private static Future<Void> missingPage(CatalogStore store, PlanWriter writer, ImportTask task, String after) {
    Future<List<CatalogStore.Missing>> page = task.dryRun()
        ? store.missingPageDry(task.runId(), after, CatalogSettings.STOCK_BATCH)
        : store.missingPage(task.runId(), after, CatalogSettings.STOCK_BATCH);
    return page.compose(missing -> {
      if (missing.isEmpty()) return Future.succeededFuture();
      Future<Void> chain = Future.succeededFuture();
      for (CatalogStore.Missing m : missing) {
        chain = chain.compose(v -> writer.add(List.of(new PlanItem(PlanItem.PRODUCT, PlanItem.DISABLE, m.externalId(),
            m.name(), "status", "true", "false")), false));
      }
      return chain.compose(v -> missingPage(store, writer, task, missing.get(missing.size() - 1).externalId()));
    });
  }

}
