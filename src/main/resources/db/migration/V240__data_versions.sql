-- The version of the stock and price data last written per product and per offer: when the bridge received it
-- (a fast stock message, an offers file), in microseconds since the epoch. Data older than this is skipped, never
-- written over newer (com.ocbridge.ordering; StockService, VariantStock, CatalogStore.stageOffers, OfferApplier).
ALTER TABLE catalog_product ADD COLUMN stock_version bigint;
ALTER TABLE catalog_offer ADD COLUMN data_version bigint;

-- What the last offers file said about each offer's price and quantity. The fast stock API changes price and
-- quantity (what the shop has); an unchanged file is recognised against what the file said, not against them, so
-- re-importing it never writes its older values over the pushed ones (CatalogStore.stageOffers).
ALTER TABLE catalog_offer ADD COLUMN file_price numeric;
ALTER TABLE catalog_offer ADD COLUMN file_quantity numeric;
