package io.fleetgate.slo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SLO across the clusters that report it: the error ratio weighted by each cluster's traffic,
 * and the worst cluster. Clusters whose figures are unknown are counted apart, never as healthy.
 *
 * @param slo the SLO
 * @param weighted the fleet-wide error ratio and budget left, when every known cluster counts
 *     events; empty otherwise
 * @param worst the known cluster with the least budget left
 * @param known the clusters with figures
 * @param unknown the clusters without, with why
 */
public record ServiceRollup(
    Slo slo,
    Optional<Figures> weighted,
    Optional<SloReading.Known> worst,
    List<SloReading.Known> known,
    List<SloReading.Unknown> unknown) {

  /** A fleet-wide error ratio and the share of the budget it leaves. */
  public record Figures(double errorRatio, double budgetRemaining) {}

  /** Whether anything is known of this SLO anywhere. */
  public boolean anyKnown() {
    return !known.isEmpty();
  }

  /** Rolls every SLO's readings up, riskiest first (least budget left; unknown ones first). */
  public static List<ServiceRollup> of(List<SloReading> readings) {
    Map<String, List<SloReading>> bySlo = new LinkedHashMap<>();
    for (SloReading reading : readings) {
      bySlo.computeIfAbsent(reading.slo().id(), k -> new ArrayList<>()).add(reading);
    }
    List<ServiceRollup> rollups = new ArrayList<>();
    for (List<SloReading> same : bySlo.values()) {
      rollups.add(rollup(same));
    }
    rollups.sort(Comparator.comparingDouble(ServiceRollup::risk).thenComparing(r -> r.slo().id()));
    return rollups;
  }

  private static ServiceRollup rollup(List<SloReading> readings) {
    List<SloReading.Known> known = new ArrayList<>();
    List<SloReading.Unknown> unknown = new ArrayList<>();
    for (SloReading reading : readings) {
      switch (reading) {
        case SloReading.Known k -> known.add(k);
        case SloReading.Unknown u -> unknown.add(u);
      }
    }
    Optional<SloReading.Known> worst =
        known.stream().min(Comparator.comparingDouble(SloReading.Known::budgetRemaining));
    double bad = 0;
    double total = 0;
    boolean counted = !known.isEmpty();
    for (SloReading.Known k : known) {
      counted &= Double.isFinite(k.bad()) && Double.isFinite(k.total());
      bad += k.bad();
      total += k.total();
    }
    Slo slo = readings.getFirst().slo();
    Optional<Figures> weighted =
        counted && total > 0
            ? Optional.of(new Figures(bad / total, 1 - (bad / total) / slo.errorBudget()))
            : Optional.empty();
    return new ServiceRollup(slo, weighted, worst, known, unknown);
  }

  /** Lower is riskier: unknown everywhere first, then by the worst cluster's budget left. */
  private double risk() {
    return worst.map(SloReading.Known::budgetRemaining).orElse(Double.NEGATIVE_INFINITY);
  }
}
