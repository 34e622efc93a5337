package com.ocbridge.catalog;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.TrafficLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The {@code catalog} import: each CommerceML file of an exchange run becomes the minimal set of OpenCart
 * writes ({@link CatalogFileImport}); the {@link #DEACTIVATE_JOB} job that {@code mode=deactivate} queues
 * disables what the run did not list.
 */
public final class CatalogImportProcessor implements ImportProcessor {
  /**
   * File name of the job {@code mode=deactivate} queues. It contains characters no uploaded file name may have
   * ({@code FileNames.sanitize} refuses {@code <>}), so it can never be mistaken for a file of the run.
   */

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final CatalogSettings settings;

  public CatalogImportProcessor(Vertx vertx, Pool pool, OpenCartClient shop, CatalogSettings settings) {
    this.vertx = vertx;
    this.shop = shop;
    this.store = new CatalogStore(pool);
    this.settings = settings;
  }

  /** The OpenCart client settings from {@code opencart.*}; the client's own defaults for timeouts and retries. */
  public static OpenCartSettings shopSettings(BridgeConfig.OpenCart config) {
    return new OpenCartSettings(config.baseUrl().toString(), config.apiUsername(), config.apiKey(), config.language(),
        config.storeIds(), config.concurrency(), null, 3, null, null, null,
        new TrafficLimits(config.stockConcurrency(), config.orderReadConcurrency(), config.orderWriteConcurrency()));
  }

  /** A processor that fails every catalog job with {@code reason} (e.g. no shop configured). */
  public static ImportProcessor unavailable(String reason) {
    return task -> Future.failedFuture(new IllegalStateException(reason));
  }

  @Override
  public Future<ImportOutcome> process(ImportTask task) {
    if (DEACTIVATE_JOB.equals(task.filename())) {
      ImportStats stats = new ImportStats(settings.maxErrors());
      // mode=deactivate comes after a full export: its run listed everything that should stay enabled
      return new Deactivator(shop, store, settings)
          .disableMissing(task.runId(), stats)
          .map(v -> new ImportOutcome("Деактивация: отключено товаров " + stats.get(ImportStats.DISABLED),
              stats.counts(), stats.errors()));
    }
    return new CatalogFileImport(vertx, shop, store, settings, task).run();
  }
}
