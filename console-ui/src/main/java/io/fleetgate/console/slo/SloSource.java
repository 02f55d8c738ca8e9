package io.fleetgate.console.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where the SLO view reads SLOs and their trends from (the platform's API); may block. */
public interface SloSource {

  /** Every SLO, riskiest first. */
  Report slos();

  /**
   * An SLO's snapshots between two times, oldest first per cluster, at most {@code points} per
   * cluster.
   */
  List<Point> history(String service, String slo, Instant from, Instant to, int points);

  /**
   * @param problems problems of the SLO specs, each "file:line: field: why"
   */
  record Report(Instant at, List<Slo> slos, List<String> problems) {
    public Report {
      slos = List.copyOf(slos);
      problems = List.copyOf(problems);
    }
  }

  /**
   * @param window e.g. {@code 28d rolling}
   * @param fleetBudgetRemaining the share of the budget left fleet-wide, negative once overspent;
   *     null when unknown
   */
  record Slo(
      String service,
      String name,
      String description,
      double target,
      String window,
      Double fleetErrorRatio,
      Double fleetBudgetRemaining,
      List<Alert> alerts,
      List<ClusterFigures> clusters) {
    public Slo {
      alerts = List.copyOf(alerts);
      clusters = List.copyOf(clusters);
    }
  }

  /** A burn-rate alert condition: {@code factor}× the budget over both windows. */
  record Alert(String severity, double factor, String longWindow, String shortWindow) {}

  /** One SLO on one cluster. */
  record ClusterFigures(String cluster, Figures figures) {}

  /** What one cluster's Prometheus said, or why it could not be read. */
  sealed interface Figures permits Known, Unknown {}

  /**
   * @param burnRates by window, e.g. {@code 1h} → 2.5
   * @param exhaustionSeconds how long the budget lasts at the 1-hour burn rate; null when not
   *     burning or already spent
   * @param firing the severities of its alerts firing now
   */
  record Known(
      double errorRatio,
      double budgetRemaining,
      Map<String, Double> burnRates,
      Long exhaustionSeconds,
      List<String> firing)
      implements Figures {
    public Known {
      burnRates = Map.copyOf(burnRates);
      firing = List.copyOf(firing);
    }
  }

  /**
   * @param lastKnown the figures last read for it, stale; null when it was never read
   */
  record Unknown(String reason, LastKnown lastKnown) implements Figures {
    public Unknown(String reason) {
      this(reason, null);
    }
  }

  /** What was read at {@code at} for an SLO that is unknown now; figures may be null. */
  record LastKnown(Instant at, Double budgetRemaining, Map<String, Double> burnRates) {
    public LastKnown {
      burnRates = Map.copyOf(burnRates);
    }
  }

  /** One snapshot of an SLO on one cluster; the figures are null when it was unknown. */
  record Point(
      Instant at,
      String cluster,
      boolean known,
      Double budgetRemaining,
      Double burn1h,
      Double burn6h,
      Double burn3d) {}
}
