package io.fleetgate.api;

import java.time.Instant;
import java.util.List;

/**
 * The fleet at one moment.
 *
 * @param takenAt when the snapshot was taken
 * @param clusters every workload cluster, sorted by provider, region and name
 * @param problems sentences about clusters that are declared but cannot be used
 */
public record FleetSnapshot(Instant takenAt, List<ClusterSummary> clusters, List<String> problems) {

  public FleetSnapshot {
    clusters = List.copyOf(clusters);
    problems = List.copyOf(problems);
  }

  /** How many clusters answered their probe. */
  public long reachableCount() {
    return clusters.stream().filter(ClusterSummary::reachable).count();
  }
}
