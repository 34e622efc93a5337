package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-item refusals across exchanges ({@code GET /api/v1/errors}): the entries of {@code import_job.errors} that are
 * not notes (a note, e.g. an offer deferred until its product arrives, is no refusal), newest first.
 *
 * <p>An error has no row of its own: its id is {@code job id × 100000 + its position in the job's list} (a job keeps
 * at most {@code catalog maxErrors} entries, far fewer), so ids grow with time and {@code before} pages stably.
 */
public final class ItemErrors {
  static final long PER_JOB = 100_000;

  /** {@code item}: the 1C Ид (or SKU) the shop refused, {@code name} as stored; {@code what}: product, offer, … */
  public record ItemError(long id, String exchangeId, long jobId, String file, String what, String item, String name,
      String sku, String reason, OffsetDateTime at) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("exchange", exchangeId).put("job", jobId).put("file", file)
          .put("what", what).put("item", item).put("name", name).put("sku", sku).put("reason", reason)
          .put("at", at == null ? null : at.toString());
    }
  }

  private final Pool pool;

  public ItemErrors(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param q case-insensitive substring of the item (Ид, SKU, name) or the reason; null = all
   * @param exchangeId only this exchange; null = all
   * @param before only errors with a smaller id (the last id of the previous page); null = from the newest
   */
  public Future<List<ItemError>> list(String q, String exchangeId, int limit, Long before) {
    return pool.preparedQuery("""
            SELECT j.id * %1$d + e.n - 1 AS error_id, j.run_id, j.id AS job_id, j.filename,
                   coalesce(j.finished_at, j.started_at, j.created_at) AS at,
                   e.v ->> 'what' AS what, e.v ->> 'id' AS item, e.v ->> 'name' AS name, e.v ->> 'sku' AS sku,
                   e.v ->> 'reason' AS reason
              FROM import_job j
             CROSS JOIN LATERAL jsonb_array_elements(j.errors) WITH ORDINALITY AS e(v, n)
             WHERE jsonb_array_length(j.errors) > 0
               AND ($2::text IS NULL OR j.run_id = $2)
               AND ($3::bigint IS NULL OR j.id * %1$d + e.n - 1 < $3)
               AND jsonb_typeof(e.v) = 'object' AND (e.v -> 'note') IS DISTINCT FROM 'true'::jsonb
               AND ($1::text IS NULL OR strpos(lower(concat_ws(' ', e.v ->> 'id', e.v ->> 'sku', e.v ->> 'name',
                                                              e.v ->> 'reason')), lower($1)) > 0)
             ORDER BY error_id DESC
             LIMIT $4""".formatted(PER_JOB))
        .execute(Tuple.of(q, exchangeId, before, limit))
        .map(rows -> {
          List<ItemError> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new ItemError(r.getLong("error_id"), r.getString("run_id"), r.getLong("job_id"),
                r.getString("filename"), r.getString("what"), r.getString("item"), r.getString("name"),
                r.getString("sku"), r.getString("reason"), r.getOffsetDateTime("at")));
          }
          return list;
        });
  }
}
