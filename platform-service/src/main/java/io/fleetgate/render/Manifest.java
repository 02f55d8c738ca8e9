package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.util.Map;

/** One YAML document of a manifest file and the line it starts on. */
record Manifest(Map<String, Object> object, SourceLocation location) {

  @SuppressWarnings("unchecked")
  Map<String, Object> metadata() {
    Object metadata = object.get("metadata");
    return metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  String string(String key) {
    Object value = object.get(key);
    return value instanceof String s ? s : null;
  }
}
