package com.ocbridge.stock;

import com.ocbridge.api.ApiError;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import com.ocbridge.outbox.Delivery;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast stock path: resolves SKUs through the catalog links (one query), drops lines whose stock and price
 * already are what the shop has, and sends the rest with {@code products.stock_price} in batches of up to 1,000
 * (unlinked SKUs go by SKU, so the shop's own SKU lookup is the fallback). When the shop cannot be reached the
 * whole message is queued in the outbox and applied when it is back: values are absolute, so applying a message
 * twice, or partly then wholly, ends in the same state.
 */
public final class StockService implements OutboxHandler {
  private static final Logger log = LoggerFactory.getLogger("stock");
  public static final String OUTBOX_TYPE = "stock.update";
  /** Shop answers that say "try later" rather than "this request is wrong". */
  private static final Set<ErrorKind> REQUEST_PROBLEMS = EnumSet.of(ErrorKind.BAD_REQUEST, ErrorKind.VALIDATION,
      ErrorKind.PAYLOAD_TOO_LARGE, ErrorKind.UNSUPPORTED);

  /** What a stock message did. */
  public sealed interface Result permits Applied, Queued {}

  public record Applied(int updated, int unchanged, List<String> unknown, List<JsonObject> rejected, boolean duplicate)
      implements Result {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("updated", updated).put("unchanged", unchanged)
          .put("unknown", new JsonArray(List.copyOf(unknown)));
      if (!rejected.isEmpty()) json.put("rejected", new JsonArray(List.copyOf(rejected)));
      if (duplicate) json.put("duplicate", true);
      return json;
    }

    static Applied fromJson(JsonObject json, boolean duplicate) {
      List<JsonObject> rejected = new ArrayList<>();
      json.getJsonArray("rejected", new JsonArray()).forEach(o -> rejected.add((JsonObject) o));
      List<String> unknown = new ArrayList<>();
      json.getJsonArray("unknown", new JsonArray()).forEach(o -> unknown.add(o.toString()));
      return new Applied(json.getInteger("updated"), json.getInteger("unchanged"), unknown, rejected, duplicate);
    }
  }

  public record Queued(long queueId, String reason) implements Result {
    public JsonObject toJson() {
      return new JsonObject().put("queued", true).put("queueId", queueId)
          .put("message", "OpenCart is unreachable (" + reason + "); the update is queued and will be applied when it is back");
    }
  }

  private final Pool pool;
  private final OpenCartClient shop;
  private final Outbox outbox;
  private final StockLinks links;
  private final StockMessages messages;

  public StockService(Pool pool, OpenCartClient shop, Outbox outbox) {
    this.pool = pool;
    this.shop = shop;
    this.outbox = outbox;
    this.links = new StockLinks(pool);
    this.messages = new StockMessages(pool);
  }

  /** Applies a message now, or queues it when the shop is down; a repeated messageId answers the first result. */
  public Future<Result> submit(StockUpdate update) {
    String id = update.messageId();
    if (id == null) {
      return applyNow(update).map(a -> (Result) a).recover(e -> queueIfShopDown(update, e));
    }
    return messages.claim(id).compose(prior -> {
      if (prior.isPresent()) return answerDuplicate(id, prior.get());
      return applyNow(update)
          .compose(applied -> messages.finish(pool, id, "applied", applied.toJson()).map((Result) applied))
          .recover(e -> queueIfShopDown(update, e).onFailure(x -> messages.release(id)));
    });
  }

  private Future<Result> answerDuplicate(String messageId, StockMessages.Prior prior) {
    log.info("event=stock.duplicate messageId={} state={}", messageId, prior.state());
    return switch (prior.state()) {
      case "applied" -> Future.succeededFuture(Applied.fromJson(prior.result(), true));
      case "queued" -> Future.succeededFuture(new Queued(prior.result().getLong("queueId"), "queued earlier"));
      default -> Future.failedFuture(ApiError.conflict("message " + messageId + " is being applied right now"));
    };
  }

  private Future<Result> queueIfShopDown(StockUpdate update, Throwable failure) {
    if (!(failure instanceof OpenCartException oc) || REQUEST_PROBLEMS.contains(oc.kind())) {
      return Future.failedFuture(failure);
    }
    String key = "stock:" + (update.messageId() != null ? update.messageId() : UUID.randomUUID());
    return pool.withTransaction(tx -> outbox.enqueue(tx, OUTBOX_TYPE, key, update.toJson())
            .compose(queueId -> {
              long qid = queueId.orElseThrow(() -> new IllegalStateException("stock message " + key + " queued twice"));
              return update.messageId() == null ? Future.succeededFuture(qid)
                  : messages.finish(tx, update.messageId(), "queued", new JsonObject().put("queueId", qid)).map(qid);
            }))
        .map(qid -> {
          log.warn("event=stock.queued queueId={} lines={} reason=\"{}\"", qid, update.lines().size(), oc.getMessage());
          return (Result) new Queued(qid, oc.kind().name().toLowerCase(Locale.ROOT));
        });
  }

  /** Sends what changed; fails with the shop's error if the shop cannot take it. */
  public Future<Applied> applyNow(StockUpdate update) {
    List<StockLine> lines = update.lines();
    long started = System.nanoTime();
    return links.find(lines.stream().map(StockLine::sku).toList()).compose(linked -> {
      List<StockLine> byIdLines = new ArrayList<>();
      List<StockItem> byId = new ArrayList<>();
      List<StockLine> bySkuLines = new ArrayList<>();
      List<StockItem> bySku = new ArrayList<>();
      int unchanged = 0;
      for (StockLine line : lines) {
        StockLinks.Link link = linked.get(line.sku().toLowerCase(Locale.ROOT));
        Integer qty = line.quantity() == null ? null : toQuantity(line.quantity());
        if (link == null) {
          bySkuLines.add(line);
          bySku.add(new StockItem(line.sku(), qty, line.price(), null, null));
        } else if (same(qty, link.quantity()) && same(line.price(), link.price())) {
          unchanged++;
        } else {
          byIdLines.add(line);
          byId.add(new StockItem(Long.toString(link.productId()), qty, line.price(), null, null));
        }
      }
      int unchangedCount = unchanged;
      Future<List<StockPriceResult>> sentById = byId.isEmpty() ? Future.succeededFuture(List.of())
          : shop.updateStockPrices(ProductKey.PRODUCT_ID, byId);
      return sentById
          .compose(idResults -> (bySku.isEmpty() ? Future.succeededFuture(List.<StockPriceResult>of())
              : shop.updateStockPrices(ProductKey.SKU, bySku)).map(skuResults -> List.<List<StockPriceResult>>of(idResults, skuResults)))
          .compose(results -> tally(byIdLines, byId, results.get(0), bySkuLines, results.get(1), unchangedCount))
          .onSuccess(a -> log.info("event=stock.applied lines={} updated={} unchanged={} unknown={} calls={} ms={}",
              lines.size(), a.updated(), a.unchanged(), a.unknown().size(), calls(byId.size()) + calls(bySku.size()),
              (System.nanoTime() - started) / 1_000_000));
    });
  }

  private Future<Applied> tally(List<StockLine> byIdLines, List<StockItem> byId, List<StockPriceResult> idResults,
      List<StockLine> bySkuLines, List<StockPriceResult> skuResults, int unchanged) {
    int updated = 0;
    List<String> unknown = new ArrayList<>();
    List<JsonObject> rejected = new ArrayList<>();
    List<StockLinks.Sent> sent = new ArrayList<>();
    for (StockPriceResult r : idResults) {
      StockLine line = byIdLines.get(r.index());
      if (r.status() == StockStatus.UPDATED) {
        updated++;
        StockItem item = byId.get(r.index());
        sent.add(new StockLinks.Sent(Long.parseLong(item.key()),
            item.quantity() == null ? null : BigDecimal.valueOf(item.quantity()), item.price()));
      } else if (r.status() == StockStatus.NOT_FOUND) {
        unknown.add(line.sku()); // linked once, but the product is gone from the shop
      } else {
        rejected.add(new JsonObject().put("sku", line.sku()).put("status", r.status().wireName()).put("reason", r.message()));
      }
    }
    for (StockPriceResult r : skuResults) {
      StockLine line = bySkuLines.get(r.index());
      if (r.status() == StockStatus.UPDATED) {
        updated++;
      } else if (r.status() == StockStatus.NOT_FOUND) {
        unknown.add(line.sku());
      } else {
        rejected.add(new JsonObject().put("sku", line.sku()).put("status", r.status().wireName()).put("reason", r.message()));
      }
    }
    int updatedCount = updated;
    return links.recordSent(sent).map(v -> new Applied(updatedCount, unchanged, unknown, rejected, false));
  }

  /** Delivers a queued stock message once the shop is back. */
  @Override
  public Future<Delivery> deliver(OutboxEntry entry) {
    StockUpdate update = StockUpdate.fromJson(entry.payload());
    return applyNow(update)
        .compose(applied -> update.messageId() == null ? Future.succeededFuture(applied)
            : messages.finish(pool, update.messageId(), "applied", applied.toJson()).map(applied))
        .map(applied -> Delivery.done(applied.toJson()))
        .recover(e -> {
          if (e instanceof OpenCartException oc && !REQUEST_PROBLEMS.contains(oc.kind())) {
            return Future.succeededFuture(Delivery.retry(backoff(entry.attempts()), e.getMessage()));
          }
          return Future.succeededFuture(Delivery.failed(e.getMessage()));
        });
  }

  private static Duration backoff(int attempts) {
    long seconds = Math.min(300, (long) Math.pow(2, Math.min(attempts, 9)));
    return Duration.ofSeconds(seconds);
  }

  /** OpenCart keeps whole units; 1C may send 2.5 (kg): what can be sold is 2. */
  static int toQuantity(BigDecimal qty) {
    BigDecimal floor = qty.setScale(0, RoundingMode.FLOOR);
    return floor.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : floor.intValue();
  }

  private static boolean same(Integer qty, BigDecimal known) {
    return qty == null || (known != null && known.compareTo(BigDecimal.valueOf(qty)) == 0);
  }

  private static boolean same(BigDecimal price, BigDecimal known) {
    return price == null || (known != null && known.compareTo(price) == 0);
  }

  private static int calls(int items) {
    return (items + 999) / 1000;
  }

}
