package io.fleetgate.kube;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.Kubeconfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One API client per cluster — its connection pool, TLS sessions and discovery cache — kept between
 * syncs while the cluster's kubeconfig stays the same, and replaced when it changes. Everything
 * that talks to a workload cluster during a sync (writer, health, reports) shares it.
 */
public final class ClusterConnections {

  private final KubeClients clients;
  private final Map<String, Open> open = new ConcurrentHashMap<>();

  /** An open client and the kubeconfig it was built from. */
  private record Open(Kubeconfig kubeconfig, ClusterApi api) {}

  public ClusterConnections(KubeClients clients) {
    this.clients = clients;
  }

  /**
   * The cluster's client, opened now when none is open for this kubeconfig.
   *
   * @throws KubeException when the kubeconfig cannot be used; nothing is kept for the cluster then
   */
  public ClusterApi api(ClusterAccess access) {
    String key = access.target().qualifiedName();
    Open known = open.get(key);
    if (known != null && known.kubeconfig().equals(access.kubeconfig())) {
      return known.api();
    }
    try {
      ClusterApi api = clients.api(access.kubeconfig());
      open.put(key, new Open(access.kubeconfig(), api));
      return api;
    } catch (KubeException e) {
      open.remove(key);
      throw e;
    }
  }

  /**
   * Cancels every call in flight to the cluster, closes its connections and forgets its client: a
   * call blocked on a server that stopped answering fails now, and the next {@link #api} opens a
   * new client.
   */
  public void close(ClusterAccess access) {
    Open known = open.remove(access.target().qualifiedName());
    if (known != null) {
      known.api().close();
    }
  }
}
