package com.ocbridge.plan;

import com.ocbridge.exchange.ImportProcessor.ImportTask;
import io.vertx.core.Future;

/** A processor whose jobs have change plans: it can compute a held job's plan again (for an approval). */
public interface Replanner {
  /** Recomputes the plan of the held job of {@code task}; the plan stays held, with its new lines and fingerprint. */
  Future<PlanSummary> replan(ImportTask task);
}
