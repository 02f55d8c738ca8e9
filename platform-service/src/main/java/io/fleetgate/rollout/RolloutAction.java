package io.fleetgate.rollout;

/** What the engine asks the executor to do to a cluster. */
public sealed interface RolloutAction {

  String cluster();

  /** Bring the cluster to the target, at most this many nodes down at once. */
  record Patch(String cluster, RolloutTarget target, int maxUnavailableNodes)
      implements RolloutAction {}

  /** Put the cluster back on the version it had before the rollout. */
  record Restore(String cluster, String version) implements RolloutAction {}
}
