package io.fleetgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SLOs as the API answers them: every SLO's budget and burn rates on each cluster that judges it,
 * from that cluster's Prometheus, rolled up across clusters, and each SLO's trend from the
 * platform's snapshots.
 */
public final class SloStatus {

  private SloStatus() {}

  /**
   * One evaluation of every SLO.
   *
   * @param at when the figures were read
   * @param slos riskiest first (unknown everywhere, then the least budget left on any cluster)
   * @param problems problems of the SLO specs at the synced revision, each "file:line: field: why"
   */
  public record Report(Instant at, List<SloView> slos, List<String> problems) {}

  /**
   * One SLO.
   *
   * @param window {@code 28d rolling} or a calendar window's description
   * @param fleetErrorRatio the error ratio of every known cluster's events together (null when
   *     unknown or not counted in events)
   * @param fleetBudgetRemaining the budget left fleet-wide (null as {@code fleetErrorRatio})
   * @param alerts the burn-rate conditions its alerts fire on, for drawing thresholds
   */
  public record SloView(
      String service,
      String name,
      String description,
      double target,
      String window,
      Double fleetErrorRatio,
      Double fleetBudgetRemaining,
      List<AlertView> alerts,
      List<ClusterView> clusters) {}

  /** One burn-rate alert condition: {@code factor}× the budget over both windows. */
  public record AlertView(String severity, double factor, String longWindow, String shortWindow) {}

  /**
   * One SLO on one cluster.
   *
   * @param state {@code known} or {@code unknown}
   * @param burnRates the burn rate over each recorded window ({@code 1h} → 2.5)
   * @param exhaustionSeconds how long the budget lasts at the 1-hour burn rate; null when not
   *     burning or already spent
   * @param firing the severities of its alerts firing now
   * @param reason why it is unknown; null when known
   * @param lastKnown when it is unknown, the figures last read for it (since the platform started,
   *     or from its snapshots); null when known or never read
   */
  public record ClusterView(
      String cluster,
      String state,
      Double errorRatio,
      Double budgetRemaining,
      Map<String, Double> burnRates,
      Long exhaustionSeconds,
      List<String> firing,
      String reason,
      LastKnown lastKnown) {}

  /**
   * The stale figures of an SLO that is unknown now: what was read at {@code at}, shown beside
   * "unknown", never in its place.
   */
  public record LastKnown(
      Instant at, Double errorRatio, Double budgetRemaining, Map<String, Double> burnRates) {}

  /**
   * One snapshot of an SLO on one cluster.
   *
   * @param state {@code known} or {@code unknown}
   */
  public record Point(
      Instant at,
      String cluster,
      String state,
      Double errorRatio,
      Double budgetRemaining,
      Double burn1h,
      Double burn6h,
      Double burn3d) {}

  /** A trend: the snapshots between two times, thinned to at most the points asked for. */
  public record History(String service, String slo, List<Point> points) {}
}
