package com.ocbridge.status;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxStats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * {@code GET /api/v1/status}: the trackers plus the figures that live in the database (outbox, import queue), and
 * what needs a person. Two small queries per call; nothing else is read.
 */
public final class StatusReport {
  private final StatusBoard board;
  private final Outbox outbox;
  private final ExchangeStore store;
  /** The running job's live progress by job id (-1 when that job is not running here): the same number 1C sees. */
  private final LongToDoubleFunction liveProgress;

  public StatusReport(StatusBoard board, Outbox outbox, ExchangeStore store, LongToDoubleFunction liveProgress) {
    this.board = board;
    this.outbox = outbox;
    this.store = store;
    this.liveProgress = liveProgress;
  }

  public Future<JsonObject> build() {
    Future<OutboxStats> outboxStats = outbox.stats();
    Future<ExchangeStore.ImportSummary> imports = store.importSummary();
    return Future.all(outboxStats, imports).map(all -> toJson(Instant.now(), outboxStats.result(), imports.result()));
  }

  JsonObject toJson(Instant now, OutboxStats outboxStats, ExchangeStore.ImportSummary imports) {
    ShopReachability.State shop = board.shop().state();
    List<BreakerBoard.Breaker> breakers = board.breakers().breakers();
    OrderPollTracker.Poll poll = board.polls().last();
    List<Attention> attention = AttentionRules.of(new AttentionRules.Inputs(shop, breakers, outboxStats, imports,
        board.polls().enabled() ? poll : null));
    JsonArray breakerJson = new JsonArray();
    breakers.forEach(b -> breakerJson.add(new JsonObject().put("name", b.name()).put("state", b.state())
        .put("since", iso(b.since()))));
    JsonObject contacts = new JsonObject();
    board.contacts().all().forEach((type, at) -> contacts.put(type, iso(at)));
    JsonArray attentionJson = new JsonArray();
    attention.forEach(a -> attentionJson.add(a.toJson()));
    return new JsonObject()
        .put("checkedAt", now.toString())
        .put("shop", new JsonObject().put("configured", shop.configured()).put("reachable", shop.reachable())
            .put("since", iso(shop.since())).put("reason", shop.reason()).put("lastOkAt", iso(shop.lastOkAt())))
        .put("breakers", breakerJson)
        .put("oneC", new JsonObject().put("lastContact", contacts))
        .put("orders", pollJson(board.polls()))
        // pending = not delivered yet, including the entries being delivered right now (also given on their own)
        .put("outbox", new JsonObject().put("pending", outboxStats.pending() + outboxStats.processing())
            .put("processing", outboxStats.processing()).put("failed", outboxStats.failed())
            .put("oldestPendingAgeSeconds", (long) Math.floor(outboxStats.oldestPendingSeconds())))
        .put("imports", new JsonObject().put("running", running(imports.running()))
            .put("queued", imports.queued()).put("paused", imports.paused()).put("failed24h", imports.failed24h()))
        .put("attention", attentionJson);
  }

  private JsonObject running(ExchangeStore.Job job) {
    if (job == null) return null;
    double live = liveProgress.applyAsDouble(job.id());
    return new JsonObject().put("exchange", job.runId()).put("job", job.id()).put("file", job.filename())
        .put("progress", Math.round((live >= 0 ? live : job.progress()) * 10) / 10.0);
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }

  /** The last order poll as the status report and GET /api/v1/orders give it. */
  public static JsonObject pollJson(OrderPollTracker polls) {
    OrderPollTracker.Poll poll = polls.last();
    return new JsonObject().put("enabled", polls.enabled())
        .put("lastPollAt", poll == null ? null : iso(poll.at()))
        .put("lastPollOk", poll == null ? null : poll.ok())
        .put("lastPollError", poll == null ? null : poll.error());
  }
}
