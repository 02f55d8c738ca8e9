package io.fleetgate.slo;

/** What an SLO measures, in PromQL. */
public sealed interface Indicator {

  /** The name of the indicator (OpenSLO SLI name, or the SLO's own when written inline). */
  String name();

  /**
   * Good or bad events out of all events (an OpenSLO {@code ratioMetric}, Sloth's {@code events}).
   * Exactly one of {@code good} and {@code bad} is given.
   */
  record EventRatio(String name, Query good, Query bad, Query total) implements Indicator {
    public EventRatio {
      if ((good == null) == (bad == null)) {
        throw new IllegalArgumentException("give exactly one of good and bad");
      }
    }
  }

  /** The error ratio itself (Sloth's {@code raw.error_ratio_query}). */
  record ErrorRatio(String name, Query errorRatio) implements Indicator {}

  /**
   * A value that must hold a bound in each time slice (an OpenSLO {@code thresholdMetric}, e.g. the
   * 99th percentile latency from a histogram).
   */
  record Threshold(String name, Query value, Comparison op, double bound) implements Indicator {}

  /** How a threshold indicator's value must compare with its bound for a slice to be good. */
  enum Comparison {
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">=");

    private final String promql;

    Comparison(String promql) {
      this.promql = promql;
    }

    public String promql() {
      return promql;
    }

    /** Reads OpenSLO's {@code lt}, {@code lte}, {@code gt}, {@code gte}. */
    public static Comparison of(String text) {
      for (Comparison c : values()) {
        if (c.name().equalsIgnoreCase(text)) {
          return c;
        }
      }
      throw new IllegalArgumentException("'" + text + "' is not one of lt, lte, gt, gte");
    }
  }
}
