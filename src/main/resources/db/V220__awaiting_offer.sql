-- A product created by a catalog file before its price and stock arrived is created hidden (status 0 in the shop),
-- so the storefront never shows it at price 0; the first offer write shows it. See ProductState.awaitingOffer.
ALTER TABLE catalog_product ADD COLUMN awaiting_offer boolean NOT NULL DEFAULT false;
