package com.ocbridge.commerceml;

import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.commerceml.model.Unit;
import com.ocbridge.commerceml.model.UnitRef;
import com.ocbridge.commerceml.model.Warehouse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionaries of one exchange: groups, properties with their value dictionaries, price types, warehouses
 * and units seen so far. The reader adds to it while reading and uses it to resolve references (property value
 * GUIDs, price type names, 3.x unit codes). Pass the same index to the reads of all files of one exchange so a
 * {@code goods} or {@code offers} file resolves against the classifier of an earlier file.
 *
 * <p>Not thread-safe: use it from one context at a time (reads of one exchange run one after another).
 * Its size is that of the classifier, not of the catalog: products and offers are never stored.
 */
public final class ClassifierIndex {
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Property> properties = new LinkedHashMap<>();
  /** value Ид → text over all dictionary properties; value GUIDs are unique across properties. */
  private final Map<String, String> valueTexts = new HashMap<>();
  private final Map<String, PriceType> priceTypes = new LinkedHashMap<>();
  private final Map<String, Warehouse> warehouses = new LinkedHashMap<>();
  private final Map<String, Unit> units = new LinkedHashMap<>();

  /** Remembers a dictionary record; other records are ignored. A later definition replaces an earlier one. */
  public void add(CmlRecord record) {
    if (record instanceof Group g) {
      groups.put(g.id(), g);
    } else if (record instanceof Property p) {
      properties.put(p.id(), p);
      valueTexts.putAll(p.values());
    } else if (record instanceof PriceType t) {
      priceTypes.put(t.id(), t);
    } else if (record instanceof Warehouse w) {
      warehouses.put(w.id(), w);
    } else if (record instanceof Unit u) {
      if (u.id() != null) {
        units.put(u.id(), u);
      }
      if (u.code() != null) {
        units.putIfAbsent(u.code(), u);
      }
    }
  }

  public Group group(String id) {
    return groups.get(id);
  }

  /** The group and its ancestors, root first; empty when the group is unknown. */
  public List<Group> groupPath(String id) {
    List<Group> path = new ArrayList<>();
    Group g = groups.get(id);
    while (g != null && path.size() < 100) {
      path.add(g);
      g = g.parentId() == null ? null : groups.get(g.parentId());
    }
    Collections.reverse(path);
    return path;
  }

  public Property property(String id) {
    return properties.get(id);
  }

  public PriceType priceType(String id) {
    return priceTypes.get(id);
  }

  public Warehouse warehouse(String id) {
    return warehouses.get(id);
  }

  /** A unit by Ид or code (trimmed). */
  public Unit unit(String idOrCode) {
    return idOrCode == null ? null : units.get(idOrCode);
  }

  public Map<String, Group> groups() {
    return Collections.unmodifiableMap(groups);
  }

  public Map<String, Property> properties() {
    return Collections.unmodifiableMap(properties);
  }

  public Map<String, PriceType> priceTypes() {
    return Collections.unmodifiableMap(priceTypes);
  }

  public Map<String, Warehouse> warehouses() {
    return Collections.unmodifiableMap(warehouses);
  }

  public Map<String, Unit> units() {
    return Collections.unmodifiableMap(units);
  }

  /**
   * Resolves one property value: a value GUID known from the property's dictionary (or any dictionary) becomes
   * its text; anything else (literals, unknown references) is kept as written.
   *
   * @param ownName the {@code Наименование} the value element itself carries (some offers files), or null
   */
  public PropertyValue resolve(String propertyId, String ownName, String raw) {
    Property p = propertyId == null ? null : properties.get(propertyId);
    String name = p != null && p.name() != null ? p.name() : ownName;
    if (raw != null) {
      String text = p != null ? p.values().get(raw) : null;
      if (text == null && looksLikeGuid(raw)) {
        // only GUIDs are unique across properties ("true"/"false" are value Ids of many properties)
        text = valueTexts.get(raw);
      }
      if (text != null) {
        return new PropertyValue(propertyId, name, raw, text, true);
      }
    }
    return new PropertyValue(propertyId, name, raw, raw, false);
  }

  private static boolean looksLikeGuid(String s) {
    return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
  }

  /**
   * Completes a unit reference: a 3.x bare code ("796") gets the names of the classifier unit; a 2.x unit with
   * names is returned unchanged.
   */
  public UnitRef resolveUnit(UnitRef ref) {
    if (ref == null || ref.code() == null || (ref.fullName() != null && ref.name() != null)) {
      return ref;
    }
    Unit u = units.get(ref.code());
    if (u == null) {
      return ref;
    }
    return new UnitRef(u.code() != null ? u.code() : ref.code(),
        ref.name() != null ? ref.name() : u.shortName(),
        ref.fullName() != null ? ref.fullName() : u.fullName(),
        ref.internationalAbbreviation() != null ? ref.internationalAbbreviation() : u.internationalAbbreviation());
  }
}
