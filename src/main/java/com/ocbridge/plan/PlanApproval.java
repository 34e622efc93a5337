package com.ocbridge.plan;

import com.ocbridge.exchange.ExchangeLog;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.ImportJobRunner;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.exchange.JobControl;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Map;

/**
 * An operator's decision on a run's held plan. Approving recomputes the plan and compares its fingerprint with the
 * one shown: equal, the job is queued again and applies exactly that plan; different (the bridge's state changed
 * since: another import, the fast stock API), the new plan replaces the old one, stays held, and the approval is
 * refused with the reason. Rejecting ends the job (and the later jobs of its run) without writing anything.
 */
public final class PlanApproval {
  /** {@code done}, or refused with an HTTP-like status (404 no such run, 409 not held / plan changed) and why. */
  public record Outcome(boolean done, int status, String refusal, PlanStore.Plan plan) {}

  static final String REJECTED = "Отклонён оператором: план изменений не подтверждён, в магазин ничего не записано."
      + " Чтобы загрузить этот файл, выполните обмен заново";
  static final String APPROVED = "План изменений подтверждён оператором: импорт выполняется";

  private final ExchangeStore exchanges;
  private final PlanStore plans;
  private final JobControl control;
  private final Map<String, ImportProcessor> processors;
  private final Path exchangeRoot;
  private final Runnable wake;

  public PlanApproval(ExchangeStore exchanges, PlanStore plans, JobControl control,
      Map<String, ImportProcessor> processors, Path exchangeRoot, Runnable wake) {
    this.exchanges = exchanges;
    this.plans = plans;
    this.control = control;
    this.processors = processors;
    this.exchangeRoot = exchangeRoot;
    this.wake = wake;
  }

  /** {@code seen}: the fingerprint the operator looked at (optional): a plan that is no longer it is not approved. */
  public Future<Outcome> approve(String runId, String seen) {
    return held(runId).compose(found -> {
      if (found.refusal() != null) return Future.succeededFuture(found.refusal());
      ExchangeStore.Job job = found.job();
      PlanStore.Plan shown = found.plan();
      if (seen != null && !seen.isBlank() && !seen.equals(shown.fingerprint())) {
        return Future.succeededFuture(new Outcome(false, 409, "the plan was recomputed since you saw it (fingerprint "
            + shown.fingerprint() + ", not " + seen + "): review it again", shown));
      }
      ImportProcessor processor = processors.get(found.run().type());
      if (!(processor instanceof Replanner replanner)) {
        return Future.succeededFuture(new Outcome(false, 409, "exchanges of type " + found.run().type()
            + " have no change plan to approve", shown));
      }
      return replanner.replan(ImportJobRunner.taskOf(job, found.run(), exchangeRoot)).compose(now -> {
        if (!now.fingerprint().equals(shown.fingerprint())) {
          ExchangeLog.of(runId).warn("plan.approval.refused", "job={} reason=changed items={} before={}", job.id(),
              now.items(), shown.items());
          return plans.find(job.id()).map(p -> new Outcome(false, 409, "the bridge's catalog state changed since the"
              + " plan was computed (" + shown.items() + " lines then, " + now.items() + " now): the plan shown is"
              + " replaced by the new one and stays held; review it and approve again", p.orElse(shown)));
        }
        return plans.transition(job.id(), PlanStore.HELD, PlanStore.APPROVED, null)
            .compose(moved -> moved ? exchanges.releaseHeld(job.id(), APPROVED) : Future.succeededFuture(false))
            .compose(released -> {
              if (!released) return Future.succeededFuture(new Outcome(false, 409, "the job is no longer held", shown));
              ExchangeLog.of(runId).info("plan.approved", "job={} file={} items={} fingerprint={}", job.id(),
                  job.filename(), now.items(), now.fingerprint());
              wake.run();
              return plans.find(job.id()).map(p -> new Outcome(true, 200, null, p.orElse(shown)));
            });
      });
    });
  }

  public Future<Outcome> reject(String runId) {
    return held(runId).compose(found -> {
      if (found.refusal() != null) return Future.succeededFuture(found.refusal());
      ExchangeStore.Job job = found.job();
      return control.reject(runId, job.id(), REJECTED).compose(o -> {
        if (!o.done()) return Future.succeededFuture(new Outcome(false, 409, o.refusal(), found.plan()));
        return plans.transition(job.id(), PlanStore.HELD, PlanStore.REJECTED, null).compose(v -> {
          ExchangeLog.of(runId).info("plan.rejected", "job={} file={} items={}", job.id(), job.filename(),
              found.plan().items());
          return plans.find(job.id()).map(p -> new Outcome(true, 200, null, p.orElse(found.plan())));
        });
      });
    });
  }

  private record Held(ExchangeStore.Run run, ExchangeStore.Job job, PlanStore.Plan plan, Outcome refusal) {}

  private Future<Held> held(String runId) {
    return exchanges.findRun(runId).compose(run -> {
      if (run.isEmpty()) return Future.succeededFuture(new Held(null, null, null, new Outcome(false, 404,
          "no exchange " + runId, null)));
      return exchanges.heldJob(runId).compose(job -> {
        if (job.isEmpty()) return Future.succeededFuture(new Held(run.get(), null, null, new Outcome(false, 409,
            "exchange " + runId + " has no held plan", null)));
        return plans.find(job.get().id()).map(plan -> plan.filter(p -> PlanStore.HELD.equals(p.state()))
            .map(p -> new Held(run.get(), job.get(), p, null))
            .orElse(new Held(run.get(), job.get(), null, new Outcome(false, 409, "the plan of job " + job.get().id()
                + " is not held", null))));
      });
    });
  }
}
