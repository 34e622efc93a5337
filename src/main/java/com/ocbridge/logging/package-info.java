/**
 * Logging: context fields (the exchange id, a stock message id, an order id) carried by duplicated Vert.x contexts
 * onto every log line, and the {@code text} / {@code json} formats of {@code log.format}.
 */
package com.ocbridge.logging;
