package com.ocbridge.stock;

import com.ocbridge.api.ApiError;
import com.ocbridge.catalog.CatalogSettings;
import com.ocbridge.catalog.VariantStock;
import com.ocbridge.logging.LogContext;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.ordering.DataVersion;
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
 * already are what the shop has, and sends the rest with {@code products.stock_price} in batches of up to 1,000.
 * Lines for a characteristic (its SKU, its offer Ид, or the product plus the characteristic) go through
 * {@link VariantStock}, which keeps the product's sum and every combination exact; SKUs nothing in the catalog
 * knows go by SKU, so the shop's own SKU lookup is the fallback. When the shop cannot be reached the
 * whole message is queued in the outbox and applied when it is back: values are absolute, so applying a message
 * twice, or partly then wholly, ends in the same state.
 */
public final class StockService implements OutboxHandler {
  private static final Logger log = LoggerFactory.getLogger("stock");
  public static final String OUTBOX_TYPE = "stock.update";
  /** Queued messages' outbox unique key is this + messageId ({@link StockMessages#purgeAnswered} looks for it). */
  static final String OUTBOX_KEY_PREFIX = "stock:";
  /** Shop answers that say "try later" rather than "this request is wrong". */
  private static final Set<ErrorKind> REQUEST_PROBLEMS = EnumSet.of(ErrorKind.BAD_REQUEST, ErrorKind.VALIDATION,
      ErrorKind.PAYLOAD_TOO_LARGE, ErrorKind.UNSUPPORTED);

  /** What a stock message did. */
  public sealed interface Result permits Applied, Queued {}

  /** {@code older}: lines skipped because the shop has their product's stock from a message received later. */
  public record Applied(int updated, int unchanged, List<String> unknown, List<String> older,
      List<JsonObject> rejected, boolean duplicate) implements Result {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("updated", updated).put("unchanged", unchanged)
          .put("unknown", new JsonArray(List.copyOf(unknown)));
      if (!older.isEmpty()) json.put("older", new JsonArray(List.copyOf(older)));
      if (!rejected.isEmpty()) json.put("rejected", new JsonArray(List.copyOf(rejected)));
      if (duplicate) json.put("duplicate", true);
      return json;
    }

