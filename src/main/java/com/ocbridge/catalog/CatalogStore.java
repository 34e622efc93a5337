package com.ocbridge.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.Unit;
import com.ocbridge.commerceml.model.Warehouse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog sync's tables (V200__catalog.sql). Every method works on a bounded batch given by the caller
 * ({@code = ANY($1)} lookups, {@code UNNEST} writes) or on a classifier-sized dictionary; nothing loads the
 * catalog as a whole.
 */
final class CatalogStore {
  /** Reader records as JSON; records expose helper getters (isDictionary…) that reading back must ignore. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Map<String, Class<? extends CmlRecord>> DICTIONARY_KINDS = Map.of(
      "group", Group.class, "property", Property.class, "priceType", PriceType.class,
      "warehouse", Warehouse.class, "unit", Unit.class);

  record Link(long ocId, String hash) {}

  record OptionValue(String externalId, String name, long ocId) {}

  record Missing(String externalId, long productId, String name) {}

  /** What the shop was last told about a product's stock, price and options. */
  record StockState(String externalId, Integer quantity, BigDecimal price, String optionsHash,
      String optionStockHash) {}

  private final Pool pool;

  CatalogStore(Pool pool) {
    this.pool = pool;
  }

  // ---------------------------------------------------------------- products

  /**
   * The rows of these products, marking them as listed by {@code runId} in the same statement (a full import
   * disables what its run did not list).
   */
  Future<Map<String, ProductState>> markSeen(String runId, List<String> ids) {
    return pool.preparedQuery("""
            UPDATE catalog_product SET last_seen_run = $2 WHERE external_id = ANY($1) RETURNING *""")
        .execute(Tuple.of(ids.toArray(String[]::new), runId))
        .map(rows -> {
          Map<String, ProductState> byId = new HashMap<>();
          rows.forEach(r -> byId.put(r.getString("external_id"), product(r)));
          return byId;
        });
  }

  Future<Map<String, ProductState>> products(List<String> ids) {
    // a join with the ids, not "= ANY($1)": right after a bulk write, before autovacuum has analysed the table, the
    // planner takes it for empty and scans it comparing each row with the whole array (measured: 0.5 s per batch of
    // 1,000 against 100,000 rows; the change plan of an offers file right after its catalog file took 20 s, not 2)
    return pool.preparedQuery("""
            SELECT c.* FROM UNNEST($1::text[]) AS u(id) JOIN catalog_product c ON c.external_id = u.id""")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(rows -> {
          Map<String, ProductState> byId = new HashMap<>();
          rows.forEach(r -> byId.put(r.getString("external_id"), product(r)));
          return byId;
        });
  }

  /** After the shop confirmed product writes: link, identity, data hash and status (stock is kept apart). */
  Future<Void> saveWritten(String runId, List<ProductState> written) {
    if (written.isEmpty()) return Future.succeededFuture();
    int n = written.size();
    String[] ids = new String[n];
    Long[] productIds = new Long[n];
    String[] skus = new String[n];
    String[] models = new String[n];
    String[] names = new String[n];
    String[] hashes = new String[n];
    Boolean[] statuses = new Boolean[n];
    Boolean[] awaiting = new Boolean[n];
    String[] fields = new String[n];
    for (int i = 0; i < n; i++) {
      ProductState p = written.get(i);
      fields[i] = p.fieldHashes() == null ? null : new JsonObject(new LinkedHashMap<>(p.fieldHashes())).encode();
      ids[i] = p.externalId();
      productIds[i] = p.productId();
      skus[i] = p.sku();
      models[i] = p.model();
      names[i] = p.name();
      hashes[i] = p.dataHash();
      statuses[i] = p.status();
      awaiting[i] = p.awaitingOffer();
    }
    return pool.preparedQuery("""
            INSERT INTO catalog_product (external_id, product_id, sku, model, name, data_hash, status, awaiting_offer,
              last_seen_run, field_hashes)
            SELECT u.id, u.pid, u.sku, u.model, u.name, u.hash, u.status, u.awaiting, $9, u.fields::jsonb
            FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::bool[],
              $10::text[]) AS u(id, pid, sku, model, name, hash, status, awaiting, fields)
            ON CONFLICT (external_id) DO UPDATE SET product_id = EXCLUDED.product_id, sku = EXCLUDED.sku,
              model = EXCLUDED.model, name = EXCLUDED.name, data_hash = EXCLUDED.data_hash, status = EXCLUDED.status,
              awaiting_offer = EXCLUDED.awaiting_offer, last_seen_run = EXCLUDED.last_seen_run,
              field_hashes = COALESCE(EXCLUDED.field_hashes, catalog_product.field_hashes), updated_at = now()""")
        .execute(Tuple.of(ids, productIds, skus, models, names, hashes, statuses, awaiting).addString(runId)
            .addArrayOfString(fields))
        .mapEmpty();
  }

