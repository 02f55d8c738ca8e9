package io.fleetgate.cluster;

import io.fleetgate.domain.ClusterAccess;
import java.util.List;

/** Discovers the workload clusters of a fleet and the credentials that reach them. */
public interface ClusterDirectory {

  /**
   * Lists every workload cluster as it is now. A cluster whose credentials cannot be read is still
   * listed in {@link #problems()} of the same call, never silently dropped.
   */
  Discovery discover();

  /**
   * The outcome of one discovery.
   *
   * @param clusters the clusters that can be reached, sorted by namespace and name
   * @param problems one sentence per cluster that is declared but cannot be used, and why
   */
  record Discovery(List<ClusterAccess> clusters, List<String> problems) {
    public Discovery {
      clusters = List.copyOf(clusters);
      problems = List.copyOf(problems);
    }
  }
}
