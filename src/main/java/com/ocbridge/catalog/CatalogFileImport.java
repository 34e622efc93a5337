package com.ocbridge.catalog;

import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.messages.OperatorMessage;
import com.ocbridge.messages.Reasons;

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
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.Unit;
import com.ocbridge.commerceml.model.Warehouse;
import com.ocbridge.exchange.ImportProcessor.ImportOutcome;
import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.opencart.OpenCartClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One catalog file of an exchange run, read once as a stream:
 * <ol>
 *   <li>dictionary records (groups, properties, price types, warehouses, units) are persisted for later files of
 *       the run; the groups are written as categories before the first product;</li>
 *   <li>products go to {@link ProductSync} in batches (the read pauses while a batch is in flight);</li>
 *   <li>offers are staged in batches ({@link OfferStager}); after the read, {@link OfferApplier} sends what changed;</li>
 *   <li>a full catalog is recorded ({@link FullExports}); what it did not list is disabled after the run's last
 *   file, not here.</li>
 * </ol>
 * Memory holds one batch of records and the classifier, never the catalog.
 */
final class CatalogFileImport implements RecordHandler {
  private static final int OFFER_BATCH = 1000;
  private static final int DICTIONARY_BATCH = 500;

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final CatalogStore store;
  /** With the language resolved against the shop in {@link #prepare()}. */
  private CatalogSettings settings;
  private final ImportTask task;
  private final ImportStats stats;

  private ClassifierIndex index;
  private OfferStager stager;
  private CategorySync categories;
  private ShopDictionaries dictionaries;
  private ProductSync products;
  private OfferApplier offers;

  private final List<CmlRecord> dictionaryBuffer = new ArrayList<>();
  private final FullExports fullExports;
  private final List<Group> pendingGroups = new ArrayList<>();
  private final List<Product> productBuffer = new ArrayList<>();
  private final List<OfferRow> offerBuffer = new ArrayList<>();
  private CatalogHeader catalog;
  private long offersStaged;
  private String phase = "products";

  CatalogFileImport(Vertx vertx, OpenCartClient shop, CatalogStore store, FullExports fullExports,
      CatalogSettings settings, ImportTask task) {
    this.vertx = vertx;
    this.shop = shop;
    this.store = store;
    this.fullExports = fullExports;
    this.settings = settings;
    this.task = task;
    this.stats = new ImportStats(settings.maxErrors());
  }

  Future<ImportOutcome> run() {
    return prepare()
        .compose(v -> vertx.fileSystem().props(task.file().toString()))
        .compose(props -> read(props.size()))
        .compose(summary -> finish(summary))
        .map(v -> new ImportOutcome(stats.summary(), stats.counts(), stats.errors()))
        .recover(this::explain);
  }

  private Future<Void> prepare() {
    return ShopLanguageCheck.resolve(shop, settings.language()).compose(language -> {
      settings = settings.withShop(language, settings.storeIds());
      // offers staged unchanged are not compared again; a setting that changes how they become options must be
      return store.aggregationSettings(settings.variants() + "|" + settings.fallbackOptionName());
    }).compose(v -> store.dictionaries()).compose(records -> {
      index = new ClassifierIndex();
      records.forEach(index::add); // dictionaries of earlier files resolve this one (split exports, restarts)
      stager = new OfferStager(settings, index);
      return store.links("category");
    }).compose(categoryLinks -> {
      categories = new CategorySync(shop, store, settings, categoryLinks);
      return ShopDictionaries.load(shop, store, settings);
    }).map(d -> {
      dictionaries = d;
      ImageUploader images = new ImageUploader(vertx, shop, store, settings, runDir(task));
      ProductUpserts upserts = new ProductUpserts(vertx, shop, stats);
      products = new ProductSync(shop, upserts, store, settings, categories, dictionaries, images, task, stats);
      offers = new OfferApplier(shop, upserts, store, settings, dictionaries, task, stats);
      return null;
    });
  }

  /** The run's folder: pictures are referenced relative to it, whatever sub-folder the XML file sits in. */
  static Path runDir(ImportTask task) {
    Path dir = task.file().toAbsolutePath();
    for (int i = 0; i < Path.of(task.filename()).getNameCount(); i++) dir = dir.getParent();
    return dir;
  }

  private Future<ReadSummary> read(long size) {
    OpenOptions options = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
    return vertx.fileSystem().open(task.file().toString(), options).compose(opened -> {
      AsyncFile file = opened.setReadBufferSize(CommerceMlReader.FILE_READ_BUFFER);
      CountingReadStream counted = new CountingReadStream(file,
          bytes -> task.progress().accept(size == 0 ? 0 : 90.0 * bytes / size));
      return new CommerceMlReader().read(counted, index, this).eventually(() -> file.close().otherwise(e -> null));
    });
  }

