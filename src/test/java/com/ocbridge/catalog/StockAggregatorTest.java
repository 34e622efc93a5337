package com.ocbridge.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.opencart.model.OptionValueStock;
import com.ocbridge.opencart.model.StockItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How characteristics become option values, for both {@code catalog.variants} models. */
class StockAggregatorTest {
  private static final String PRODUCT = "bd72d910-55bc-11d9-848a-00112f43529a";
  private final StockAggregator combinations = new StockAggregator("Вариант", CatalogSettings.VariantModel.COMBINATIONS);
  private final StockAggregator kinds = new StockAggregator("Вариант", CatalogSettings.VariantModel.KINDS);

  private static CatalogStore.StagedOffer offer(String ch, String sku, String price, String qty, Characteristic... cs) {
    return new CatalogStore.StagedOffer(PRODUCT + (ch == null ? "" : "#" + ch), ch, sku, "Лампа (" + ch + ")",
        List.of(cs), price == null ? null : new BigDecimal(price), qty == null ? null : new BigDecimal(qty), false,
        true, 1L);
  }

  private static Characteristic size(String v) {
    return new Characteristic("Размер", v);
  }

  private static Characteristic colour(String v) {
    return new Characteristic("Цвет", v);
  }

  @Test
  void twoKindsBecomeOneOptionWithAValuePerCharacteristicAtItsOwnPrice() {
    // 1C's prices are not additive: 40 белый is 97,752, not base + 50 + 50
    var stock = combinations.aggregate(PRODUCT, List.of(
        offer("c1", "EK-1", "97702", "3", size("38"), colour("чёрный")),
        offer("c2", "EK-2", "97752", "1", size("40"), colour("белый")),
        offer("c3", "EK-3", "97722", "0", size("40"), colour("чёрный"))));
    assertEquals(0, new BigDecimal("97702").compareTo(stock.price()));
    assertEquals(4, stock.quantity());
    assertEquals(1, stock.options().size());
    StockAggregator.OptionSpec option = stock.options().get(0);
    assertEquals("Размер, Цвет", option.name());
    assertEquals(List.of("38, чёрный", "40, белый", "40, чёрный"), option.values().stream().map(StockAggregator.OptionValueSpec::value).toList());
    StockAggregator.OptionValueSpec white = option.values().get(1);
    assertEquals(StockAggregator.variantExternalId(PRODUCT, "c2"), white.externalId());
    assertEquals("EK-2", white.sku());
    assertEquals(1, white.quantity());
    assertEquals(0, new BigDecimal("50").compareTo(white.priceDifference()));
    assertEquals(0, new BigDecimal("20").compareTo(option.values().get(2).priceDifference()));
  }

  @Test
  void aPlainOfferAboveACharacteristicGivesANegativeDifference() {
    var stock = combinations.aggregate(PRODUCT, List.of(offer(null, "EK", "100", "0"),
        offer("c1", null, "90", "2", size("38")), offer("c2", null, "100", "1", size("39"))));
    assertEquals("Размер", stock.options().get(0).name());
    assertEquals(0, new BigDecimal("-10").compareTo(stock.options().get(0).values().get(0).priceDifference()));
    StockItem line = stock.stockItem(PRODUCT);
    OptionValueStock first = line.optionValues().get(0);
    assertEquals("-", first.pricePrefix());
    assertEquals(0, BigDecimal.TEN.compareTo(first.price()));
    assertEquals(3, line.quantity());
  }

  @Test
  void characteristicsThatReadTheSameStayApart() {
    var stock = combinations.aggregate(PRODUCT, List.of(offer("c1", "EK-1", "10", "1", size("40")),
        offer("c2", "EK-2", "10", "2", size("40")), offer("c3", null, "10", "3", size("40"))));
    assertEquals(List.of("40", "40 (EK-2)", "40 (2)"),
        stock.options().get(0).values().stream().map(StockAggregator.OptionValueSpec::value).toList());
  }

  @Test
  void aCharacteristicWithoutKindsIsNamedByItsParentheses() {
    var stock = combinations.aggregate(PRODUCT, List.of(offer("c1", null, "10", "1"), offer("c2", null, "12", "1")));
    assertEquals("Вариант", stock.options().get(0).name());
    assertEquals(List.of("c1", "c2"), stock.options().get(0).values().stream().map(StockAggregator.OptionValueSpec::value).toList());
  }

  @Test
  void kindsOnlyWhereOneKindVaries() {
    List<CatalogStore.StagedOffer> oneColour = List.of(offer("c1", null, "10", "1", size("38"), colour("чёрный")),
        offer("c2", null, "15", "4", size("40"), colour("чёрный")));
    var perKind = kinds.aggregate(PRODUCT, oneColour);
    assertEquals(List.of("Размер", "Цвет"), perKind.options().stream().map(StockAggregator.OptionSpec::name).toList());
    StockAggregator.OptionSpec sizes = perKind.options().get(0);
    assertEquals(StockAggregator.variantExternalId(PRODUCT, "c2"), sizes.values().get(1).externalId());
    assertEquals(4, sizes.values().get(1).quantity());
    StockAggregator.OptionSpec colours = perKind.options().get(1);
    assertEquals(1, colours.values().size());
    assertEquals(5, colours.values().get(0).quantity());
    assertEquals(0, colours.values().get(0).priceDifference().signum());

    List<CatalogStore.StagedOffer> twoVary = new ArrayList<>(oneColour);
    twoVary.add(offer("c3", null, "12", "1", size("38"), colour("белый")));
    var mixed = kinds.aggregate(PRODUCT, twoVary);
    assertEquals(List.of("Размер, Цвет"), mixed.options().stream().map(StockAggregator.OptionSpec::name).toList());
    assertEquals(mixed.optionsHash(), combinations.aggregate(PRODUCT, twoVary).optionsHash());
  }

  @Test
  void aStockOrPriceChangeIsNoStructureChange() {
    var before = combinations.aggregate(PRODUCT, List.of(offer("c1", null, "10", "1", size("38")),
        offer("c2", null, "12", "1", size("39"))));
    var after = combinations.aggregate(PRODUCT, List.of(offer("c1", null, "10", "5", size("38")),
        offer("c2", null, "19", "1", size("39"))));
    assertEquals(before.optionsHash(), after.optionsHash());
    assertNotEquals(before.optionStockHash(), after.optionStockHash());
    assertNull(combinations.aggregate(PRODUCT, List.of(offer(null, null, "10", "1"))).optionsHash());
  }
}
