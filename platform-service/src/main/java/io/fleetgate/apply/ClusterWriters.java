package io.fleetgate.apply;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.Revision;

/** Opens the writer of a discovered cluster. */
@FunctionalInterface
public interface ClusterWriters {

  /**
   * @param dryRun every write is a server-side dry run and nothing is deleted
   * @throws UnusableKubeconfigException when the kubeconfig is malformed or refused
   */
  ClusterWriter forCluster(ClusterAccess access, boolean dryRun);

  /**
   * The writer of one reconcile of {@code revision}: writers that publish what they write (the Argo
   * CD driver's rendered tree) name the source commit; the others need not know it.
   */
  default ClusterWriter forCluster(ClusterAccess access, boolean dryRun, Revision revision) {
    return forCluster(access, dryRun);
  }

  /**
   * Closes what is open to the cluster — a reconcile cut off at its deadline is given up — so that
   * every call still waiting on it fails now, and the next writer opens afresh. Writers that keep
   * nothing open between calls have nothing to close.
   */
  default void disconnect(ClusterAccess access) {}
}
