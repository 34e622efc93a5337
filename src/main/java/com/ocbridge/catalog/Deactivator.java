package com.ocbridge.catalog;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * After a full catalog (or {@code mode=deactivate}): disables the linked, enabled products the run did not list,
 * in {@code products.stock_price} requests of up to 1000 items with {@code status=false} (never deleted: the
 * shop keeps their orders, pages and history). A guard stops it when that would hit more than
 * {@code catalog.maxDisableShare} of the linked products: one group uploaded as "full" must not switch off the
 * rest of the shop (peers-lessons §4.6).
 */
final class Deactivator {
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final CatalogSettings settings;

  Deactivator(OpenCartClient shop, CatalogStore store, CatalogSettings settings) {
    this.shop = shop;
    this.store = store;
    this.settings = settings;
  }

  /** The full import was held back; nothing was disabled. */
  static final class TooManyMissing extends com.ocbridge.messages.OperatorMessage {
    TooManyMissing(String message) {
      super(message);
    }
  }

  Future<Void> disableMissing(String runId, ImportStats stats) {
    if (!settings.disableMissing()) return Future.succeededFuture();
    return store.countMissing(runId).compose(counts -> {
      long linked = counts[0];
      long missing = counts[1];
      if (missing == 0) return Future.succeededFuture();
      BigDecimal share = BigDecimal.valueOf(missing).divide(BigDecimal.valueOf(linked), 4, RoundingMode.HALF_UP);
      if (share.compareTo(settings.maxDisableShare()) > 0) {
        return Future.failedFuture(new TooManyMissing("Полная выгрузка не содержит " + missing + " из " + linked
            + " товаров магазина (" + share.movePointRight(2).stripTrailingZeros().toPlainString() + "% > "
            + settings.maxDisableShare().movePointRight(2).stripTrailingZeros().toPlainString()
            + "% catalog.maxDisableShare): ничего не отключено. Если эти товары действительно сняты с продажи,"
            + " увеличьте catalog.maxDisableShare и повторите полную выгрузку"));
      }
      return page(runId, "", stats);
    });
  }

  private Future<Void> page(String runId, String after, ImportStats stats) {
    return store.missingPage(runId, after, CatalogSettings.STOCK_BATCH).compose(missing -> {
      if (missing.isEmpty()) return Future.succeededFuture();
      List<StockItem> items = missing.stream().map(m -> new StockItem(m.externalId(), null, null, false, null)).toList();
      // in the products' turn, like every write of their stock and status (OpenCartClient.inOrder)
      return shop.inOrder(missing.stream().map(CatalogStore.Missing::externalId).toList(),
          () -> shop.updateStockPrices(ProductKey.EXTERNAL_ID, items)).compose(results -> {
        List<String> disabled = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (StockPriceResult r : results) {
          CatalogStore.Missing m = missing.get(r.index());
          if (r.status() == StockStatus.UPDATED) {
            disabled.add(m.externalId());
          } else if (r.status() == StockStatus.NOT_FOUND) {
            gone.add(m.externalId()); // already gone from the shop: nothing to disable
          } else {
            stats.inc(ImportStats.FAILED);
            stats.error("product", m.externalId(), m.name(), "not disabled: " + r.status().wireName()
                + (r.message() == null ? "" : ": " + r.message()));
          }
        }
        stats.add(ImportStats.DISABLED, disabled.size());
        return store.saveStatus(disabled, false).compose(v -> store.unlink(gone))
            .compose(v -> page(runId, missing.get(missing.size() - 1).externalId(), stats));
      });
    });
  }
}
