package com.ocbridge.catalog;

import com.ocbridge.config.BridgeConfig;
import java.math.BigDecimal;
import java.util.List;

/**
 * How 1C data becomes OpenCart data where shops differ. The first three and {@code variants} come from {@code catalog.*} in
 * config.json; the rest are defaults that suit a typical UT 11 / ocStore shop and can be changed in code.
 *
 * @param priceType            1C price type (name or Ид) that becomes the product price; empty = the first price
 *                             type of the package
 * @param disableMissing       {@code catalog.fullImportMissing = disable}: a full catalog disables what it does not list
 * @param maxDisableShare      a full catalog that would disable more than this share of linked products stops instead
 * @param language             OpenCart language code the texts are written in
 * @param storeIds             stores products and categories are published to
 * @param warehouse            null = stock summed over all warehouses; else the one warehouse (Ид or name) that counts
 * @param manufacturerProperty null = the product's {@code Изготовитель}; else the property (name or Ид) that names it
 * @param attributeGroup       attribute group (by name) that new attributes go into
 * @param fallbackOptionName   option name for characteristics that 1C sent without {@code ХарактеристикиТовара}
 * @param imageFolder          folder under OpenCart's {@code image/} that pictures are stored in
 * @param recordBatch          products (and offers) read before the database is asked about them in one query
 * @param maxErrors            per-item errors kept in the job record (the count goes on)
 * @param variants             {@code catalog.variants}: how characteristics become options
 */
public record CatalogSettings(String priceType, boolean disableMissing, BigDecimal maxDisableShare, String language,
    List<Integer> storeIds, String warehouse, String manufacturerProperty, String attributeGroup,
    String fallbackOptionName, String imageFolder, int recordBatch, int maxErrors, VariantModel variants) {

  /**
   * How 1C characteristics become OpenCart options ({@code catalog.variants}). OpenCart prices a cart line as the
   * product price plus the differences of the chosen values, and checks each chosen value's quantity on its own; so
   * only a mapping where one chosen value stands for one characteristic sells every variant at 1C's price and stock.
   */
  public enum VariantModel {
    /**
     * One required option per product whose values are the product's real combinations ("40, белый"), each with its
     * characteristic's stock, price difference and link; a one-kind product's option keeps the kind's name
     * ("Размер"). Nothing 1C does not have can be chosen.
     */
    COMBINATIONS,
    /**
     * One option per kind (Размер, Цвет) where that is exact: at most one kind has more than one value, so each value
     * of the varying kind still stands for exactly one characteristic. Other products get {@link #COMBINATIONS}.
     */
    KINDS;

    public static VariantModel of(String configValue) {
      return "kinds".equals(configValue) ? KINDS : COMBINATIONS;
    }
  }

  /** The shop's limits (contract §4): items per products.upsert and per products.stock_price request. */
  public static final int UPSERT_BATCH = 100;
  public static final int STOCK_BATCH = 1000;

  public CatalogSettings {
    priceType = priceType == null ? "" : priceType.trim();
    storeIds = storeIds == null ? List.of(0) : List.copyOf(storeIds);
    variants = variants == null ? VariantModel.COMBINATIONS : variants;
    if (recordBatch < UPSERT_BATCH) throw new IllegalArgumentException("recordBatch must be at least " + UPSERT_BATCH);
  }

  public static CatalogSettings defaults() {
    return new CatalogSettings("", true, new BigDecimal("0.3"), "ru-ru", List.of(0), null, null, "Характеристики",
        "Вариант", "catalog/1c", 500, 200, VariantModel.COMBINATIONS);
  }

  public static CatalogSettings from(BridgeConfig config) {
    BridgeConfig.Catalog c = config.catalog();
    return defaults().with(c.priceType(), "disable".equals(c.fullImportMissing()), c.maxDisableShare())
        .withShop(config.opencart().language(), config.opencart().storeIds())
        .withVariants(VariantModel.of(c.variants()));
  }

  public CatalogSettings with(String priceType, boolean disableMissing, BigDecimal maxDisableShare) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, warehouse,
        manufacturerProperty, attributeGroup, fallbackOptionName, imageFolder, recordBatch, maxErrors, variants);
  }

  public CatalogSettings withShop(String language, List<Integer> storeIds) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, warehouse,
        manufacturerProperty, attributeGroup, fallbackOptionName, imageFolder, recordBatch, maxErrors, variants);
  }

  public CatalogSettings withWarehouse(String value) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, value,
        manufacturerProperty, attributeGroup, fallbackOptionName, imageFolder, recordBatch, maxErrors, variants);
  }

  public CatalogSettings withManufacturerProperty(String value) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, warehouse, value,
        attributeGroup, fallbackOptionName, imageFolder, recordBatch, maxErrors, variants);
  }

  public CatalogSettings withVariants(VariantModel value) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, warehouse,
        manufacturerProperty, attributeGroup, fallbackOptionName, imageFolder, recordBatch, maxErrors, value);
  }

  public CatalogSettings withRecordBatch(int value) {
    return new CatalogSettings(priceType, disableMissing, maxDisableShare, language, storeIds, warehouse,
        manufacturerProperty, attributeGroup, fallbackOptionName, imageFolder, value, maxErrors, variants);
  }
}
