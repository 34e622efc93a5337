package com.ocbridge.catalog;

import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code products.upsert} that never turns a lock conflict into a lost item. The shop answers an item {@code busy}
 * when its database reported a deadlock or lock wait timeout it rolled back and could not resolve by retrying
 * itself: nothing of that item was written. Those items are sent again, alone, after a growing pause, within the
 * same import; only if they are still busy after {@link #MAX_ROUNDS} rounds does the call fail with
 * {@link ErrorKind#BUSY}, which pauses the import job (it resumes later) instead of recording a refusal.
 */
final class ProductUpserts {
  static final int MAX_ROUNDS = 8;
  private static final long FIRST_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 5_000;

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final ImportStats stats;

  ProductUpserts(Vertx vertx, OpenCartClient shop, ImportStats stats) {
    this.vertx = vertx;
    this.shop = shop;
    this.stats = stats;
  }

  /** One result per item, at the item's index, none of them {@code busy}. */
  Future<List<ProductUpsertItemResult>> send(List<ProductUpsert> items) {
    List<Integer> all = IntStream.range(0, items.size()).boxed().toList();
    return round(items, all, new ProductUpsertItemResult[items.size()], 1);
  }

  private Future<List<ProductUpsertItemResult>> round(List<ProductUpsert> items, List<Integer> pending,
      ProductUpsertItemResult[] out, int round) {
    List<ProductUpsert> body = pending.stream().map(items::get).toList();
    return shop.upsertChangedProducts(body).compose(results -> {
      List<Integer> busy = new ArrayList<>();
      for (ProductUpsertItemResult r : results) {
        int index = pending.get(r.index());
        if (!r.succeeded() && r.error().kind() == ErrorKind.BUSY) {
          busy.add(index);
        } else {
          out[index] = new ProductUpsertItemResult(index, r.productId(), r.created(), r.error());
        }
      }
      if (busy.isEmpty()) return Future.succeededFuture(Arrays.asList(out));
      stats.add(ImportStats.BUSY_RETRIES, busy.size());
      if (round >= MAX_ROUNDS) {
        return Future.failedFuture(OpenCartException.of(ErrorKind.BUSY, "products.upsert", busy.size()
            + " products were still answered busy (database lock conflicts) after " + round + " rounds", null));
      }
      long pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << (round - 1));
      return vertx.timer(pause).compose(v -> round(items, busy, out, round + 1));
    });
  }
}
