package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product fields of a write (contract §6.1), PATCH semantics: a null component is not sent and
 * leaves the shop's value unchanged; a list that is present replaces the whole collection.
 * Build it with {@link #builder()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductWrite(
    String externalId,
    String model,
    String sku,
    String upc,
    String ean,
    String jan,
    String isbn,
    String mpn,
    BigDecimal price,
    Integer quantity,
    Boolean status,
    Integer stockStatusId,
    Boolean subtract,
    Integer minimum,
    Boolean shipping,
    Integer taxClassId,
    BigDecimal weight,
    Integer weightClassId,
    ManufacturerRef manufacturer,
    List<CategoryRef> categories,
    List<Integer> storeIds,
    String image,
    List<ProductImage> images,
    Map<String, ProductDescription> descriptions,
    List<ProductAttributeValue> attributes,
    List<ProductOption> options,
    List<ProductSpecial> specials,
    List<ProductDiscount> discounts,
    Map<String, Map<String, String>> seoKeywords) {

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.externalId = externalId;
    b.model = model;
    b.sku = sku;
    b.upc = upc;
    b.ean = ean;
    b.jan = jan;
    b.isbn = isbn;
    b.mpn = mpn;
    b.price = price;
    b.quantity = quantity;
    b.status = status;
    b.stockStatusId = stockStatusId;
    b.subtract = subtract;
    b.minimum = minimum;
    b.shipping = shipping;
    b.taxClassId = taxClassId;
    b.weight = weight;
    b.weightClassId = weightClassId;
    b.manufacturer = manufacturer;
    b.categories = categories;
    b.storeIds = storeIds;
    b.image = image;
    b.images = images;
    b.descriptions = descriptions;
    b.attributes = attributes;
    b.options = options;
    b.specials = specials;
    b.discounts = discounts;
    b.seoKeywords = seoKeywords;
    return b;
  }

  /** Collects the fields to send; everything not set stays untouched in the shop. */
  public static final class Builder {
    private String externalId;
    private String model;
    private String sku;
    private String upc;
    private String ean;
    private String jan;
    private String isbn;
    private String mpn;
    private BigDecimal price;
    private Integer quantity;
    private Boolean status;
    private Integer stockStatusId;
    private Boolean subtract;
    private Integer minimum;
    private Boolean shipping;
    private Integer taxClassId;
    private BigDecimal weight;
    private Integer weightClassId;
    private ManufacturerRef manufacturer;
    private List<CategoryRef> categories;
    private List<Integer> storeIds;
    private String image;
    private List<ProductImage> images;
    private Map<String, ProductDescription> descriptions;
    private List<ProductAttributeValue> attributes;
    private List<ProductOption> options;
    private List<ProductSpecial> specials;
    private List<ProductDiscount> discounts;
    private Map<String, Map<String, String>> seoKeywords;

    private Builder() {
    }

    public Builder externalId(String v) { externalId = v; return this; }
    public Builder model(String v) { model = v; return this; }
    public Builder sku(String v) { sku = v; return this; }
    public Builder upc(String v) { upc = v; return this; }
    public Builder ean(String v) { ean = v; return this; }
    public Builder jan(String v) { jan = v; return this; }
    public Builder isbn(String v) { isbn = v; return this; }
    public Builder mpn(String v) { mpn = v; return this; }
    public Builder price(BigDecimal v) { price = v; return this; }
    public Builder price(String v) { price = new BigDecimal(v); return this; }
    public Builder quantity(Integer v) { quantity = v; return this; }
    public Builder status(Boolean v) { status = v; return this; }
    public Builder stockStatusId(Integer v) { stockStatusId = v; return this; }
    public Builder subtract(Boolean v) { subtract = v; return this; }
    public Builder minimum(Integer v) { minimum = v; return this; }
    public Builder shipping(Boolean v) { shipping = v; return this; }
    public Builder taxClassId(Integer v) { taxClassId = v; return this; }
    public Builder weight(BigDecimal v) { weight = v; return this; }
    public Builder weightClassId(Integer v) { weightClassId = v; return this; }
    public Builder manufacturer(ManufacturerRef v) { manufacturer = v; return this; }
    public Builder categories(List<CategoryRef> v) { categories = v; return this; }
    public Builder storeIds(List<Integer> v) { storeIds = v; return this; }
    public Builder image(String v) { image = v; return this; }
    public Builder images(List<ProductImage> v) { images = v; return this; }
    public Builder descriptions(Map<String, ProductDescription> v) { descriptions = v; return this; }
    public Builder description(String language, ProductDescription v) {
      descriptions = descriptions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(descriptions);
      descriptions.put(language, v);
      return this;
    }
    public Builder attributes(List<ProductAttributeValue> v) { attributes = v; return this; }
    public Builder options(List<ProductOption> v) { options = v; return this; }
    public Builder specials(List<ProductSpecial> v) { specials = v; return this; }
    public Builder discounts(List<ProductDiscount> v) { discounts = v; return this; }
    public Builder seoKeywords(Map<String, Map<String, String>> v) { seoKeywords = v; return this; }

    public ProductWrite build() {
      return new ProductWrite(externalId, model, sku, upc, ean, jan, isbn, mpn, price, quantity, status,
          stockStatusId, subtract, minimum, shipping, taxClassId, weight, weightClassId, manufacturer,
          categories, storeIds, image, images, descriptions, attributes, options, specials, discounts,
          seoKeywords);
    }
  }
}
