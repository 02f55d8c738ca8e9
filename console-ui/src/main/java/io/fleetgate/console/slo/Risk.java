package io.fleetgate.console.slo;

/** How an SLO or one of its clusters stands, worst first. */
public enum Risk {
  /** Its Prometheus could not be read: no figure to trust, neither good nor bad. */
  UNKNOWN,
  /** The budget is spent. */
  OVERSPENT,
  /** An alert fires, or the budget burns faster than it lasts the window. */
  BURNING,
  /** Within budget, no alert firing. */
  QUIET;

  /** The risk of one cluster's figures. */
  public static Risk of(SloSource.Figures figures) {
    return switch (figures) {
      case SloSource.Unknown u -> UNKNOWN;
      case SloSource.Known k when k.budgetRemaining() < 0 -> OVERSPENT;
      case SloSource.Known k
          when !k.firing().isEmpty() || k.burnRates().getOrDefault("1h", 0.0) > 1 ->
          BURNING;
      case SloSource.Known k -> QUIET;
    };
  }

  /** The worst of an SLO's clusters; unknown when it has none to read. */
  public static Risk of(SloSource.Slo slo) {
    return slo.clusters().stream().map(c -> of(c.figures())).min(Enum::compareTo).orElse(UNKNOWN);
  }
}
