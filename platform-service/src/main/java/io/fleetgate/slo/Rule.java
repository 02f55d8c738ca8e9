package io.fleetgate.slo;

import java.util.Map;

/** One Prometheus rule. */
public sealed interface Rule {

  /** A recording rule: {@code record} is the series {@code expr} is kept as. */
  record Recording(String record, String expr, Map<String, String> labels) implements Rule {
    public Recording {
      labels = Map.copyOf(labels);
    }
  }

  /** An alerting rule; {@code after} is its {@code for}, null for at once. */
  record Alert(
      String alert,
      String expr,
      Window after,
      Map<String, String> labels,
      Map<String, String> annotations)
      implements Rule {
    public Alert {
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
    }
  }
}
