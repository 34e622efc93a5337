package com.ocbridge.commerceml;

import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.Unit;
import com.ocbridge.commerceml.model.Warehouse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** Test helper: reads a document and keeps every record, with lookups by kind and Ид. */
final class Collected {
  final List<CmlRecord> records = new ArrayList<>();
  ReadSummary summary;

  static Collected read(Vertx vertx, Path file) {
    return read(vertx, file, new ClassifierIndex());
  }

  static Collected read(Vertx vertx, Path file, ClassifierIndex index) {
    Collected c = new Collected();
    c.summary = new CommerceMlReader().read(vertx, file, index, r -> {
      c.records.add(r);
      return Future.succeededFuture();
    }).await();
    return c;
  }

  static Collected read(ChunkedReadStream stream) {
    Collected c = new Collected();
    c.summary = stream.readWith(new CommerceMlReader(), r -> {
      c.records.add(r);
      return Future.succeededFuture();
    }).await();
    return c;
  }

  <T extends CmlRecord> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (CmlRecord r : records) {
      if (type.isInstance(r)) {
        out.add(type.cast(r));
      }
    }
    return out;
  }

  <T extends CmlRecord> T first(Class<T> type) {
    return all(type).stream().findFirst().orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName()));
  }

  <T extends CmlRecord> T find(Class<T> type, Predicate<T> p) {
    return all(type).stream().filter(p).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no matching " + type.getSimpleName()));
  }

  Product product(String id) {
    return find(Product.class, p -> id.equals(p.id()));
  }

  Offer offer(String id) {
    return find(Offer.class, o -> id.equals(o.id()));
  }

  Group group(String id) {
    return find(Group.class, g -> id.equals(g.id()));
  }

  Property property(String id) {
    return find(Property.class, p -> id.equals(p.id()));
  }

  PriceType priceType(String id) {
    return find(PriceType.class, p -> id.equals(p.id()));
  }

  Warehouse warehouse(String id) {
    return find(Warehouse.class, w -> id.equals(w.id()));
  }

  Unit unit(String id) {
    return find(Unit.class, u -> id.equals(u.id()));
  }

  OrderDocument order(String id) {
    return find(OrderDocument.class, o -> id.equals(o.id()));
  }
}
