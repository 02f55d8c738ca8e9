package io.fleetgate.domain;

import java.util.List;

/**
 * Typed reads of one spec document's fields by path ({@code spec.waves[0].name}); each missing or
 * mistyped field adds a problem, through the reader's sink, naming the field and its line.
 */
public class SpecFields {

  /** Where a reader's problems go, in the vocabulary of the spec being read. */
  public interface Problems {
    void add(SourceLocation at, String field, String message);

    /** How many problems there are so far. */
    int count();
  }

  private final SpecDocument document;
  private final Problems problems;
  private final int before;

  public SpecFields(SpecDocument document, Problems problems) {
    this.document = document;
    this.problems = problems;
    this.before = problems.count();
  }

  public SpecDocument document() {
    return document;
  }

  /** Whether a problem was added through this reader. */
  public boolean failed() {
    return problems.count() > before;
  }

  /** How many problems there are so far, for {@link #failedSince}. */
  public int mark() {
    return problems.count();
  }

  public boolean failedSince(int mark) {
    return problems.count() > mark;
  }

  public void problem(String field, String message) {
    problems.add(document.at(field), field, message);
  }

  public boolean has(String field) {
    return get(field) != null;
  }

  /** The value at the path, or null when any step is missing or not a map or list. */
  public Object get(String field) {
    return document.value(field);
  }

  public String string(String field, boolean required) {
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
  public double number(String field, boolean required) {
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

  public boolean bool(String field, boolean otherwise) {
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

  public List<?> list(String field, boolean required) {
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
}
