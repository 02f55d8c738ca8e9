package io.fleetgate.netpol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a manifest's fields; a wrong type is an error naming the field's path. */
final class Fields {

  private Fields() {}

  /** The mapping at {@code key}, empty when absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(path + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  /** Whether the key is present with a non-null value. */
  static boolean has(Map<String, Object> parent, String key) {
    return parent.get(key) != null;
  }

  /** The list at {@code key}, empty when absent. */
  static List<Object> list(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(path + " must be a list");
    }
    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) list;
    return items;
  }

  /** A list item that must be a mapping. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> item(Object value, String path) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(path + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  static String string(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? null : String.valueOf(value);
  }

  /** A string-to-string mapping such as labels; scalar values are taken as their text. */
  static Map<String, String> labels(Map<String, Object> parent, String key, String path) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(parent, key, path).entrySet()) {
      if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
        throw new IllegalArgumentException(path + "." + e.getKey() + " must be a string");
      }
      labels.put(
          String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
    }
    return labels;
  }

  /** An integer field, or {@code null} when absent. */
  static Integer integer(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
      // JSON read from an API server: every number is a double.
      return d.intValue();
    }
    throw new IllegalArgumentException(path + " must be a whole number");
  }
}
