package io.fleetgate.rollout.run;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.rollout.RolloutTarget;

/**
 * The versions a cluster's Cluster API objects declare for its nodes, read and written on the
 * management cluster. Implementations never throw for a cluster they cannot read or write: they say
 * why.
 */
public interface ClusterLevels {

  /** What the cluster declares now for the parts {@code parts} names (only those). */
  Declared read(ClusterTarget cluster, RolloutTarget parts);

  /**
   * Declares {@code levels} (the parts it names) for the cluster's nodes, at most {@code
   * maxUnavailableNodes} of them down at a time while they change.
   */
  Written write(ClusterTarget cluster, RolloutTarget levels, int maxUnavailableNodes);

  /** What a read gave. */
  sealed interface Declared {

    /** The parts asked for, as declared. */
    record Read(RolloutTarget levels) implements Declared {}

    /** Why they cannot be read (no such object, a part the cluster cannot declare). */
    record Unreadable(String reason) implements Declared {}
  }

  /** What a write gave. */
  sealed interface Written {

    /** The objects declare the levels now. */
    record Applied() implements Written {}

    /**
     * Another tool applies these fields (a GitOps controller owning the Cluster objects): Fleetgate
     * does not fight it.
     */
    record Conflict(String reason) implements Written {}

    /** The server refused, or could not be reached. */
    record Failed(String reason) implements Written {}
  }
}
