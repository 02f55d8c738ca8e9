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
}
