/**
 * What an operator needs to see: small thread-safe trackers fed by the parts that talk to the shop, to 1C and to
 * the database (shop reachability, breakers, last contact from 1C, last order poll), the {@code GET /api/v1/status}
 * report built from them, the informational health checks and the {@code ocbridge_*} metrics. Nothing here blocks:
 * trackers are atomics, figures that need the database are read asynchronously by the report or cached for gauges.
 */
package com.ocbridge.status;
