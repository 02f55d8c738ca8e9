package io.fleetgate.app;

import io.fleetgate.api.FleetView;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.fleet.LiveFleetView;
import io.fleetgate.fleet.probe.VersionProbe;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the platform's parts together for one management cluster. */
public final class Platform {

  private final FleetView fleetView;

  private Platform(FleetView fleetView) {
    this.fleetView = fleetView;
  }

  /**
   * A platform running in this JVM against the management cluster the kubeconfig reaches.
   *
   * @throws IllegalArgumentException when the kubeconfig cannot be read or is refused
   */
  public static Platform embedded(Path managementKubeconfig) {
    KubeClients clients = new KubeClients(KubeconfigPolicy.strict());
    String content;
    try {
      content = Files.readString(managementKubeconfig);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the management kubeconfig " + managementKubeconfig + ": " + e.getMessage(),
          e);
    }
    ClusterApi management =
        new KubeClients(KubeconfigPolicy.operatorFile())
            .api(new Kubeconfig(managementKubeconfig.toString(), content));
    return new Platform(
        new LiveFleetView(
            new CapiClusterDirectory(management), new VersionProbe(clients), Clock.systemUTC()));
  }

  /** The management kubeconfig of the default sandbox fleet ({@code fleetgate sandbox up}). */
  public static Path defaultSandboxKubeconfig() {
    return new SandboxLayout(SandboxLayout.defaultRoot()).managementKubeconfig();
  }

  public FleetView fleetView() {
    return fleetView;
  }
}