  /** Products created hidden whose first offer write (with status true) the shop confirmed. */
  Future<Void> markShown(List<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("UPDATE catalog_product SET awaiting_offer = false WHERE external_id = ANY($1) AND awaiting_offer")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .mapEmpty();
  }

  /** After the shop confirmed a stock/price/options write; a null price means it was not sent (kept). */
  Future<Void> saveStock(List<StockState> states) {
    if (states.isEmpty()) return Future.succeededFuture();
    int n = states.size();
    String[] ids = new String[n];
    String[] quantities = new String[n];
    String[] prices = new String[n];
    String[] optionHashes = new String[n];
    String[] stockHashes = new String[n];
    for (int i = 0; i < n; i++) {
      StockState s = states.get(i);
      ids[i] = s.externalId();
      quantities[i] = s.quantity() == null ? null : s.quantity().toString();
      prices[i] = s.price() == null ? null : s.price().toPlainString();
      optionHashes[i] = s.optionsHash();
      stockHashes[i] = s.optionStockHash();
    }
    return pool.preparedQuery("""
            UPDATE catalog_product c SET quantity = COALESCE(u.q::numeric, c.quantity),
              price = COALESCE(u.p::numeric, c.price), options_hash = u.oh, option_stock_hash = u.sh, updated_at = now()
            FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, q, p, oh, sh)
            WHERE c.external_id = u.id""")
        .execute(Tuple.of(ids, quantities, prices, optionHashes, stockHashes))
        .mapEmpty();
  }

