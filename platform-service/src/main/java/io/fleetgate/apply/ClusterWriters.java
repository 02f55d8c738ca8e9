package io.fleetgate.apply;

import io.fleetgate.domain.ClusterAccess;

/** Opens the writer of a discovered cluster. */
@FunctionalInterface
public interface ClusterWriters {

  /**
   * @param dryRun every write is a server-side dry run and nothing is deleted
   * @throws UnusableKubeconfigException when the kubeconfig is malformed or refused
   */
  ClusterWriter forCluster(ClusterAccess access, boolean dryRun);

  /**
   * Closes what is open to the cluster — a reconcile cut off at its deadline is given up — so that
   * every call still waiting on it fails now, and the next writer opens afresh. Writers that keep
   * nothing open between calls have nothing to close.
   */
  default void disconnect(ClusterAccess access) {}
}
