package io.fleetgate.domain;

import java.util.Map;

/**
 * One YAML document of a spec file.
 *
 * @param object the document as a map
 * @param location the file and the line the document starts on
 * @param lines each field's line by path ({@code spec.objectives[0].target})
 */
public record SpecDocument(
    Map<String, Object> object, SourceLocation location, Map<String, Integer> lines) {

  /**
   * The value at a path ({@code spec.waves[0].name}), or null when any step is missing or not a map
   * or list.
   */
  public Object value(String path) {
    Object at = object;
    for (String step : path.split("\\.")) {
      int bracket = step.indexOf('[');
      String key = bracket < 0 ? step : step.substring(0, bracket);
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(key);
      while (bracket >= 0) {
        int close = step.indexOf(']', bracket);
        int index = Integer.parseInt(step.substring(bracket + 1, close));
        if (!(at instanceof java.util.List<?> list) || index >= list.size()) {
          return null;
        }
        at = list.get(index);
        bracket = step.indexOf('[', close);
      }
    }
    return at;
  }

  /** Where a field is written: its own line, else its closest written parent's. */
  public SourceLocation at(String field) {
    String path = field;
    while (!path.isEmpty()) {
      Integer line = lines.get(path);
      if (line != null) {
        return new SourceLocation(location.path(), line);
      }
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      path = cut < 0 ? "" : path.substring(0, cut);
    }
    return location;
  }
}
