package com.ocbridge.orders;

/**
 * One thing 1C told about an order: its status (by {@code orders.statusMap}), a payment, a shipment, or changed
 * contents. Each is applied once: {@code key} is remembered per order ({@code order_fact}), and the facts of one
 * document that are new become one history entry.
 *
 * @param key      what makes the fact this fact: for a payment or shipment 1C's number (so the same payment sent as
 *                 the order's requisites and as a payment document is one fact), for a status the target and the
 *                 document's fingerprint, for contents a hash of the differences
 * @param statusId the status the fact asks for; 0 = none, only the note
 * @param note     the history line, in Russian, starting with "1С: "
 */
record OrderFact(Kind kind, String key, int statusId, String note) {
  enum Kind { STATUS, PAYMENT, SHIPMENT, CONTENT }
}
