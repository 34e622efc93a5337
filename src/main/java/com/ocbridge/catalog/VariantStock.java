package com.ocbridge.catalog;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.StockItem;
import com.ocbridge.opencart.model.StockPriceResult;
import com.ocbridge.opencart.model.StockStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stock and price of single characteristics, for {@code POST /api/v1/stock}. A line names a characteristic by its
 * own SKU ({@code EK-000005-38}), by the 1C offer Ид ({@code product#characteristic}), or by the product (SKU or
 * 1C Ид) plus the characteristic (its Ид or its values, "40, белый"). The new values go into the staged offers,
 * the product is aggregated exactly as a catalog import does it ({@link StockAggregator}), and what differs from
 * what the shop holds goes as one {@code products.stock_price} line per product: the product's quantity (the sum)
 * and price, and every value's quantity and price difference. So a stock message and an offers file can never
 * disagree about a product, and the next import of the same values writes nothing.
 */
public final class VariantStock {
  /** One line of a stock message that may address a characteristic; {@code index} is the caller's. */
  public record Line(int index, String sku, String id, String characteristic, BigDecimal quantity, BigDecimal price) {}

  /** {@code OLDER}: the characteristic's values in the shop come from a message received after this one. */
  public enum Status { UPDATED, UNCHANGED, NOT_A_VARIANT, UNKNOWN, REJECTED, OLDER }

  public record Result(int index, Status status, String reason) {}

  /** A line matched to the staged offer it changes. */
  private record Target(Line line, String productId, String offerId) {}

  private final CatalogStore store;
  private final VariantStockStore lookups;
  private final OpenCartClient shop;
  private final StockAggregator aggregator;

  public VariantStock(Pool pool, OpenCartClient shop, CatalogSettings settings) {
    this.store = new CatalogStore(pool);
    this.lookups = new VariantStockStore(pool);
    this.shop = shop;
    this.aggregator = new StockAggregator(settings.fallbackOptionName(), settings.variants());
  }

  /**
   * Applies the lines that address a characteristic (or a product by its 1C Ид); a line with only a SKU that is no
   * characteristic's comes back {@link Status#NOT_A_VARIANT}, for the product path.
   */
  public Future<List<Result>> apply(List<Line> lines, long version) {
    if (lines.isEmpty()) return Future.succeededFuture(List.of());
    List<String> skus = lines.stream().filter(l -> l.sku() != null).map(Line::sku).toList();
    return lookups.characteristicsBySku(skus).compose(bySku -> lookups.productsBySku(skus).compose(products -> {
      Map<Integer, Result> results = new LinkedHashMap<>();
      List<Target> targets = new ArrayList<>();
      for (Line l : lines) {
        Target t = target(l, bySku, products, results);
        if (t != null) targets.add(t);
      }
      List<String> productIds = targets.stream().map(Target::productId).distinct().toList();
      if (productIds.isEmpty()) return Future.succeededFuture(ordered(lines, results));
      // in the products' turn: what the shop has is read after every earlier write of them
      return shop.inOrder(productIds, () -> lookups.newerOffers(productIds, version)
          .compose(newer -> store.offersOf(productIds).compose(offers -> store.products(productIds)
              .compose(states -> send(targets, offers, states, results, newer, version)))))
          .map(v -> ordered(lines, results));
    }));
  }

  /** Which product a line is about (its offer is found later); null when the line is settled here. */
  private Target target(Line l, Map<String, List<VariantStockStore.OfferRef>> bySku,
      Map<String, List<String>> products, Map<Integer, Result> results) {
    if (l.id() != null) {
      int hash = l.id().indexOf('#');
      return hash < 0 ? new Target(l, l.id(), null) : new Target(l, l.id().substring(0, hash), l.id());
    }
    String key = l.sku().toLowerCase(Locale.ROOT);
    if (l.characteristic() != null) {
      List<String> found = products.getOrDefault(key, List.of());
      if (found.size() == 1) return new Target(l, found.get(0), null);
      results.put(l.index(), found.isEmpty() ? new Result(l.index(), Status.UNKNOWN, "no product with this SKU")
          : new Result(l.index(), Status.REJECTED, "SKU " + l.sku() + " belongs to " + found.size() + " products"));
      return null;
    }
    List<VariantStockStore.OfferRef> found = bySku.getOrDefault(key, List.of());
    if (found.size() == 1) return new Target(l, found.get(0).productId(), found.get(0).offerId());
    results.put(l.index(), found.isEmpty() ? new Result(l.index(), Status.NOT_A_VARIANT, null)
        : new Result(l.index(), Status.REJECTED, "SKU " + l.sku() + " belongs to " + found.size() + " characteristics"));
    return null;
  }

  private Future<Void> send(List<Target> targets, Map<String, List<CatalogStore.StagedOffer>> offers,
      Map<String, ProductState> states, Map<Integer, Result> results, Set<String> newer, long version) {
    Map<String, List<CatalogStore.StagedOffer>> changed = new LinkedHashMap<>();
    Map<String, List<Line>> linesOf = new LinkedHashMap<>();
    List<VariantStockStore.OfferValues> said = new ArrayList<>();
    for (Target t : targets) {
      List<CatalogStore.StagedOffer> current = changed.computeIfAbsent(t.productId(),
          id -> new ArrayList<>(offers.getOrDefault(id, List.of())));
      int at = find(t, current);
      if (at < 0) {
        results.put(t.line().index(), new Result(t.line().index(), at == -1 ? Status.UNKNOWN : Status.REJECTED,
            at == -1 ? "no such characteristic in the catalog 1C sent" : "the characteristic is ambiguous: give its Ид"));
        continue;
      }
      CatalogStore.StagedOffer o = current.get(at);
      if (newer.contains(o.offerId())) {
        results.put(t.line().index(), new Result(t.line().index(), Status.OLDER, null));
        continue;
      }
      current.set(at, withValues(o, t.line()));
      said.add(new VariantStockStore.OfferValues(o.offerId(), t.line().quantity(), t.line().price()));
      linesOf.computeIfAbsent(t.productId(), k -> new ArrayList<>()).add(t.line());
    }
    List<String> productIds = new ArrayList<>();
    List<StockItem> items = new ArrayList<>();
    List<CatalogStore.StockState> after = new ArrayList<>();
    linesOf.forEach((productId, lines) -> {
      ProductState state = states.get(productId);
      StockAggregator.ProductStock stock = aggregator.aggregate(productId, changed.get(productId));
      String problem = state == null || !state.linked() ? "the product is not in the shop yet"
          : !Objects.equals(stock.optionsHash(), state.optionsHash())
              ? "the product's options in the shop are not the catalog's yet; the next catalog import writes them" : null;
      if (problem != null) {
        lines.forEach(l -> results.put(l.index(), new Result(l.index(), state == null || !state.linked()
            ? Status.UNKNOWN : Status.REJECTED, problem)));
      } else if (!stock.stockDiffersFrom(state)) {
        lines.forEach(l -> results.put(l.index(), new Result(l.index(), Status.UNCHANGED, null)));
      } else {
        productIds.add(productId);
        items.add(stock.stockItem(productId));
        after.add(stock.state(productId));
      }
    });
    Future<List<StockPriceResult>> sent = items.isEmpty() ? Future.succeededFuture(List.of())
        : shop.updateStockPrices(ProductKey.EXTERNAL_ID, items);
    return sent.compose(answers -> {
      List<CatalogStore.StockState> confirmed = new ArrayList<>();
      for (StockPriceResult r : answers) {
        String productId = productIds.get(r.index());
        Status status = r.status() == StockStatus.UPDATED ? Status.UPDATED
            : r.status() == StockStatus.NOT_FOUND ? Status.UNKNOWN : Status.REJECTED;
        if (status == Status.UPDATED) confirmed.add(after.get(r.index()));
        String reason = status == Status.UPDATED ? null : r.status().wireName() + (r.message() == null ? "" : ": " + r.message());
        linesOf.get(productId).forEach(l -> results.put(l.index(), new Result(l.index(), status, reason)));
      }
      // the offers keep what 1C said even when the shop refused: 1C's word is the catalog's, the state the shop's
      return lookups.saveOffers(said, version).compose(v -> store.saveStock(confirmed));
    });
  }

  /** Index of the line's offer among the product's, -1 when none, -2 when several match. */
  private int find(Target t, List<CatalogStore.StagedOffer> offers) {
    String wanted = t.line().characteristic();
    Set<Integer> hits = new LinkedHashSet<>();
    for (int i = 0; i < offers.size(); i++) {
      CatalogStore.StagedOffer o = offers.get(i);
      if (o.deleted()) continue;
      if (t.offerId() != null) {
        if (t.offerId().equals(o.offerId())) hits.add(i);
      } else if (wanted == null) {
        if (o.characteristicId() == null) hits.add(i); // the product itself (1C Ид without a characteristic)
      } else if (o.characteristicId() != null && (wanted.equals(o.characteristicId()) || textMatches(wanted, o))) {
        hits.add(i);
      }
    }
    return hits.isEmpty() ? -1 : hits.size() > 1 ? -2 : hits.iterator().next();
  }

  /** "40, белый" (the values in 1C's order, as the option value reads) or, for one kind, "40". */
  private boolean textMatches(String wanted, CatalogStore.StagedOffer o) {
    List<String> values = aggregator.kindsOf(o).stream().map(Characteristic::value).toList();
    return key(String.join(StockAggregator.JOIN, values)).equals(key(wanted));
  }

  private static CatalogStore.StagedOffer withValues(CatalogStore.StagedOffer o, Line l) {
    return new CatalogStore.StagedOffer(o.offerId(), o.characteristicId(), o.sku(), o.name(), o.characteristics(),
        l.price() != null ? l.price() : o.price(), l.quantity() != null ? l.quantity() : o.quantity(), o.deleted(),
        o.pending(), o.stagedJob());
  }

  private static List<Result> ordered(List<Line> lines, Map<Integer, Result> results) {
    List<Result> out = new ArrayList<>();
    for (Line l : lines) out.add(results.getOrDefault(l.index(), new Result(l.index(), Status.UNCHANGED, null)));
    return out;
  }

  private static String key(String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }
}
