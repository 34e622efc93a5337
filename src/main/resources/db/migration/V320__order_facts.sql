-- What 1C has told about each order and the bridge has already passed on to the shop: a status (by
-- orders.statusMap), a payment, a shipment, changed contents (com.ocbridge.orders.OrderFact). The facts of one
-- uploaded document that are not here yet become one order.history_add (outbox_id); a document uploaded again,
-- or a payment reported once as the order's requisites and once as a payment document, adds nothing.
CREATE TABLE order_fact (
  order_id   bigint NOT NULL,
  fact_key   text   NOT NULL,
  outbox_id  bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, fact_key)
);
