package io.fleetgate.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one cluster of a rollout stands.
 *
 * @param previous what its Cluster API objects declared before the rollout changed them, for a roll
 *     back
 * @param since when it entered this status
 */
public record ClusterStep(
    Status status, Optional<RolloutTarget> previous, Instant since, String reason) {

  /** The closed set of a cluster's statuses in a rollout. */
  public enum Status {
    PATCHING,
    DONE,
    FAILED,
    RESTORING,
    RESTORED
  }

  static ClusterStep patching(Optional<RolloutTarget> previous, Instant now) {
    return new ClusterStep(Status.PATCHING, previous, now, "");
  }

  ClusterStep to(Status next, Instant now, String why) {
    return new ClusterStep(next, previous, now, why);
  }
}
