package com.ocbridge.catalog;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.messages.OperatorMessage;
import com.ocbridge.messages.Reasons;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.TrafficLimits;
import com.ocbridge.plan.PlanRules;
import com.ocbridge.plan.PlanStore;
import com.ocbridge.plan.PlanSummary;
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
public final class CatalogImportProcessor implements ImportProcessor, com.ocbridge.plan.Replanner {
  private static final Logger log = LoggerFactory.getLogger("catalog");

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final FullExports fullExports;
  private final CatalogSettings settings;
  private final PlanStore plans;
  private final BridgeConfig.Approval approval;

  public CatalogImportProcessor(Vertx vertx, Pool pool, OpenCartClient shop, CatalogSettings settings) {
    this(vertx, pool, shop, settings, BridgeConfig.Approval.OFF);
  }

  /** {@code approval}: the rules that hold a plan for an operator (catalog.approval.*). */
  public CatalogImportProcessor(Vertx vertx, Pool pool, OpenCartClient shop, CatalogSettings settings,
      BridgeConfig.Approval approval) {
    this.vertx = vertx;
    this.shop = shop;
    this.store = new CatalogStore(pool);
    this.fullExports = new FullExports(pool);
    this.settings = settings;
    this.plans = new PlanStore(pool);
    this.approval = approval;
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

  /**
   * Every job first computes its change plan, before it writes anything ({@link ChangePlanner}); a dry run stops
   * there; a plan that breaks an approval rule holds the job ({@link Held}); a plan already computed and let through
   * (a job resumed after the shop was down) or approved by an operator is applied without computing it again: the
   * plan shown is the one applied.
   */
  @Override
  public Future<ImportOutcome> process(ImportTask task) {
    return plans.find(task.jobId()).compose(existing -> {
      String state = existing.map(PlanStore.Plan::state).orElse(null);
      if (!task.dryRun() && (PlanStore.READY.equals(state) || PlanStore.APPROVED.equals(state))) {
        return apply(task, PlanStore.APPROVED.equals(state));
      }
      return computePlan(task).compose(computed -> {
        if (task.dryRun()) {
          return plans.finish(task.jobId(), computed.summary(), PlanStore.READY, computed.reason(), computed.ms())
              .map(v -> dryRunOutcome(computed));
        }
        if (computed.reason() != null) {
          return plans.finish(task.jobId(), computed.summary(), PlanStore.HELD, computed.reason(), computed.ms())
              .compose(v -> Future.failedFuture(new Held(PlanRules.heldMessage(task.filename(), task.runId(),
                  computed.reason()))));
        }
        return plans.finish(task.jobId(), computed.summary(), PlanStore.READY, null, computed.ms())
            .compose(v -> apply(task, false));
      });
    });
  }

  /** A plan as computed: its summary, the approval rule it breaks (null: none) and how long it took. */
  private record Computed(PlanSummary summary, String reason, long ms) {}

  private Future<Computed> computePlan(ImportTask task) {
    long started = System.nanoTime();
    boolean runEnd = DEACTIVATE_JOB.equals(task.filename()) || RUN_END_JOB.equals(task.filename());
    Future<PlanSummary> summary;
    if (runEnd) {
      summary = deactivationDue(task).compose(due -> ChangePlanner.deactivation(store, plans, task, due,
          approval.priceChangePercent()));
    } else {
      // the language decides the hash of every product write, as the import resolves it (a read, no write)
      summary = ShopLanguageCheck.resolve(shop, settings.language())
          .recover(e -> Future.failedFuture(unreachable(e)))
          .compose(language -> new ChangePlanner(vertx, store, plans, settings.withShop(language, settings.storeIds()),
              task, approval.priceChangePercent()).plan());
    }
    return summary.map(s -> {
      long ms = (System.nanoTime() - started) / 1_000_000;
      String reason = PlanRules.check(approval, runEnd ? settings.maxDisableShare() : null, s);
      log.info("event=plan.computed run={} job={} file={} items={} counts={} ms={} held={}", task.runId(),
          task.jobId(), task.filename(), s.items(), s.counts().encode(), ms, reason != null);
      return new Computed(s, reason, ms);
    });
  }

  /**
   * The shop did not answer the language check before the plan: as for the import itself (CatalogFileImport), an
   * outage pauses the job (it runs again by itself) and a refused login fails it, both said for 1C's operator.
   */
  private static Throwable unreachable(Throwable e) {
    if (!(e instanceof com.ocbridge.opencart.OpenCartException oc) || ShopErrors.refusesThisItem(e)) return e;
    String reason = Reasons.of(e);
    if (oc.kind() == com.ocbridge.opencart.ErrorKind.UNAUTHORIZED
        || oc.kind() == com.ocbridge.opencart.ErrorKind.FORBIDDEN_IP) {
      return new OperatorMessage(reason + ". Ничего не потеряно: при повторном обмене импорт начнётся заново", e);
    }
    return new TargetUnavailable(reason + ". Ничего не потеряно: в магазин ещё ничего не записано, план изменений"
        + " и импорт начнутся, когда магазин снова ответит", e);
  }

  private Future<Boolean> deactivationDue(ImportTask task) {
    if (!settings.disableMissing()) return Future.succeededFuture(false);
    if (DEACTIVATE_JOB.equals(task.filename())) return Future.succeededFuture(true);
    return task.dryRun() ? plans.fullCatalogIn(task.runId()) : fullExports.pending(task.runId());
  }

  /** Recomputes a held job's plan for an approval; it stays held (with the new lines) until the approval succeeds. */
  @Override
  public Future<PlanSummary> replan(ImportTask task) {
    return computePlan(task).compose(c -> plans.finish(task.jobId(), c.summary(), PlanStore.HELD,
        c.reason() != null ? c.reason() : "approval requested", c.ms()).map(c.summary()));
  }

  private static ImportOutcome dryRunOutcome(Computed c) {
    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
    c.summary().counts().forEach(e -> {
      if (e.getValue() instanceof Number n && e.getKey().split("\\.").length == 2) counts.put("plan." + e.getKey(), n.longValue());
    });
    counts.put("plan.items", c.summary().items());
    return new ImportOutcome("Пробный запуск: план изменений вычислен (строк: " + c.summary().items()
        + "), в магазин ничего не записано" + (c.reason() == null ? "" : "; без пробного запуска импорт ждал бы"
        + " подтверждения: " + c.reason()), counts);
  }

  private Future<ImportOutcome> apply(ImportTask task, boolean approved) {
    Future<ImportOutcome> work;
    if (DEACTIVATE_JOB.equals(task.filename())) work = deactivate(task, true, approved);
    else if (RUN_END_JOB.equals(task.filename())) work = deactivate(task, false, approved);
    else work = new CatalogFileImport(vertx, shop, store, fullExports, settings, task).run();
    return work
        .compose(outcome -> plans.markApplied(task.jobId()).map(outcome))
        .recover(e -> e instanceof TargetUnavailable ? Future.failedFuture(e)
            : plans.markStale(task.jobId()).transform(ignored -> Future.failedFuture(e)));
  }

  /**
   * {@code requested}: 1C sent {@code mode=deactivate} after a full export, so its run listed everything that should
   * stay enabled. Otherwise (the run's end) only a run that brought a full catalog not yet followed by a deactivation
   * disables anything.
   */
  private Future<ImportOutcome> deactivate(ImportTask task, boolean requested, boolean approved) {
    return fullExports.pending(task.runId()).compose(pending -> {
      if (!requested && !pending) {
        return Future.succeededFuture(new ImportOutcome("Обмен завершён: полной выгрузки каталога не было или она уже"
            + " обработана, отключать нечего", java.util.Map.of()));
      }
      ImportStats stats = new ImportStats(settings.maxErrors());
      // approved: an operator saw the products it disables (catalog.maxDisableShare no longer stops it)
      return new Deactivator(shop, store, approved ? settings.with(settings.priceType(), settings.disableMissing(),
          java.math.BigDecimal.ONE) : settings).disableMissing(task.runId(), stats)
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
