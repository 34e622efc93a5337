package com.ocbridge.catalog;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.messages.OperatorMessage;
import com.ocbridge.messages.Reasons;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.TrafficLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code catalog} import: each CommerceML file of an exchange run becomes the minimal set of OpenCart
 * writes ({@link CatalogFileImport}). What a full catalog did not list is disabled once per run, after its last
 * file: by the {@link #DEACTIVATE_JOB} job that {@code mode=deactivate} queues, or by the {@link #RUN_END_JOB} job
 * queued at {@code mode=complete} or when the run ends without it ({@link FullExports}).
 */
public final class CatalogImportProcessor implements ImportProcessor {
  private static final Logger log = LoggerFactory.getLogger("catalog");

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final FullExports fullExports;
  private final CatalogSettings settings;

  public CatalogImportProcessor(Vertx vertx, Pool pool, OpenCartClient shop, CatalogSettings settings) {
    this.vertx = vertx;
    this.shop = shop;
    this.store = new CatalogStore(pool);
    this.fullExports = new FullExports(pool);
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
    return task -> Future.failedFuture(new OperatorMessage(reason));
  }

  @Override
  public boolean handlesRunEnd() {
    return true;
  }

  @Override
  public Future<ImportOutcome> process(ImportTask task) {
    if (DEACTIVATE_JOB.equals(task.filename())) return deactivate(task, true);
    if (RUN_END_JOB.equals(task.filename())) return deactivate(task, false);
    return new CatalogFileImport(vertx, shop, store, fullExports, settings, task).run();
  }

  /**
   * {@code requested}: 1C sent {@code mode=deactivate} after a full export, so its run listed everything that should
   * stay enabled. Otherwise (the run's end) only a run that brought a full catalog not yet followed by a deactivation
   * disables anything.
   */
  private Future<ImportOutcome> deactivate(ImportTask task, boolean requested) {
    return fullExports.pending(task.runId()).compose(pending -> {
      if (!requested && !pending) {
        return Future.succeededFuture(new ImportOutcome("Обмен завершён: полной выгрузки каталога не было или она уже"
            + " обработана, отключать нечего", java.util.Map.of()));
      }
      ImportStats stats = new ImportStats(settings.maxErrors());
      return new Deactivator(shop, store, settings).disableMissing(task.runId(), stats)
          .compose(v -> fullExports.markDeactivated(task.runId()))
          .map(v -> {
            log.info("event=catalog.deactivated run={} disabled={} trigger={}", task.runId(),
                stats.get(ImportStats.DISABLED), requested ? "mode=deactivate" : "run end");
            return new ImportOutcome("Деактивация: отключено товаров " + stats.get(ImportStats.DISABLED),
                stats.counts(), stats.errors());
          })
          .recover(e -> Future.failedFuture(ShopErrors.isOutage(e) ? new TargetUnavailable(Reasons.of(e)
              + ". Отключение товаров, которых нет в полной выгрузке, продолжится, когда магазин снова ответит", e)
              : e));
    });
  }
}
