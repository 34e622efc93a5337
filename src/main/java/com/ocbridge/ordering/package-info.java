/**
 * Ordering of writes to the shop: every stock and price write carries the version of its data (when the bridge
 * received it) and runs in order per product ({@link com.ocbridge.ordering.KeyedSequencer}); data older than what the
 * shop already has from the bridge is skipped and counted, never written over newer.
 */
package com.ocbridge.ordering;
