package io.fleetgate.apply;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.kube.KubeClients;

/** Builds the applier for a discovered cluster from its kubeconfig. */
public final class ApplierFactory {

  private final KubeClients clients;
  private final Inventory inventory;

  public ApplierFactory(KubeClients clients, Inventory inventory) {
    this.clients = clients;
    this.inventory = inventory;
  }

  /**
   * @throws io.fleetgate.kube.KubeException when the kubeconfig is unusable or refused
   */
  public ClusterApplier forCluster(ClusterAccess access, boolean dryRun) {
    return new ClusterApplier(
        clients.api(access.kubeconfig()), inventory, access.target().name(), dryRun);
  }
}
