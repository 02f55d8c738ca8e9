package io.fleetgate.apply.kube;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.apply.UnusableKubeconfigException;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a server-side-apply writer per cluster from its kubeconfig. Each cluster's API client — its
 * connection pool, TLS sessions and discovery cache — is kept between syncs while its kubeconfig
 * stays the same, and replaced when the kubeconfig changes.
 */
public final class KubeClusterWriters implements ClusterWriters {

  /** Requests each writer keeps in flight per cluster. */
  public static final int PARALLELISM = ServerSideApplyWriter.PARALLELISM;

  private final KubeClients clients;
  private final Map<String, Client> open = new ConcurrentHashMap<>();

  /** An open client and the kubeconfig it was built from. */
  private record Client(Kubeconfig kubeconfig, ClusterApi api) {}

  public KubeClusterWriters(KubeClients clients) {
    this.clients = clients;
  }

  @Override
  public ClusterWriter forCluster(ClusterAccess access, boolean dryRun) {
    return new ServerSideApplyWriter(api(access), access.target().name(), dryRun);
  }

  private ClusterApi api(ClusterAccess access) {
    String key = access.target().qualifiedName();
    Client known = open.get(key);
    if (known != null && known.kubeconfig().equals(access.kubeconfig())) {
      return known.api();
    }
    try {
      ClusterApi api = clients.api(access.kubeconfig());
      open.put(key, new Client(access.kubeconfig(), api));
      return api;
    } catch (KubeException e) {
      open.remove(key);
      throw new UnusableKubeconfigException(e.getMessage(), e);
    }
  }

  /** A writer over an API client already open (benchmarks, tools). */
  public static ClusterWriter over(ClusterApi api, String cluster) {
    return new ServerSideApplyWriter(api, cluster, false);
  }
}
