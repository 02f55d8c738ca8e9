package io.fleetgate.rollout;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import java.time.Duration;
import java.util.List;

/**
 * One step of a rollout: the clusters it reaches, how many of them at once, how many nodes of a
 * cluster may be down at once, how long it soaks once done, and the gates that hold it.
 *
 * @param clusters the clusters it reaches
 * @param maxParallel clusters patched at the same time (at least 1)
 * @param maxUnavailableNodes nodes of one cluster down at the same time (at least 1)
 * @param soak how long the wave is watched, its gates still asked, before the next wave starts
 */
public record Wave(
    String name,
    Clusters clusters,
    int maxParallel,
    int maxUnavailableNodes,
    Duration soak,
    List<Gate> gates,
    SourceLocation declaredAt) {

  public Wave {
    gates = List.copyOf(gates);
  }

  /**
   * Which clusters a wave reaches: those a selector picks (its own, or that of the fleet.yaml wave
   * of the same name), or those named.
   *
   * @param from where the selection is written: {@code clusterSelector}, {@code clusters} or {@code
   *     fleet.yaml spec.waves[name]}
   */
  public record Clusters(LabelSelector selector, List<String> names, String from) {
    public Clusters {
      names = List.copyOf(names);
    }

    public static Clusters selected(LabelSelector selector, String from) {
      return new Clusters(selector, List.of(), from);
    }

    static Clusters named(List<String> names) {
      return new Clusters(null, names, "clusters");
    }

    /** Whether the wave reaches a cluster of this name and these labels. */
    public boolean reaches(String cluster, java.util.Map<String, String> labels) {
      return selector == null ? names.contains(cluster) : selector.matches(labels);
    }
  }
}