  Future<Void> saveStatus(List<String> ids, boolean status) {
    if (ids.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("UPDATE catalog_product SET status = $2, updated_at = now() WHERE external_id = ANY($1)")
        .execute(Tuple.of(ids.toArray(String[]::new), status)).mapEmpty();
  }

  /** The shop no longer has these products: forget the link so that the next catalog import creates them again. */
  Future<Void> unlink(List<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("""
            UPDATE catalog_product SET product_id = NULL, data_hash = NULL, options_hash = NULL,
              option_stock_hash = NULL, quantity = NULL, price = NULL, status = NULL, updated_at = now()
            WHERE external_id = ANY($1)""")
        .execute(Tuple.of((Object) ids.toArray(String[]::new))).mapEmpty();
  }

  // ---------------------------------------------------------------- deactivation

  /**
   * A product listed by another exchange that was still active after run $1 began: concurrent 1C exchanges have runs
   * of their own (and 1C may repeat checkauth without its cookie, starting a new run in the middle of one export),
   * so a product the other run wrote last is not missing from this full export, only listed later by someone else.
   */
  private static final String SEEN_SINCE = """
      EXISTS (SELECT 1 FROM exchange_run o WHERE o.id = catalog_product.last_seen_run
                AND o.last_seen_at >= (SELECT started_at FROM exchange_run WHERE id = $1))""";

  /** [linked and enabled, of which not listed by the run]. */
  Future<long[]> countMissing(String runId) {
    return pool.preparedQuery("""
            SELECT count(*) AS linked, count(*) FILTER (WHERE last_seen_run IS DISTINCT FROM $1 AND NOT %s) AS missing
            FROM catalog_product WHERE product_id IS NOT NULL AND status IS NOT FALSE""".formatted(SEEN_SINCE))
        .execute(Tuple.of(runId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new long[] {r.getLong("linked"), r.getLong("missing")};
        });
  }

  Future<List<Missing>> missingPage(String runId, String after, int limit) {
    return pool.preparedQuery("""
            SELECT external_id, product_id, name FROM catalog_product
            WHERE product_id IS NOT NULL AND status IS NOT FALSE AND last_seen_run IS DISTINCT FROM $1
              AND NOT %s AND external_id > $2
            ORDER BY external_id LIMIT $3""".formatted(SEEN_SINCE))
        .execute(Tuple.of(runId, after, limit))
        .map(rows -> {
          List<Missing> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Missing(r.getString("external_id"), r.getLong("product_id"), r.getString("name"))));
          return list;
        });
  }

  // ---------------------------------------------------------------- offers

  /**
   * Stages offers as pending (to be compared with the shop). An offer staged exactly as before and applied since is
   * left alone (compared with what the last file said: {@code file_price}, {@code file_quantity}), so an unchanged
   * offers file costs no comparison and never takes back what the fast stock API changed since; an offer whose values
   * are newer than the file's
   * ({@code data_version}: the fast stock API sent them after the bridge received this file) is left alone too, so
   * an older file never writes its quantity over a newer one.
   */
  Future<Staged> stageOffers(long jobId, long version, List<OfferRow> offers) {
    if (offers.isEmpty()) return Future.succeededFuture(new Staged(0, 0));
    int n = offers.size();
    String[] ids = new String[n];
    String[] products = new String[n];
    String[] characteristics = new String[n];
    String[] skus = new String[n];
    String[] names = new String[n];
    String[] chars = new String[n];
    String[] prices = new String[n];
    String[] quantities = new String[n];
    Boolean[] deleted = new Boolean[n];
    for (int i = 0; i < n; i++) {
      OfferRow o = offers.get(i);
      ids[i] = o.offerId();
      products[i] = o.productId();
      characteristics[i] = o.characteristicId();
      skus[i] = o.sku();
      names[i] = o.name();
      chars[i] = o.characteristics().isEmpty() ? null : characteristicsJson(o.characteristics());
      prices[i] = o.price() == null ? null : o.price().toPlainString();
      quantities[i] = o.quantity() == null ? null : o.quantity().toPlainString();
      deleted[i] = o.deleted();
    }
    // An aspect the file did not carry (null) keeps the value an earlier file of a split export staged.
    Future<Integer> older = pool.preparedQuery(
            "SELECT count(*)::int FROM catalog_offer WHERE offer_id = ANY($1) AND data_version > $2")
        .execute(Tuple.of(ids, version)).map(rows -> rows.iterator().next().getInteger(0));
    return older.compose(refused -> pool.preparedQuery("""
            INSERT INTO catalog_offer (offer_id, product_external_id, characteristic_id, sku, name, characteristics,
              price, quantity, deleted, pending, staged_job, data_version, file_price, file_quantity)
            SELECT u.id, u.product, u.ch, u.sku, u.name, u.chars::jsonb, u.price::numeric, u.qty::numeric,
              COALESCE(u.deleted, false), true, $10, $11, u.price::numeric, u.qty::numeric
            FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::bool[]) AS u(id, product, ch, sku, name, chars, price, qty, deleted)
            ON CONFLICT (offer_id) DO UPDATE SET sku = COALESCE(EXCLUDED.sku, catalog_offer.sku),
              name = COALESCE(EXCLUDED.name, catalog_offer.name),
              characteristics = COALESCE(EXCLUDED.characteristics, catalog_offer.characteristics),
              price = COALESCE(EXCLUDED.price, catalog_offer.price),
              quantity = COALESCE(EXCLUDED.quantity, catalog_offer.quantity),
              file_price = COALESCE(EXCLUDED.file_price, catalog_offer.file_price),
              file_quantity = COALESCE(EXCLUDED.file_quantity, catalog_offer.file_quantity),
              deleted = CASE WHEN EXCLUDED.name IS NULL AND NOT EXCLUDED.deleted THEN catalog_offer.deleted
                             ELSE EXCLUDED.deleted END,
              pending = true, staged_job = EXCLUDED.staged_job, data_version = EXCLUDED.data_version, updated_at = now()
            WHERE (catalog_offer.data_version IS NULL OR catalog_offer.data_version <= EXCLUDED.data_version)
              AND (catalog_offer.pending
              OR (EXCLUDED.sku IS NOT NULL AND EXCLUDED.sku IS DISTINCT FROM catalog_offer.sku)
              OR (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM catalog_offer.name)
              OR (EXCLUDED.characteristics IS NOT NULL AND EXCLUDED.characteristics IS DISTINCT FROM catalog_offer.characteristics)
              -- against what the last file said: a fast stock message changes price and quantity, not the file
              OR (EXCLUDED.price IS NOT NULL
                  AND EXCLUDED.price IS DISTINCT FROM COALESCE(catalog_offer.file_price, catalog_offer.price))
              OR (EXCLUDED.quantity IS NOT NULL
                  AND EXCLUDED.quantity IS DISTINCT FROM COALESCE(catalog_offer.file_quantity, catalog_offer.quantity))
              OR (CASE WHEN EXCLUDED.name IS NULL AND NOT EXCLUDED.deleted THEN catalog_offer.deleted
                       ELSE EXCLUDED.deleted END) IS DISTINCT FROM catalog_offer.deleted)""")
        .execute(Tuple.of(ids, products, characteristics, skus, names, chars, prices, quantities, deleted)
            .addLong(jobId).addLong(version))
        .map(rows -> new Staged(n - rows.rowCount() - refused, refused)));
  }

  /** Offers of a batch left alone: unchanged since they were applied, or older than what the shop has. */
  record Staged(int unchanged, int older) {}

  /**
   * The settings that turn staged offers into options (catalog.variants and the fallback option name), as used by
   * the last import: when they changed, every staged offer is compared with the shop again (it may now become
   * different options), since an offer staged unchanged is otherwise not compared again.
   */
  Future<Void> aggregationSettings(String fingerprint) {
    return pool.preparedQuery("SELECT value FROM catalog_setting WHERE key = 'aggregation'").execute()
        .compose(rows -> {
          String previous = rows.size() == 0 ? null : rows.iterator().next().getString("value");
          if (fingerprint.equals(previous)) return Future.succeededFuture();
          Future<Void> restage = previous == null ? Future.succeededFuture()
              : pool.query("UPDATE catalog_offer SET pending = true WHERE NOT pending").execute().mapEmpty();
          return restage.compose(v -> pool.preparedQuery("INSERT INTO catalog_setting (key, value) VALUES ('aggregation', $1)"
                  + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
              .execute(Tuple.of(fingerprint)).mapEmpty());
        });
  }

  /** The offers of products the shop has just got (created, or created again): to be applied to them. */
  Future<Void> offersPendingFor(List<String> productIds) {
    if (productIds.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("UPDATE catalog_offer SET pending = true WHERE product_external_id = ANY($1) AND NOT pending")
        .execute(Tuple.of(productIds.toArray(String[]::new)))
        .mapEmpty();
  }

  /** Next products (keyset order) that have offers not yet compared with the shop. */
  Future<List<String>> pendingProducts(String after, int limit) {
    return pool.preparedQuery("""
            SELECT DISTINCT product_external_id FROM catalog_offer WHERE pending AND product_external_id > $1
            ORDER BY product_external_id LIMIT $2""")
        .execute(Tuple.of(after, limit))
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getString(0)));
          return ids;
        });
  }

  /** Offers of these products, per product in offer Ид order (a stable order keeps hashes stable). */
  Future<Map<String, List<StagedOffer>>> offersOf(List<String> productIds) {
    return pool.preparedQuery("""
            SELECT * FROM catalog_offer WHERE product_external_id = ANY($1) ORDER BY product_external_id, offer_id""")
        .execute(Tuple.of((Object) productIds.toArray(String[]::new)))
        .map(rows -> {
          Map<String, List<StagedOffer>> byProduct = new LinkedHashMap<>();
          rows.forEach(r -> byProduct.computeIfAbsent(r.getString("product_external_id"), k -> new ArrayList<>())
              .add(new StagedOffer(r.getString("offer_id"), r.getString("characteristic_id"), r.getString("sku"),
                  r.getString("name"), characteristics(r.getValue("characteristics")), r.getBigDecimal("price"),
                  r.getBigDecimal("quantity"), r.getBoolean("deleted"), r.getBoolean("pending"),
                  r.getLong("staged_job"))));
          return byProduct;
        });
  }

  record StagedOffer(String offerId, String characteristicId, String sku, String name,
      List<Characteristic> characteristics, BigDecimal price, BigDecimal quantity, boolean deleted, boolean pending,
      Long stagedJob) {}

  Future<Void> clearPending(List<String> productIds) {
    if (productIds.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("UPDATE catalog_offer SET pending = false WHERE product_external_id = ANY($1) AND pending")
        .execute(Tuple.of((Object) productIds.toArray(String[]::new))).mapEmpty();
  }

  private static String characteristicsJson(List<Characteristic> list) {
    JsonArray a = new JsonArray();
    list.forEach(c -> a.add(new JsonObject().put("name", c.name()).put("value", c.value())));
    return a.encode();
  }

  private static List<Characteristic> characteristics(Object value) {
    if (!(value instanceof JsonArray a)) return List.of();
    List<Characteristic> list = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject o = a.getJsonObject(i);
      list.add(new Characteristic(o.getString("name"), o.getString("value")));
    }
    return list;
  }

  // ---------------------------------------------------------------- links

  Future<Map<String, Link>> links(String kind) {
    return pool.preparedQuery("SELECT external_id, oc_id, data_hash FROM catalog_link WHERE kind = $1")
        .execute(Tuple.of(kind))
        .map(rows -> {
          Map<String, Link> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), new Link(r.getLong(1), r.getString(2))));
          return map;
        });
  }

  Future<Void> saveLink(String kind, String externalId, long ocId, String hash) {
    return pool.preparedQuery("""
            INSERT INTO catalog_link (kind, external_id, oc_id, data_hash) VALUES ($1, $2, $3, $4)
            ON CONFLICT (kind, external_id) DO UPDATE SET oc_id = EXCLUDED.oc_id, data_hash = EXCLUDED.data_hash,
              updated_at = now()""")
        .execute(Tuple.of(kind, externalId, ocId, hash)).mapEmpty();
  }

  Future<Map<String, Map<String, OptionValue>>> optionValues() {
    return pool.query("SELECT option_key, external_id, name, oc_id FROM catalog_option_value ORDER BY option_key, name")
        .execute()
        .map(rows -> {
          Map<String, Map<String, OptionValue>> map = new HashMap<>();
          rows.forEach(r -> map.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
              .put(r.getString(1), new OptionValue(r.getString(1), r.getString(2), r.getLong(3))));
          return map;
        });
  }

  Future<Void> saveOptionValues(String optionKey, List<OptionValue> values) {
    if (values.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("""
            INSERT INTO catalog_option_value (option_key, external_id, name, oc_id)
            SELECT $1, u.id, u.name, u.oc FROM UNNEST($2::text[], $3::text[], $4::bigint[]) AS u(id, name, oc)
            ON CONFLICT (option_key, external_id) DO UPDATE SET name = EXCLUDED.name, oc_id = EXCLUDED.oc_id""")
        .execute(Tuple.of(optionKey, values.stream().map(OptionValue::externalId).toArray(String[]::new),
            values.stream().map(OptionValue::name).toArray(String[]::new),
            values.stream().map(OptionValue::ocId).toArray(Long[]::new)))
        .mapEmpty();
  }

  // ---------------------------------------------------------------- images

  /** Shop paths of pictures already uploaded, by content hash. */
  Future<Map<String, String>> images(List<String> contentHashes) {
    return pool.preparedQuery("SELECT content_hash, path FROM catalog_image WHERE content_hash = ANY($1)")
        .execute(Tuple.of((Object) contentHashes.toArray(String[]::new)))
        .map(rows -> {
          Map<String, String> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), r.getString(1)));
          return map;
        });
  }

  /** Shop paths of pictures known by their 1C path from earlier runs. */
  Future<Map<String, String>> picturesBySource(List<String> sources) {
    return pool.preparedQuery("""
            SELECT p.source, i.path FROM catalog_picture p JOIN catalog_image i USING (content_hash)
            WHERE p.source = ANY($1)""")
        .execute(Tuple.of((Object) sources.toArray(String[]::new)))
        .map(rows -> {
          Map<String, String> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), r.getString(1)));
          return map;
        });
  }

  Future<Void> saveImage(String contentHash, String path, long bytes) {
    return pool.preparedQuery("""
            INSERT INTO catalog_image (content_hash, path, bytes) VALUES ($1, $2, $3)
            ON CONFLICT (content_hash) DO NOTHING""")
        .execute(Tuple.of(contentHash, path, bytes)).mapEmpty();
  }

  Future<Void> savePictures(Map<String, String> contentBySource) {
    if (contentBySource.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("""
            INSERT INTO catalog_picture (source, content_hash)
            SELECT * FROM UNNEST($1::text[], $2::text[])
            ON CONFLICT (source) DO UPDATE SET content_hash = EXCLUDED.content_hash, updated_at = now()""")
        // two arrays: build the tuple explicitly, Tuple.of(a, b) would spread b as varargs
        .execute(Tuple.tuple().addArrayOfString(contentBySource.keySet().toArray(String[]::new))
            .addArrayOfString(contentBySource.values().toArray(String[]::new)))
        .mapEmpty();
  }

  // ---------------------------------------------------------------- dictionaries

  /** Every dictionary record ever imported, in order of first appearance. */
  Future<List<CmlRecord>> dictionaries() {
    return pool.query("SELECT kind, body FROM catalog_dictionary ORDER BY seq").execute()
        .map(rows -> {
          List<CmlRecord> list = new ArrayList<>();
          for (Row r : rows) {
            Class<? extends CmlRecord> type = DICTIONARY_KINDS.get(r.getString(0));
            if (type == null) continue;
            try {
              list.add(JSON.readValue(String.valueOf(r.getValue(1)), type));
            } catch (JsonProcessingException e) {
              throw new IllegalStateException("catalog_dictionary holds an unreadable " + r.getString(0), e);
            }
          }
          return list;
        });
  }

  Future<Void> saveDictionaries(String runId, List<CmlRecord> records) {
    if (records.isEmpty()) return Future.succeededFuture();
    // one row per (kind, id) in a statement: ON CONFLICT cannot touch a row twice
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (CmlRecord record : records) {
      String kind = record.kind().key();
      String id = dictionaryId(record);
      if (id == null || !DICTIONARY_KINDS.containsKey(kind)) continue;
      try {
        rows.put(kind + "\u0000" + id, new String[] {kind, id, JSON.writeValueAsString(record)});
      } catch (JsonProcessingException e) {
        return Future.failedFuture(e);
      }
    }
    if (rows.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("""
            INSERT INTO catalog_dictionary (kind, id, body, run_id)
            SELECT u.kind, u.id, u.body::jsonb, $4 FROM UNNEST($1::text[], $2::text[], $3::text[]) AS u(kind, id, body)
            ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body, run_id = EXCLUDED.run_id, updated_at = now()""")
        .execute(Tuple.of(rows.values().stream().map(r -> r[0]).toArray(String[]::new),
            rows.values().stream().map(r -> r[1]).toArray(String[]::new),
            rows.values().stream().map(r -> r[2]).toArray(String[]::new), runId))
        .mapEmpty();
  }

  private static String dictionaryId(CmlRecord record) {
    if (record instanceof Group g) return g.id();
    if (record instanceof Property p) return p.id();
    if (record instanceof PriceType t) return t.id();
    if (record instanceof Warehouse w) return w.id();
    if (record instanceof Unit u) return u.id() != null ? u.id() : u.code();
    return null;
  }

  private static ProductState product(Row r) {
    Object fields = r.getValue("field_hashes");
    Map<String, String> fieldHashes = null;
    if (fields instanceof JsonObject j) {
      fieldHashes = new HashMap<>();
      for (String key : j.fieldNames()) fieldHashes.put(key, String.valueOf(j.getValue(key)));
    }
    return new ProductState(r.getString("external_id"), r.getLong("product_id"), r.getString("sku"),
        r.getString("model"), r.getString("name"), r.getString("data_hash"), r.getString("options_hash"),
        r.getString("option_stock_hash"), r.getBigDecimal("quantity"), r.getBigDecimal("price"),
        r.getBoolean("status"), Boolean.TRUE.equals(r.getBoolean("awaiting_offer")), r.getLong("stock_version"),
        fieldHashes);
  }

  // ---------------------------------------------------------------- change plans (read only)

  /** What the last file said about an offer (and what was last sent), for the change plan. */
  record OfferState(String offerId, BigDecimal price, BigDecimal quantity, BigDecimal filePrice,
      BigDecimal fileQuantity, Long dataVersion) {}

  Future<Map<String, OfferState>> offerStates(List<String> offerIds) {
    return pool.preparedQuery("""
            SELECT o.offer_id, o.price, o.quantity, o.file_price, o.file_quantity, o.data_version
            FROM UNNEST($1::text[]) AS u(id) JOIN catalog_offer o ON o.offer_id = u.id""")
        .execute(Tuple.of((Object) offerIds.toArray(String[]::new)))
        .map(rows -> {
          Map<String, OfferState> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), new OfferState(r.getString(0), r.getBigDecimal(1),
              r.getBigDecimal(2), r.getBigDecimal(3), r.getBigDecimal(4), r.getLong(5))));
          return map;
        });
  }

  /** [linked and enabled, of which a dry run's full catalog did not list] (change_plan_seen). */
  Future<long[]> countMissingDry(String runId) {
    return pool.preparedQuery("""
            SELECT count(*) AS linked, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM change_plan_seen s
              WHERE s.run_id = $1 AND s.external_id = c.external_id)) AS missing
            FROM catalog_product c WHERE product_id IS NOT NULL AND status IS NOT FALSE""")
        .execute(Tuple.of(runId))
        .map(rows -> new long[] {rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)});
  }

  Future<List<Missing>> missingPageDry(String runId, String after, int limit) {
    return pool.preparedQuery("""
            SELECT external_id, product_id, name FROM catalog_product c
            WHERE product_id IS NOT NULL AND status IS NOT FALSE AND external_id > $2
              AND NOT EXISTS (SELECT 1 FROM change_plan_seen s WHERE s.run_id = $1 AND s.external_id = c.external_id)
            ORDER BY external_id LIMIT $3""")
        .execute(Tuple.of(runId, after, limit))
        .map(rows -> {
          List<Missing> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Missing(r.getString(0), r.getLong(1), r.getString(2))));
          return list;
        });
  }
}
