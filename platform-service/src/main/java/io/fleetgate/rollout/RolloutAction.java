package io.fleetgate.rollout;

/** What the engine asks the executor to do to a cluster. */
public sealed interface RolloutAction {

  String cluster();

  /** Bring the cluster to the target, at most this many nodes down at once. */
  record Patch(String cluster, RolloutTarget target, int maxUnavailableNodes)
      implements RolloutAction {}

  /** Put the cluster back on what its Cluster API objects declared before the rollout. */
  record Restore(String cluster, RolloutTarget previous) implements RolloutAction {}
}
