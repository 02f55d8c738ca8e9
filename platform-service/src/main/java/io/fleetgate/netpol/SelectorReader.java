package io.fleetgate.netpol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a {@code LabelSelector} mapping. */
final class SelectorReader {

  private SelectorReader() {}

  /** The selector at {@code key}, or {@code null} when the key is absent. */
  static LabelSelector optional(Map<String, Object> parent, String key, String path) {
    return Fields.has(parent, key) ? read(Fields.map(parent, key, path), path) : null;
  }

  static LabelSelector read(Map<String, Object> selector, String path) {
    Map<String, String> labels = Fields.labels(selector, "matchLabels", path + ".matchLabels");
    List<LabelSelector.Requirement> requirements = new ArrayList<>();
    List<Object> expressions =
        Fields.list(selector, "matchExpressions", path + ".matchExpressions");
    for (int i = 0; i < expressions.size(); i++) {
      String at = path + ".matchExpressions[" + i + "]";
      Map<String, Object> expression = Fields.item(expressions.get(i), at);
      String key = Fields.string(expression, "key");
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(at + " needs a key");
      }
      Set<String> values = new LinkedHashSet<>();
      for (Object value : Fields.list(expression, "values", at + ".values")) {
        values.add(String.valueOf(value));
      }
      try {
        requirements.add(
            new LabelSelector.Requirement(
                key, LabelSelector.Operator.parse(expression.get("operator")), values));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
    }
    return new LabelSelector(labels, requirements);
  }
}
