-- A product created by a catalog file before its price and stock arrived is created hidden (status 0 in the shop),
-- so the storefront never shows it at price 0; the first offer write shows it. See ProductState.awaitingOffer.
ALTER TABLE catalog_product ADD COLUMN awaiting_offer boolean NOT NULL DEFAULT false;

-- Settings the last import turned staged offers into options with (CatalogStore.aggregationSettings): an offer
-- staged unchanged is not compared with the shop again unless these changed.
CREATE TABLE catalog_setting (
  key   text PRIMARY KEY,
  value text NOT NULL
);
