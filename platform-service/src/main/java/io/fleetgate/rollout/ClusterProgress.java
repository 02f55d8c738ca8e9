package io.fleetgate.rollout;

import java.util.Optional;

/**
 * What one cluster shows now, read from its Cluster API objects and its Nodes.
 *
 * @param cluster the cluster's namespace/name
 * @param nodes how many nodes it has
 * @param upToDate nodes whose versions are the rollout's target
 * @param ready nodes that are Ready
 * @param failure why the cluster's patch cannot finish (a node that did not come back, Cluster API
 *     reporting a failed machine), when it cannot
 * @param declared what the cluster's Cluster API objects declare now for the parts the rollout's
 *     target names (read before the rollout's first change, and kept for a roll back); empty when
 *     they cannot be read
 */
public record ClusterProgress(
    String cluster,
    int nodes,
    int upToDate,
    int ready,
    Optional<String> failure,
    Optional<RolloutTarget> declared) {

  /** Every node on the target and Ready. */
  public boolean finished() {
    return nodes > 0 && upToDate == nodes && ready == nodes && failure.isEmpty();
  }

  /** The share of nodes Ready, 0–100. */
  public int readyPercent() {
    return nodes == 0 ? 0 : (int) Math.floor(100.0 * ready / nodes);
  }
}
