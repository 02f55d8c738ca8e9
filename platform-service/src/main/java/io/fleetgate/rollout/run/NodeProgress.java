package io.fleetgate.rollout.run;

import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeReadiness;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.rollout.ClusterProgress;
import io.fleetgate.rollout.RolloutTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cluster's progress towards the levels it is being brought to, from its nodes: how many are on
 * them and Ready, and whether one has failed — on the new levels but not Ready for longer than the
 * node timeout, which is how a node that does not come back after its reboot shows.
 *
 * @param progress what the engine is told
 * @param byLevel node counts by {@code kubelet · kernel · OS image}
 */
public record NodeProgress(ClusterProgress progress, Map<String, Integer> byLevel) {

  public NodeProgress {
    byLevel = java.util.Collections.unmodifiableMap(new TreeMap<>(byLevel));
  }

  /**
   * @param expected the levels the cluster is being brought to (the target, or while rolling back
   *     what it declared before)
   * @param declared what its Cluster API objects declare now, for the parts the target names
   * @param writeFailure why writing its levels failed on the latest step, when it did
   * @param changedAt when Fleetgate began changing the cluster's levels: no node is stuck from
   *     before it, however long ago its Ready condition changed (or however far the API server's
   *     clock is from Fleetgate's)
   */
  public static NodeProgress of(
      NodeListing.Listed listing,
      RolloutTarget expected,
      Optional<RolloutTarget> declared,
      Optional<String> writeFailure,
      Instant changedAt,
      Duration nodeTimeout,
      Instant now) {
    PatchTarget target = patchTarget(expected);
    int upToDate = 0;
    int ready = 0;
    Optional<String> failure = writeFailure;
    Map<String, Integer> byLevel = new TreeMap<>();
    for (NodePatchLevel node : listing.nodes()) {
      byLevel.merge(level(node), 1, Integer::sum);
      boolean isReady = node.ready() == NodeReadiness.READY;
      ready += isReady ? 1 : 0;
      upToDate += target.upToDate(node) ? 1 : 0;
      if (failure.isEmpty() && !isReady && onLevels(node, target)) {
        failure = stuck(node, changedAt, nodeTimeout, now);
      }
    }
    return new NodeProgress(
        new ClusterProgress(
            listing.cluster(), listing.nodes().size(), upToDate, ready, failure, declared),
        byLevel);
  }

  /** The node's levels as the board groups them. */
  public static String level(NodePatchLevel node) {
    return node.kubeletVersion() + " · " + node.kernelVersion() + " · " + node.osImage();
  }

  static PatchTarget patchTarget(RolloutTarget target) {
    return new PatchTarget(
        target.kubernetesVersion().orElse(null),
        target.kernelVersion().orElse(null),
        target.osImage().orElse(null));
  }

  /** Whether the node reports every part of the target, Ready or not. */
  private static boolean onLevels(NodePatchLevel node, PatchTarget target) {
    NodePatchLevel asIfReady =
        new NodePatchLevel(
            node.cluster(),
            node.node(),
            node.kubeletVersion(),
            node.kernelVersion(),
            node.osImage(),
            node.containerRuntimeVersion(),
            NodeReadiness.READY,
            node.schedulable());
    return target.upToDate(asIfReady);
  }

  private static Optional<String> stuck(
      NodePatchLevel node, Instant changedAt, Duration timeout, Instant now) {
    if (node.readySince().isEmpty()) {
      return Optional.empty();
    }
    Instant since = node.readySince().get();
    Instant from = since.isAfter(changedAt) ? since : changedAt;
    if (Duration.between(from, now).compareTo(timeout) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "node "
            + node.node()
            + " has its new versions but has not been Ready since "
            + since
            + " (more than "
            + io.fleetgate.rollout.Durations.format(timeout)
            + ")");
  }
}
