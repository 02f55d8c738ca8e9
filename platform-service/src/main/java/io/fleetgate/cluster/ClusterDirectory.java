package io.fleetgate.cluster;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
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
   * @param unusable the clusters {@code problems} are about: declared, so they still exist, but
   *     without credentials that can be read
   */
  record Discovery(
      List<ClusterAccess> clusters, List<String> problems, List<ClusterTarget> unusable) {
    public Discovery {
      clusters = List.copyOf(clusters);
      problems = List.copyOf(problems);
      unusable = List.copyOf(unusable);
    }

    /** A discovery whose problems name no cluster. */
    public Discovery(List<ClusterAccess> clusters, List<String> problems) {
      this(clusters, problems, List.of());
    }
  }
}
