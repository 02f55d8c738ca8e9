package io.fleetgate.kube;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.fleet.ClusterProbe;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;

/** Probes a cluster by reading {@code /version} with its kubeconfig. */
public final class VersionProbe implements ClusterProbe {

  private final KubeClients clients;

  public VersionProbe(KubeClients clients) {
    this.clients = clients;
  }

  @Override
  public Result probe(ClusterAccess access) {
    try {
      return Result.answered(
          new VersionApi(clients.connect(access.kubeconfig())).getCode().execute().getGitVersion());
    } catch (ApiException e) {
      String cause = e.getCode() == 0 ? rootMessage(e) : "HTTP " + e.getCode();
      return Result.unreachable(
          "The API server of " + access.target().name() + " did not answer: " + cause);
    } catch (KubeException e) {
      return Result.unreachable(e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
