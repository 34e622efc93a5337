-- Catalog sync (com.ocbridge.catalog): what was last sent to OpenCart, so that an import sends only what changed.

-- One row per 1C product (Ид before '#'). product_id is set only after the shop confirmed the write, and the hashes
-- only then, so an interrupted import re-sends exactly what the shop has not confirmed.
CREATE TABLE catalog_product (
  external_id       text PRIMARY KEY,
  product_id        bigint,
  sku               text,
  model             text,
  name              text,
  data_hash         text,     -- the ProductWrite last sent, without price, quantity and options
  options_hash      text,     -- option structure last sent (kinds, values, price differences), without quantities
  option_stock_hash text,     -- per-characteristic quantities last sent
  quantity          numeric,  -- last quantity sent (also written by the fast stock API)
  price             numeric,  -- last price sent (also written by the fast stock API)
  status            boolean,  -- last status sent (false = disabled)
  last_seen_run     text,     -- the exchange run whose catalog last listed the product
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_product_lower_sku ON catalog_product (lower(sku));
CREATE INDEX catalog_product_linked ON catalog_product (external_id) WHERE product_id IS NOT NULL;

-- Shop ids of dictionary entities: category (1C group Ид), manufacturer (name key), attribute (1C property Ид),
-- option (characteristic kind key). data_hash covers what was sent, so an unchanged group costs no call.
CREATE TABLE catalog_link (
  kind        text NOT NULL CHECK (kind IN ('category', 'manufacturer', 'attribute', 'option')),
  external_id text NOT NULL,
  oc_id       bigint NOT NULL,
  data_hash   text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, external_id)
);

-- Values of an option dictionary entry: option.upsert is sent with every known value of the option.
CREATE TABLE catalog_option_value (
  option_key  text NOT NULL,
  external_id text NOT NULL,
  name        text NOT NULL,
  oc_id       bigint NOT NULL,
  PRIMARY KEY (option_key, external_id)
);

-- Pictures already in the shop, by SHA-256 of their bytes: a picture is sent once whatever 1C calls it.
CREATE TABLE catalog_image (
  content_hash text PRIMARY KEY,
  path         text NOT NULL,
  bytes        bigint NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
-- 1C's picture path (import_files/ab/….jpg) → content, for runs that reference a picture without resending it.
CREATE TABLE catalog_picture (
  source       text PRIMARY KEY,
  content_hash text NOT NULL REFERENCES catalog_image (content_hash),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Classifier dictionaries (groups, properties, price types, warehouses, units) as the reader models them, so that
-- a later file (offers, prices, rests, goods of a split export), even after a restart, resolves against them.
-- A later definition replaces an earlier one; seq keeps the order of first appearance (the "first price type").
CREATE TABLE catalog_dictionary (
  kind       text NOT NULL,
  id         text NOT NULL,
  seq        bigserial,
  body       jsonb NOT NULL,
  run_id     text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);

-- Offers (product or product#characteristic) merged over the files of split exports: names and characteristics,
-- the configured price and the stock, each kept until a file brings a new value. pending = not yet compared
-- with what the shop has; offers of a product the shop does not know yet stay pending until it arrives.
CREATE TABLE catalog_offer (
  offer_id            text PRIMARY KEY,
  product_external_id text NOT NULL,
  characteristic_id   text,
  sku                 text,
  name                text,
  characteristics     jsonb,
  price               numeric,
  quantity            numeric,
  deleted             boolean NOT NULL DEFAULT false,
  pending             boolean NOT NULL DEFAULT true,
  staged_job          bigint,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_offer_product ON catalog_offer (product_external_id);
CREATE INDEX catalog_offer_pending ON catalog_offer (product_external_id) WHERE pending;
