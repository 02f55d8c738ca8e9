package io.fleetgate.slo;

import io.fleetgate.domain.SourceLocation;
import java.util.Map;

/**
 * One service level objective, whichever spec format it was written in.
 *
 * @param name the SLO's name, unique per service
 * @param service the service it is about
 * @param description what it promises, for people
 * @param target the objective as a ratio of good (0.999 for 99.9 %)
 * @param window the time it is judged over
 * @param budgeting how the budget is spent
 * @param indicator what is measured
 * @param alerting its burn-rate alerts
 * @param labels labels added to every rule and alert
 * @param declaredAt where the SLO is written
 */
public record Slo(
    String name,
    String service,
    String description,
    double target,
    SloWindow window,
    Budgeting budgeting,
    Indicator indicator,
    Alerting alerting,
    Map<String, String> labels,
    SourceLocation declaredAt) {

  public Slo {
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("an SLO's target must be between 0 and 1, exclusive");
    }
    labels = Map.copyOf(labels);
  }

  /** The share of events (or slices) that may be bad: 1 − target. */
  public double errorBudget() {
    return 1 - target;
  }

  /** {@code payment-gateway/payment-gateway-availability}. */
  public String id() {
    return service + "/" + name;
  }
}
