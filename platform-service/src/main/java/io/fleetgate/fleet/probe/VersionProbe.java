package io.fleetgate.fleet.probe;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.fleet.ClusterProbe;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeException;

/** Probes a cluster by reading {@code /version} with its kubeconfig. */
public final class VersionProbe implements ClusterProbe {

  private final KubeClients clients;

  public VersionProbe(KubeClients clients) {
    this.clients = clients;
  }

  @Override
  public Result probe(ClusterAccess access) {
    try {
      return Result.answered(clients.api(access.kubeconfig()).serverVersion());
    } catch (KubeException e) {
      return Result.unreachable(e.getMessage());
    }
  }
}