    static Applied fromJson(JsonObject json, boolean duplicate) {
      List<JsonObject> rejected = new ArrayList<>();
      json.getJsonArray("rejected", new JsonArray()).forEach(o -> rejected.add((JsonObject) o));
      List<String> unknown = new ArrayList<>();
      json.getJsonArray("unknown", new JsonArray()).forEach(o -> unknown.add(o.toString()));
      List<String> older = new ArrayList<>();
      json.getJsonArray("older", new JsonArray()).forEach(o -> older.add(o.toString()));
      return new Applied(json.getInteger("updated"), json.getInteger("unchanged"), unknown, older, rejected, duplicate);
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
  private final VariantStock variants;

  public StockService(Pool pool, OpenCartClient shop, Outbox outbox, CatalogSettings catalog) {
    this.pool = pool;
    this.variants = new VariantStock(pool, shop, catalog);
    this.shop = shop;
    this.outbox = outbox;
    this.links = new StockLinks(pool);
    this.messages = new StockMessages(pool);
  }

  /** Applies a message now, or queues it when the shop is down; a repeated messageId answers the first result. */
  public Future<Result> submit(StockUpdate update) {
    String id = update.messageId();
    LogContext.tag(LogContext.MESSAGE_ID, id); // the API request's context: every line of this message names it
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
    String key = OUTBOX_KEY_PREFIX + (update.messageId() != null ? update.messageId() : UUID.randomUUID());
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

  /**
   * Sends what changed; fails with the shop's error if the shop cannot take it. Every product's lines run in its turn
   * ({@link OpenCartClient#inOrder}) and are compared there with what the shop has, so a message never overtakes an
   * earlier write of the same product, and a line whose product the shop has from newer data ({@code version}: a
   * message received later, applied first) is skipped and answered as {@code older}.
   */
  public Future<Applied> applyNow(StockUpdate update) {
    List<StockLine> lines = update.lines();
    long started = System.nanoTime();
    Tally tally = new Tally();
    List<String> skus = lines.stream().filter(l -> !l.needsCatalog()).map(StockLine::sku).toList();
    return links.find(skus).compose(linked -> {
      List<StockLine> linkedLines = new ArrayList<>();
      List<VariantStock.Line> catalogLines = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        StockLine line = lines.get(i);
        if (!line.needsCatalog() && linked.containsKey(line.sku().toLowerCase(Locale.ROOT))) {
          linkedLines.add(line);
        } else {
          // a characteristic, a 1C Ид, or a SKU the catalog links to no product (perhaps a characteristic's)
          catalogLines.add(new VariantStock.Line(i, line.sku(), line.id(), line.characteristic(), line.quantity(),
              line.price()));
        }
      }
      return variants.apply(catalogLines, update.version()).compose(variantResults -> {
        List<StockLine> bySkuLines = new ArrayList<>();
        for (VariantStock.Result r : variantResults) {
          StockLine line = lines.get(r.index());
          switch (r.status()) {
            case UPDATED -> tally.updated++;
            case UNCHANGED -> tally.unchanged++;
            case OLDER -> tally.older.add(line.label());
            case UNKNOWN -> tally.unknown.add(line.label());
            case REJECTED -> tally.rejected(line, "rejected", r.reason());
            case NOT_A_VARIANT -> bySkuLines.add(line); // the shop's own SKU lookup is the last resort
          }
        }
        List<String> keys = new ArrayList<>();
        linkedLines.forEach(l -> keys.add(linked.get(l.sku().toLowerCase(Locale.ROOT)).externalId()));
        bySkuLines.forEach(l -> keys.add("sku:" + l.sku().toLowerCase(Locale.ROOT)));
        return keys.isEmpty() ? Future.<Void>succeededFuture()
            : shop.inOrder(keys, () -> sendProducts(update.version(), linkedLines, bySkuLines, tally));
      });
    }).map(v -> tally.applied()).onSuccess(a -> log.info("event=stock.applied lines={} updated={} unchanged={}"
        + " older={} unknown={} ms={}", lines.size(), a.updated(), a.unchanged(), a.older().size(), a.unknown().size(),
        (System.nanoTime() - started) / 1_000_000));
  }

  /**
   * In the products' turn: lines of products the catalog links by SKU, compared with what the shop has now, and
   * lines of SKUs only the shop may know; one {@code products.stock_price} request per 1,000 of each.
   */
  private Future<Void> sendProducts(long version, List<StockLine> linkedLines, List<StockLine> bySkuLines,
      Tally tally) {
    return links.find(linkedLines.stream().map(StockLine::sku).toList()).compose(linked -> {
      List<StockLine> byIdLines = new ArrayList<>();
      List<StockItem> byId = new ArrayList<>();
      for (StockLine line : linkedLines) {
        StockLinks.Link link = linked.get(line.sku().toLowerCase(Locale.ROOT));
        Integer qty = line.quantity() == null ? null : toQuantity(line.quantity());
        if (link == null) {
          tally.unknown.add(line.label()); // unlinked since the message arrived
        } else if (link.newerThan(version)) {
          tally.older.add(line.label());
        } else if (same(qty, link.quantity()) && same(line.price(), link.price()) && !link.reveal()) {
          tally.unchanged++;
        } else {
          // a product the catalog created hidden until its price and stock came is shown by this line
          byIdLines.add(line);
          byId.add(new StockItem(Long.toString(link.productId()), qty, line.price(), link.reveal() ? Boolean.TRUE : null, null));
        }
      }
      List<StockItem> bySku = bySkuLines.stream().map(l -> new StockItem(l.sku(),
          l.quantity() == null ? null : toQuantity(l.quantity()), l.price(), null, null)).toList();
      Future<List<StockPriceResult>> sentById = byId.isEmpty() ? Future.succeededFuture(List.of())
          : shop.updateStockPrices(ProductKey.PRODUCT_ID, byId);
      return sentById
          .compose(idResults -> (bySku.isEmpty() ? Future.succeededFuture(List.<StockPriceResult>of())
              : shop.updateStockPrices(ProductKey.SKU, bySku)).map(skuResults -> {
                tally.count(byIdLines, idResults);
                tally.count(bySkuLines, skuResults);
                return tally.sent(byId, idResults);
              }))
          .compose(sent -> links.recordSent(sent, version));
    });
  }

  /** The counts of one message as its lines are settled. */
  private static final class Tally {
    int updated;
    int unchanged;
    final List<String> unknown = new ArrayList<>();
    final List<String> older = new ArrayList<>();
    final List<JsonObject> rejected = new ArrayList<>();

    void rejected(StockLine line, String status, String reason) {
      rejected.add(new JsonObject().put("sku", line.label()).put("status", status).put("reason", reason));
    }

    void count(List<StockLine> lines, List<StockPriceResult> results) {
      for (StockPriceResult r : results) {
        StockLine line = lines.get(r.index());
        if (r.status() == StockStatus.UPDATED) {
          updated++;
        } else if (r.status() == StockStatus.NOT_FOUND) {
          unknown.add(line.label()); // never linked, or linked once but the product is gone from the shop
        } else {
          rejected(line, r.status().wireName(), r.message());
        }
      }
    }

    /** What the shop confirmed for products addressed by id, to remember as current. */
    List<StockLinks.Sent> sent(List<StockItem> byId, List<StockPriceResult> results) {
      List<StockLinks.Sent> sent = new ArrayList<>();
      for (StockPriceResult r : results) {
        if (r.status() != StockStatus.UPDATED) continue;
        StockItem item = byId.get(r.index());
        sent.add(new StockLinks.Sent(Long.parseLong(item.key()),
            item.quantity() == null ? null : BigDecimal.valueOf(item.quantity()), item.price(), Boolean.TRUE.equals(item.status())));
      }
      return sent;
    }

    Applied applied() {
      return new Applied(updated, unchanged, unknown, older, rejected, false);
    }
  }

  /** Delivers a queued stock message once the shop is back. */
  @Override
  public Future<Delivery> deliver(OutboxEntry entry) {
    StockUpdate update = StockUpdate.fromJson(entry.payload(), DataVersion.of(entry.createdAt()));
    return LogContext.runWith(LogContext.MESSAGE_ID, update.messageId(), () -> deliverNow(update, entry));
  }

  private Future<Delivery> deliverNow(StockUpdate update, OutboxEntry entry) {
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


}
