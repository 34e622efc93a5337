/**
 * CommerceML ("exchange with website") reading and writing for the 1C ↔ shop bridge.
 *
 * <h2>Reading</h2>
 * {@link com.ocbridge.commerceml.CommerceMlReader} streams any CommerceML 2.03–3.1 document (catalog, offers,
 * split prices/rests/goods/groups/… files, orders from 1C) from a Vert.x {@code ReadStream<Buffer>} and hands
 * {@link com.ocbridge.commerceml.model.CmlRecord}s to a {@link com.ocbridge.commerceml.RecordHandler}; an incomplete
 * future from the handler pauses the source. A {@link com.ocbridge.commerceml.ClassifierIndex} carries groups,
 * properties, price types, warehouses and units from one file of an exchange to the next.
 *
 * <p>How it works, in reading order:
 * <ol>
 *   <li>{@code internal.ReadSession}: the feeding loop (source → normalizer → aalto → mapper → handler), with
 *       pause/resume and error positions;</li>
 *   <li>{@code internal.InputNormalizer}: BOM, prolog, DOCTYPE refusal, windows-1251 → UTF-8 (aalto's async parser
 *       accepts only BOM-less UTF-8 / ASCII / Latin-1);</li>
 *   <li>{@code internal.CmlMapper} and the {@code *Nodes} classes: one small {@code Node} per element shape
 *       (product, offer, price, requisite...), chosen by the parent element, matched by local name.</li>
 * </ol>
 *
 * <h2>Writing</h2>
 * {@link com.ocbridge.commerceml.OrdersWriter} streams the orders document the site answers to
 * {@code type=sale&mode=query}, in windows-1251 or UTF-8, optionally with {@code Контейнер} for 3.1 clients.
 *
 * <h2>Benchmark</h2>
 * {@code scripts/bench-reader [sizeMB] [rounds]} (test class {@code ReaderBenchmark}, tag {@code benchmark}).
 */
package com.ocbridge.commerceml;
