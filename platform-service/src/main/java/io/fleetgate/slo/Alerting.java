package io.fleetgate.slo;

import java.util.List;
import java.util.Map;

/**
 * An SLO's burn-rate alerts: one Prometheus alert per severity, firing when any of that severity's
 * conditions holds.
 *
 * @param name the alert's name
 * @param conditions the conditions; none when the SLO's alerts are disabled
 * @param labels labels of every alert
 * @param annotations annotations of every alert, besides Fleetgate's summary and description
 */
public record Alerting(
    String name,
    List<BurnRateAlert> conditions,
    Map<String, String> labels,
    Map<String, String> annotations) {

  /** The alert's name when a spec names none. */
  public static final String DEFAULT_NAME = "SloErrorBudgetBurn";

  public Alerting {
    conditions = List.copyOf(conditions);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  public static Alerting defaults() {
    return new Alerting(DEFAULT_NAME, BurnRateAlert.defaults(), Map.of(), Map.of());
  }
}
