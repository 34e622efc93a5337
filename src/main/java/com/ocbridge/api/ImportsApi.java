package com.ocbridge.api;

import com.ocbridge.exchange.ManualImport;
import com.ocbridge.exchange.UploadReceiver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/imports?filename=import.xml} with the raw file (or a zip) as the body: 202
 * {@code {"exchange": "<run id>", "jobs": [...]}}; {@code dryRun=true} computes the jobs' change plans only. A streamed operation ({@link ApiRouter}): the body goes to disk as
 * it arrives, up to {@code exchange.fileLimit} (413 beyond it); a bad file name is 400, a damaged archive 422.
 */
public final class ImportsApi {
  private final ManualImport imports;

  public ImportsApi(ManualImport imports) {
    this.imports = imports;
  }

  public void post(RoutingContext ctx) {
    String name;
    try {
      name = ManualImport.fileName(ctx.request().getParam("filename"));
    } catch (IllegalArgumentException e) {
      ctx.fail(ApiError.badRequest("filename: " + e.getMessage()));
      return;
    }
    String dry = ctx.request().getParam("dryRun");
    if (dry != null && !dry.equals("true") && !dry.equals("false")) {
      ctx.fail(ApiError.badRequest("dryRun: must be true or false, got '" + dry + "'"));
      return;
    }
    boolean dryRun = "true".equals(dry);
    long declared = declaredLength(ctx.request().getHeader("Content-Length"));
    if (declared > imports.fileLimit()) {
      ctx.fail(tooLarge(declared));
      return;
    }
    imports.run(name, ctx.request(), dryRun)
        .onSuccess(queued -> {
          JsonArray jobs = new JsonArray();
          queued.jobs().forEach(j -> jobs.add(ExchangesApi.job(j, -1)));
          ApiResponses.json(ctx, 202, new JsonObject().put("exchange", queued.runId()).put("dryRun", dryRun)
              .put("jobs", jobs));
        })
        .onFailure(e -> ctx.fail(e instanceof UploadReceiver.TooLarge ? tooLarge(-1)
            : e instanceof ManualImport.Refused r ? ApiError.unprocessable(r.getMessage(), null) : e));
  }

  private ApiError tooLarge(long declared) {
    JsonObject details = new JsonObject().put("limit", imports.fileLimit());
    if (declared >= 0) details.put("declared", declared);
    return new ApiError(413, "payload_too_large", "the file is larger than exchange.fileLimit ("
        + imports.fileLimit() + " bytes)", details);
  }

  private static long declaredLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
