package io.fleetgate.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of one SLO on one cluster at one time: its figures, or why they are unknown. An
 * unknown SLO is never shown as healthy or as spent.
 */
public sealed interface SloReading {

  Slo slo();

  String cluster();

  Instant at();

  /**
   * The SLO's figures.
   *
   * @param errorRatio the error ratio over the SLO's window so far
   * @param budgetRemaining the share of the error budget left (negative once overspent)
   * @param burnRates the burn rate over each window the rules record (error ratio ÷ budget)
   * @param exhaustion how long the budget lasts at the 1-hour burn rate; empty when it is not
   *     burning or already spent
   * @param bad bad events over the window (event indicators judged by occurrences; NaN otherwise),
   *     for the roll-up across clusters
   * @param total all events over the window (as {@code bad})
   * @param firing the severities of the SLO's alerts firing now
   */
  record Known(
      Slo slo,
      String cluster,
      Instant at,
      double errorRatio,
      double budgetRemaining,
      Map<Window, Double> burnRates,
      Optional<Duration> exhaustion,
      double bad,
      double total,
      java.util.Set<String> firing)
      implements SloReading {
    public Known {
      burnRates = Map.copyOf(burnRates);
      firing = java.util.Set.copyOf(firing);
    }
  }

  /** Why nothing is known: the Prometheus is unreachable or slow, or it has no series for it. */
  record Unknown(Slo slo, String cluster, Instant at, String reason) implements SloReading {}
}
