package com.ocbridge.commerceml.model;

/**
 * One self-contained piece of a CommerceML document, handed to the caller as soon as its element is complete.
 *
 * <p>Records arrive in document order. Header records ({@link ClassifierHeader}, {@link CatalogHeader},
 * {@link OfferPackageHeader}) come before the groups/products/offers they introduce. All text values are
 * trimmed; an empty element is reported as {@code null} (never as ""); lists and maps are never null and
 * are unmodifiable.
 */
public sealed interface CmlRecord
    permits ClassifierHeader, Group, Property, PriceType, Warehouse, Unit,
        CatalogHeader, Product, OfferPackageHeader, Offer, OrderDocument {

  RecordKind kind();
}