  @Override
  public Future<Void> onRecord(CmlRecord record) {
    if (record instanceof Product p) {
      stats.inc(ImportStats.PRODUCTS_READ);
      return writeCategories().compose(v -> {
        productBuffer.add(p);
        return productBuffer.size() >= settings.recordBatch() ? flushProducts() : Future.succeededFuture();
      });
    }
    if (record instanceof Offer o) {
      stats.inc(ImportStats.OFFERS_READ);
      offerBuffer.add(stager.row(o));
      return offerBuffer.size() >= OFFER_BATCH ? flushOffers() : Future.succeededFuture();
    }
    if (record instanceof Group g) {
      pendingGroups.add(g);
      return keep(record);
    }
    if (record instanceof PriceType t) {
      stager.declared(t);
      return keep(record);
    }
    if (record instanceof Property || record instanceof Warehouse || record instanceof Unit) {
      return keep(record);
    }
    if (record instanceof CatalogHeader h) {
      catalog = h;
    }
    return Future.succeededFuture();
  }

  private Future<Void> keep(CmlRecord record) {
    dictionaryBuffer.add(record);
    return dictionaryBuffer.size() >= DICTIONARY_BATCH ? flushDictionaries() : Future.succeededFuture();
  }

  private Future<Void> flushDictionaries() {
    List<CmlRecord> batch = List.copyOf(dictionaryBuffer);
    dictionaryBuffer.clear();
    return store.saveDictionaries(task.runId(), batch);
  }

  /** Categories go first: products reference them, parents before children. */
  private Future<Void> writeCategories() {
    if (pendingGroups.isEmpty()) return Future.succeededFuture();
    List<Group> groups = List.copyOf(pendingGroups);
    pendingGroups.clear();
    phase = "categories";
    return categories.sync(groups, stats).map(v -> {
      phase = "products";
      return null;
    });
  }

  private Future<Void> flushProducts() {
    if (productBuffer.isEmpty()) return Future.succeededFuture();
    List<Product> batch = List.copyOf(productBuffer);
    productBuffer.clear();
    return products.sync(batch);
  }

  private Future<Void> flushOffers() {
    if (offerBuffer.isEmpty()) return Future.succeededFuture();
    List<OfferRow> batch = List.copyOf(offerBuffer);
    offerBuffer.clear();
    offersStaged += batch.size();
    return store.stageOffers(task.jobId(), task.dataVersion(), batch).map(staged -> {
      stats.add(ImportStats.OFFERS_UNCHANGED, staged.unchanged());
      stats.add(ImportStats.OFFERS_OLDER, staged.older());
      return null;
    });
  }

  private Future<Void> finish(ReadSummary summary) {
    return flushDictionaries()
        .compose(v -> writeCategories())
        .compose(v -> flushProducts())
        .compose(v -> flushOffers())
        .compose(v -> {
          phase = "offers";
          task.progress().accept(92);
          // also after a catalog file: offers staged before their product existed can be applied now
          return offers.applyPending();
        })
        .compose(v -> {
          if (!isFullCatalog(summary)) return Future.succeededFuture();
          // a full export may continue in the run's next files: disabling what it did not list waits for its end
          stats.noteFullExport();
          return fullExports.record(task.runId());
        });
  }

  private boolean isFullCatalog(ReadSummary summary) {
    if (catalog == null) return false;
    // old files state СодержитТолькоИзменения as an element after the products: the summary has the final word
    boolean onlyChanges = summary.onlyChanges() != null ? summary.onlyChanges() : catalog.onlyChanges();
    return !onlyChanges;
  }

  /** A job failure 1C and the operator can act on; says what is kept and where a re-run picks up. */
  private Future<ImportOutcome> explain(Throwable e) {
    if (e instanceof Deactivator.TooManyMissing || ShopErrors.refusesThisItem(e)
        || !(e instanceof com.ocbridge.opencart.OpenCartException)) {
      return Future.failedFuture(e);
    }
    var kind = ((com.ocbridge.opencart.OpenCartException) e).kind();
    String reason = Reasons.of(e);
    if (kind == com.ocbridge.opencart.ErrorKind.UNAUTHORIZED || kind == com.ocbridge.opencart.ErrorKind.FORBIDDEN_IP) {
      return Future.failedFuture(new OperatorMessage(reason + ". Ничего не потеряно: при повторном обмене импорт"
          + " начнётся заново", e));
    }
    long confirmed = products == null ? 0 : products.confirmed();
    long resumeAt = products == null ? 1 : products.settled() + 1;
    String where = switch (phase) {
      case "categories" -> "импорт продолжится с категорий";
      case "offers" -> "цены и остатки " + offersStaged + " предложений сохранены, импорт продолжится с товаров, ещё"
          + " не обновлённых в магазине";
      default -> "импорт продолжится с товара " + resumeAt + " и отправит только то, что магазин ещё не подтвердил";
    };
    String kept = confirmed == 0 ? "" : " магазин подтвердил " + confirmed + " товаров из " + task.filename()
        + ", они записаны;";
    return Future.failedFuture(new ImportProcessor.TargetUnavailable(reason + ". Ничего не потеряно:" + kept + " "
        + where, e));
  }
}
