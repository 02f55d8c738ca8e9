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

  /**
   * How an SLO stands: overspent or burning when a known cluster is; otherwise unknown when a
   * cluster could not be read (it may be burning there); quiet only when every cluster is read and
   * quiet; unknown when it has no cluster to read.
   */
  public static Risk of(SloSource.Slo slo) {
    Risk known = known(slo);
    boolean anyUnknown =
        slo.clusters().isEmpty()
            || slo.clusters().stream().anyMatch(c -> c.figures() instanceof SloSource.Unknown);
    if (known == OVERSPENT || known == BURNING) {
      return known;
    }
    return anyUnknown ? UNKNOWN : QUIET;
  }

  /** The worst of the clusters that were read; unknown when none was. */
  public static Risk known(SloSource.Slo slo) {
    return slo.clusters().stream()
        .filter(c -> c.figures() instanceof SloSource.Known)
        .map(c -> of(c.figures()))
        .min(Enum::compareTo)
        .orElse(UNKNOWN);
  }
}
