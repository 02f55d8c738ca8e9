package io.fleetgate.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast {@link NodeSimulator#upgrade} walks a cluster's nodes.
 *
 * @param perNode how long one node (or one batch) takes, draining and rebooting
 * @param nodesAtOnce how many nodes are upgraded together, 1 to 1000
 */
public record UpgradePace(Duration perNode, int nodesAtOnce) {

  public UpgradePace {
    Objects.requireNonNull(perNode, "perNode");
    if (perNode.isNegative()) {
      throw new SandboxException("A node's upgrade cannot take a negative time");
    }
    if (nodesAtOnce < 1 || nodesAtOnce > ClusterTopology.MOST_NODES) {
      throw new SandboxException(
          "Nodes are upgraded 1 to "
              + ClusterTopology.MOST_NODES
              + " at a time, not "
              + nodesAtOnce);
    }
  }
}
