package com.ocbridge.catalog;

import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.opencart.model.CategoryDescription;
import com.ocbridge.opencart.model.CategoryRef;
import com.ocbridge.opencart.model.CategoryWrite;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.plan.PlanItem;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a file's groups, products and offers would change, decided as the import decides it: a product is written
 * when the hash of its write (with the shop ids the bridge knows) differs from what was last sent, a status-only
 * change when only the status does, an offer when its price or quantity differs from what the last file said. Old
 * values come from what the bridge last confirmed; for fields kept only hashed the field is named, the old text is
 * not known.
 */
final class PlanDiff {
  /** One thing's lines; {@code deletion}: 1C marked it for deletion. */
  record Entity(List<PlanItem> lines, boolean deletion) {}

  private final CatalogStore store;
  private final CatalogSettings settings;
  private final ProductMapper mapper;
  private final Map<String, CatalogStore.Link> categories;
  private final Map<String, CatalogStore.Link> manufacturers;
  private final Map<String, CatalogStore.Link> attributes;
  private final long version;

  PlanDiff(CatalogStore store, CatalogSettings settings, Map<String, CatalogStore.Link> categories,
      Map<String, CatalogStore.Link> manufacturers, Map<String, CatalogStore.Link> attributes, long version) {
    this.store = store;
    this.settings = settings;
    this.mapper = new ProductMapper(settings);
    this.categories = categories;
    this.manufacturers = manufacturers;
    this.attributes = attributes;
    this.version = version;
  }

  /** As {@link CategorySync} decides it. */
  List<PlanItem> group(Group group, Set<String> created) {
    CatalogStore.Link link = categories.get(group.id());
    if (group.deleted() && link == null) return List.of();
    String name = ProductMapper.clip(group.name() == null ? group.id() : group.name(), 255);
    if (link == null) {
      created.add(group.id());
      return List.of(new PlanItem(PlanItem.CATEGORY, PlanItem.CREATE, group.id(), name, null, null, null));
    }
    boolean parentKnown = group.parentId() != null
        && (categories.containsKey(group.parentId()) || created.contains(group.parentId()));
    CategoryRef parent = parentKnown ? CategoryRef.externalId(group.parentId()) : CategoryRef.root();
    CategoryWrite write = new CategoryWrite(parent, !group.deleted(), null, null, settings.storeIds(),
        Map.of(settings.language(), new CategoryDescription(name, null, name, null, null)), null);
    if (Hashes.ofJson(write).equals(link.hash())) return List.of();
    if (group.deleted()) {
      return List.of(new PlanItem(PlanItem.CATEGORY, PlanItem.DISABLE, group.id(), name, "status", "true", "false"));
    }
    return List.of(new PlanItem(PlanItem.CATEGORY, PlanItem.UPDATE, group.id(), name, "data", null, name));
  }

  Future<List<Entity>> products(List<Product> records) {
    Map<String, Product> byId = new LinkedHashMap<>();
    Set<String> pictures = new LinkedHashSet<>();
    for (Product p : records) {
      byId.remove(p.productId());
      byId.put(p.productId(), p);
      pictures.addAll(p.pictures());
    }
    return store.products(new ArrayList<>(byId.keySet())).compose(states -> (pictures.isEmpty()
        ? Future.succeededFuture(Map.<String, String>of()) : store.picturesBySource(new ArrayList<>(pictures)))
        .map(paths -> {
          List<Entity> out = new ArrayList<>();
          Set<String> newPictures = new LinkedHashSet<>();
          for (Product p : byId.values()) {
            Entity e = product(p, states.get(p.productId()), paths);
            if (e != null) out.add(e);
            if (!p.deleted()) p.pictures().stream().filter(s -> !paths.containsKey(s)).forEach(newPictures::add);
          }
          for (String picture : newPictures) {
            out.add(new Entity(List.of(new PlanItem(PlanItem.IMAGE, PlanItem.CREATE, picture, null, null, null, null)),
                false));
          }
          return out;
        }));
  }

