-- Link of a 1C product to its OpenCart product, with the stock and price last sent to the shop. The catalog sync
-- owns and fills it; the fast stock API resolves SKUs through it and keeps quantity/price current.
CREATE TABLE IF NOT EXISTS catalog_product (
  external_id   text PRIMARY KEY,
  product_id    bigint,
  sku           text,
  model         text,
  data_hash     text,
  quantity      numeric,
  price         numeric,
  status        boolean,
  last_seen_run text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS catalog_product_sku ON catalog_product (lower(sku));
CREATE INDEX IF NOT EXISTS catalog_product_product_id ON catalog_product (product_id);

-- Stock messages applied by POST /api/v1/stock, by messageId: the same message twice is applied once.
CREATE TABLE stock_message (
  message_id  text PRIMARY KEY,
  state       text NOT NULL CHECK (state IN ('applying', 'applied', 'queued')),
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
