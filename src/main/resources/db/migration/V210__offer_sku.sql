-- POST /api/v1/stock finds a characteristic by its own SKU (1C's Артикул of the characteristic, e.g. EK-000005-38).
CREATE INDEX catalog_offer_lower_sku ON catalog_offer (lower(sku)) WHERE characteristic_id IS NOT NULL;
