package io.fleetgate.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON Merge Patch (RFC 7386): mappings merge key by key, anything else replaces, null removes. */
final class MergePatch {

  private MergePatch() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(target);
    for (var entry : patch.entrySet()) {
      Object value = entry.getValue();
      if (value == null) {
        result.remove(entry.getKey());
      } else if (value instanceof Map<?, ?> patchMap
          && result.get(entry.getKey()) instanceof Map<?, ?> targetMap) {
        result.put(
            entry.getKey(), apply((Map<String, Object>) targetMap, (Map<String, Object>) patchMap));
      } else {
        result.put(entry.getKey(), value);
      }
    }
    return result;
  }
}
