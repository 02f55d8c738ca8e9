package io.fleetgate.apply.kube;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.apply.UnusableKubeconfigException;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.ClusterConnections;
import io.fleetgate.kube.KubeException;

/**
 * Opens a server-side-apply writer per cluster over the cluster's kept connection ({@link
 * ClusterConnections}).
 */
public final class KubeClusterWriters implements ClusterWriters {

  /** Requests each writer keeps in flight per cluster. */
  public static final int PARALLELISM = ServerSideApplyWriter.PARALLELISM;

  private final ClusterConnections connections;

  public KubeClusterWriters(ClusterConnections connections) {
    this.connections = connections;
  }

  @Override
  public ClusterWriter forCluster(ClusterAccess access, boolean dryRun) {
    try {
      return new ServerSideApplyWriter(connections.api(access), access.target().name(), dryRun);
    } catch (KubeException e) {
      throw new UnusableKubeconfigException(e.getMessage(), e);
    }
  }

  @Override
  public void disconnect(ClusterAccess access) {
    connections.close(access);
  }

  /** A writer over an API client already open (benchmarks, tools). */
  public static ClusterWriter over(ClusterApi api, String cluster) {
    return new ServerSideApplyWriter(api, cluster, false);
  }
}
