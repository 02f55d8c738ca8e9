package io.fleetgate.slo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one spec document's fields by path ({@code spec.objectives[0].target}); each
 * missing or mistyped field adds a problem naming the field and its line.
 */
final class Fields {

  private final SpecDocument document;
  private final List<SloProblem> problems;
  private final int before;

  Fields(SpecDocument document, List<SloProblem> problems) {
    this.document = document;
    this.problems = problems;
    this.before = problems.size();
  }

  SpecDocument document() {
    return document;
  }

  /** Whether a problem was added through this reader. */
  boolean failed() {
    return problems.size() > before;
  }

  /** How many problems there are so far, for {@link #failedSince}. */
  int mark() {
    return problems.size();
  }

  boolean failedSince(int mark) {
    return problems.size() > mark;
  }

  void problem(String field, String message) {
    problems.add(new SloProblem(document.at(field), field, message));
  }

  boolean has(String field) {
    return get(field) != null;
  }

  /** The value at the path, or null when any step is missing or not a map or list. */
  Object get(String field) {
    Object at = document.object();
    for (String step : field.split("\\.")) {
      int bracket = step.indexOf('[');
      String key = bracket < 0 ? step : step.substring(0, bracket);
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(key);
      while (bracket >= 0) {
        int close = step.indexOf(']', bracket);
        int index = Integer.parseInt(step.substring(bracket + 1, close));
        if (!(at instanceof List<?> list) || index >= list.size()) {
          return null;
        }
        at = list.get(index);
        bracket = step.indexOf('[', close);
      }
    }
    return at;
  }

  String string(String field, boolean required) {
    Object value = get(field);
    if (value == null) {
      if (required) {
        problem(field, "is required");
      }
      return null;
    }
    if (value instanceof String s && !s.isBlank()) {
      return s.strip();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    problem(field, "must be a non-empty string");
    return null;
  }

  /** A number; NaN (with a problem when required) when missing or not a number. */
  double number(String field, boolean required) {
    Object value = get(field);
    if (value == null) {
      if (required) {
        problem(field, "is required");
      }
      return Double.NaN;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        double d = Double.parseDouble(s.strip());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    problem(field, "must be a number, not '" + value + "'");
    return Double.NaN;
  }

  boolean bool(String field, boolean otherwise) {
    Object value = get(field);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    problem(field, "must be true or false");
    return otherwise;
  }

  List<?> list(String field, boolean required) {
    Object value = get(field);
    if (value == null) {
      if (required) {
        problem(field, "is required");
      }
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    problem(field, "must be a list");
    return List.of();
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
