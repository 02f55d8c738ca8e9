package io.fleetgate.slo;

import java.util.List;

/**
 * One condition of multiwindow multi-burn-rate alerting: fire when the error ratio over both the
 * long and the short window is above {@code factor} times the error budget.
 *
 * @param severity the {@code severity} label of the alert ({@code page}, {@code ticket}, …)
 * @param factor the burn rate: 1 spends exactly the budget over the SLO's window
 * @param longWindow the window that makes the alert significant
 * @param shortWindow the window that makes it reset quickly once the burn stops
 * @param after how long the condition must hold before the alert fires; null for at once
 * @param labels labels of this condition's alert besides the severity
 * @param annotations annotations of this condition's alert, over the alerting's shared ones
 */
public record BurnRateAlert(
    String severity,
    double factor,
    Window longWindow,
    Window shortWindow,
    Window after,
    java.util.Map<String, String> labels,
    java.util.Map<String, String> annotations) {

  public BurnRateAlert {
    labels = java.util.Map.copyOf(labels);
    annotations = java.util.Map.copyOf(annotations);
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("a burn rate must be a positive number");
    }
    if (shortWindow.compareTo(longWindow) > 0) {
      throw new IllegalArgumentException("the short window must not be longer than the long one");
    }
  }

  /** A condition whose alert has no annotations of its own. */
  public BurnRateAlert(
      String severity,
      double factor,
      Window longWindow,
      Window shortWindow,
      Window after,
      java.util.Map<String, String> labels) {
    this(severity, factor, longWindow, shortWindow, after, labels, java.util.Map.of());
  }

  /**
   * The defaults of the Google SRE workbook for a 30-day window: page at 14.4× over 1h and 5m, page
   * at 6× over 6h and 30m, ticket at 1× over 3d and 6h.
   */
  public static List<BurnRateAlert> defaults() {
    return List.of(
        new BurnRateAlert(
            "page", 14.4, Window.hours(1), Window.minutes(5), null, java.util.Map.of()),
        new BurnRateAlert("page", 6, Window.hours(6), Window.minutes(30), null, java.util.Map.of()),
        new BurnRateAlert("ticket", 1, Window.days(3), Window.hours(6), null, java.util.Map.of()));
  }

  /** A condition written with one lookback window: the short one is a twelfth of it. */
  public static BurnRateAlert withLookback(
      String severity, double factor, Window lookback, Window after) {
    return new BurnRateAlert(
        severity, factor, lookback, lookback.dividedBy(12), after, java.util.Map.of());
  }
}
