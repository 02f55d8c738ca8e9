package io.fleetgate.netpol;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector: every {@code matchLabels} pair and every requirement must hold. The
 * empty selector selects everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** A selector of {@code matchLabels} only. */
  public static LabelSelector of(Map<String, String> matchLabels) {
    return new LabelSelector(matchLabels, List.of());
  }

  public boolean selectsEverything() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    for (Requirement requirement : matchExpressions) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The operators of {@code matchExpressions}. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String manifestName;

    Operator(String manifestName) {
      this.manifestName = manifestName;
    }

    public String manifestName() {
      return manifestName;
    }

    /**
     * @throws IllegalArgumentException naming the four operators
     */
    public static Operator parse(Object value) {
      for (Operator operator : values()) {
        if (operator.manifestName.equals(value)) {
          return operator;
        }
      }
      throw new IllegalArgumentException(
          "operator '" + value + "' is not In, NotIn, Exists or DoesNotExist");
    }
  }

  /**
   * One {@code matchExpressions} entry.
   *
   * @param values non-empty for In and NotIn, empty for Exists and DoesNotExist
   */
  public record Requirement(String key, Operator operator, Set<String> values) {

    public Requirement {
      values = Set.copyOf(values);
      boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
      if (needsValues == values.isEmpty()) {
        throw new IllegalArgumentException(
            "matchExpressions key '"
                + key
                + "' with operator "
                + operator.manifestName()
                + (needsValues ? " needs at least one value" : " takes no values"));
      }
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }
  }
}