  private Entity product(Product p, ProductState state, Map<String, String> paths) {
    boolean linked = state != null && state.linked();
    String name = ProductMapper.name(p);
    if (!linked) {
      if (p.deleted()) return null;
      return new Entity(List.of(new PlanItem(PlanItem.PRODUCT, PlanItem.CREATE, p.productId(), name, null, null, null)),
          false);
    }
    ProductWrite write = mapper.map(p, resolved(paths));
    String hash = Hashes.ofJson(write);
    boolean statusChanges = !Objects.equals(state.status(), write.status());
    if (hash.equals(state.dataHash()) && !statusChanges) return null;
    List<PlanItem> lines = new ArrayList<>();
    if (statusChanges) {
      lines.add(new PlanItem(PlanItem.PRODUCT, Boolean.FALSE.equals(write.status()) ? PlanItem.DISABLE : PlanItem.ENABLE,
          p.productId(), name, "status", String.valueOf(state.status()), String.valueOf(write.status())));
    }
    if (!hash.equals(state.dataHash())) {
      field(lines, p, name, "name", state.name(), name);
      field(lines, p, name, "sku", state.sku(), write.sku());
      field(lines, p, name, "model", state.model(), write.model());
      Map<String, String> now = FieldHashes.of(write, settings.language());
      if (state.fieldHashes() == null) {
        if (lines.size() == (statusChanges ? 1 : 0)) lines.add(line(p, name, "data", null, null));
      } else {
        now.forEach((field, h) -> {
          if (!h.equals(state.fieldHashes().get(field))) lines.add(line(p, name, field, null, shown(p, field)));
        });
      }
      if (lines.isEmpty()) lines.add(line(p, name, "data", null, null));
    }
    return new Entity(lines, p.deleted() && statusChanges);
  }

  private static void field(List<PlanItem> lines, Product p, String name, String field, String old, String now) {
    if (!Objects.equals(old, now)) lines.add(line(p, name, field, old, now));
  }

  private static PlanItem line(Product p, String name, String field, String old, String now) {
    return new PlanItem(PlanItem.PRODUCT, PlanItem.UPDATE, p.productId(), name, field, old, now);
  }

  /** The new value of a hashed field as far as it is shown (texts clipped). */
  private static String shown(Product p, String field) {
    return switch (field) {
      case FieldHashes.DESCRIPTION -> ProductMapper.clip(p.description(), 200);
      case FieldHashes.CATEGORIES -> String.join(", ", p.groupIds());
      case FieldHashes.PICTURES -> String.join(", ", p.pictures());
      case FieldHashes.EAN -> p.barcode();
      case FieldHashes.WEIGHT -> p.requisites().get("Вес");
      default -> null;
    };
  }

  private ProductMapper.Resolved resolved(Map<String, String> paths) {
    return new ProductMapper.Resolved() {
      public Long categoryId(String groupId) { return id(categories.get(groupId)); }
      public Long manufacturerId(String name) { return id(manufacturers.get(ShopDictionaries.key(name))); }
      public Long attributeId(String propertyId) { return id(attributes.get(propertyId)); }
      public String imagePath(String source) { return paths.get(source); }
    };
  }

  private static Long id(CatalogStore.Link link) {
    return link == null ? null : link.ocId();
  }

  /** Offers whose price or quantity differs from what the last file said (as {@link CatalogStore#stageOffers}). */
  Future<List<Entity>> offers(List<OfferRow> rows) {
    List<String> ids = rows.stream().map(OfferRow::offerId).distinct().toList();
    List<String> productIds = rows.stream().map(OfferRow::productId).distinct().toList();
    return store.offerStates(ids).compose(states -> store.products(productIds).map(products -> {
      List<Entity> out = new ArrayList<>();
      for (OfferRow row : rows) {
        CatalogStore.OfferState s = states.get(row.offerId());
        if (s != null && s.dataVersion() != null && s.dataVersion() > version) continue; // older than the shop's
        ProductState product = products.get(row.productId());
        boolean simple = row.characteristicId() == null;
        BigDecimal oldPrice = simple && product != null ? product.price() : s == null ? null : s.price();
        BigDecimal oldQuantity = simple && product != null ? product.quantity() : s == null ? null : s.quantity();
        List<PlanItem> lines = new ArrayList<>();
        String action = s == null ? PlanItem.CREATE : PlanItem.UPDATE;
        if (row.price() != null && (s == null || differs(row.price(), s.filePrice() != null ? s.filePrice() : s.price()))) {
          lines.add(offerLine(row, action, "price", oldPrice, row.price()));
        }
        if (row.quantity() != null
            && (s == null || differs(row.quantity(), s.fileQuantity() != null ? s.fileQuantity() : s.quantity()))) {
          lines.add(offerLine(row, action, "quantity", oldQuantity, row.quantity()));
        }
        if (!lines.isEmpty()) out.add(new Entity(lines, false));
      }
      return out;
    }));
  }

  private static boolean differs(BigDecimal a, BigDecimal b) {
    return b == null || a.compareTo(b) != 0;
  }

  private static PlanItem offerLine(OfferRow row, String action, String field, BigDecimal old, BigDecimal now) {
    return new PlanItem(PlanItem.OFFER, action, row.offerId(), row.name(), field, number(old), number(now));
  }

  private static String number(BigDecimal n) {
    return n == null ? null : n.stripTrailingZeros().toPlainString();
  }
}
