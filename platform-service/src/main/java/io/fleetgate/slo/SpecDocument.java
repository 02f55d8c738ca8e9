package io.fleetgate.slo;

import io.fleetgate.domain.SourceLocation;
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
