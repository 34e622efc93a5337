package com.ocbridge.status;

import com.ocbridge.api.ApiResponses;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/status} (operationId {@code getStatus}), behind the API token like the rest of /api/v1. */
public final class StatusApi {
  private final StatusReport report;

  public StatusApi(StatusReport report) {
    this.report = report;
  }

  public void get(RoutingContext ctx) {
    ApiResponses.reply(ctx, 200, report.build());
  }
}
