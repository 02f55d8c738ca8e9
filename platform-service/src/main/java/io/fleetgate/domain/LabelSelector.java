package io.fleetgate.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}), with the
 * semantics of {@code metav1.LabelSelector}: all terms must hold; an empty selector matches all.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** The selector that matches every set of labels. */
  public static LabelSelector everything() {
    return new LabelSelector(Map.of(), List.of());
  }

  public boolean matches(Map<String, String> labels) {
    return matchLabels.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
        && matchExpressions.stream().allMatch(r -> r.matches(labels));
  }

  /** One {@code matchExpressions} term. */
  public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      return switch (operator) {
        case IN -> labels.containsKey(key) && values.contains(labels.get(key));
        case NOT_IN -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case EXISTS -> labels.containsKey(key);
        case DOES_NOT_EXIST -> !labels.containsKey(key);
      };
    }
  }

  /** The operators of {@code matchExpressions}. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String spelling;

    Operator(String spelling) {
      this.spelling = spelling;
    }

    /** Parses Kubernetes' spelling ({@code NotIn}); empty for anything else. */
    public static java.util.Optional<Operator> parse(String value) {
      for (Operator op : values()) {
        if (op.spelling.equals(value)) {
          return java.util.Optional.of(op);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
