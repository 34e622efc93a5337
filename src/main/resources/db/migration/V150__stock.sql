-- The fast stock API resolves SKUs through catalog_product (V200, the catalog sync's link table) and keeps its
-- quantity/price current.

-- Stock messages applied by POST /api/v1/stock, by messageId: the same message twice is applied once.
CREATE TABLE stock_message (
  message_id  text PRIMARY KEY,
  state       text NOT NULL CHECK (state IN ('applying', 'applied', 'queued')),
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
