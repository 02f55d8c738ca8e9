package io.fleetgate.slo;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.domain.SpecDocument;
import io.fleetgate.domain.SpecFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one SLO spec document's fields by path ({@code spec.objectives[0].target}), with
 * the SLO-specific ones — label maps, windows, queries; each missing or mistyped field adds an
 * {@link SloProblem} naming the field and its line.
 */
final class Fields extends SpecFields {

  Fields(SpecDocument document, List<SloProblem> problems) {
    super(document, sink(problems));
  }

  private static Problems sink(List<SloProblem> problems) {
    return new Problems() {
      @Override
      public void add(SourceLocation at, String field, String message) {
        problems.add(new SloProblem(at, field, message));
      }

      @Override
      public int count() {
        return problems.size();
      }
    };
  }

  /** A map of string values (labels, annotations); empty when missing. */
  Map<String, String> strings(String field) {
    Object value = get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problem(field, "must be a map of strings");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key) || !Labels.NAME.matcher(key).matches()) {
        problem(
            field + "." + e.getKey(),
            "is not a Prometheus label name (letters, digits and _, not starting with a digit)");
      } else if (e.getValue() == null
          || e.getValue() instanceof Map
          || e.getValue() instanceof List) {
        problem(field + "." + key, "must be a string");
      } else {
        out.put(key, e.getValue().toString());
      }
    }
    return out;
  }

  Window window(String field, boolean required) {
    String text = string(field, required);
    if (text == null) {
      return null;
    }
    try {
      return Window.parse(text);
    } catch (IllegalArgumentException e) {
      problem(field, e.getMessage());
      return null;
    }
  }

  /** A query of counted events ({@link Query#of}), or of a value when {@code counter} is false. */
  Query query(String field, boolean counter) {
    String text = string(field, true);
    if (text == null) {
      return null;
    }
    try {
      return counter ? Query.of(text) : Query.value(text);
    } catch (IllegalArgumentException e) {
      problem(field, e.getMessage());
      return null;
    }
  }
}
