package io.fleetgate.testing;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.sandbox.SandboxStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What a test sees of its sandbox fleet. */
public final class SandboxFleetHandle {

  private final SandboxFleet fleet;
  private final SandboxStatus status;

  SandboxFleetHandle(SandboxFleet fleet, SandboxStatus status) {
    this.fleet = fleet;
    this.status = status;
  }

  public SandboxFleet fleet() {
    return fleet;
  }

  public Path managementKubeconfig() {
    return fleet.layout().managementKubeconfig();
  }

  /** The workload clusters' names, in the fleet's order. */
  public List<String> workloadClusters() {
    return status.workloads().stream().map(SandboxStatus.MemberStatus::name).toList();
  }

  public ClusterApi management() {
    return fleet.api(SandboxLayout.MANAGEMENT);
  }

  public ClusterApi cluster(String name) {
    return fleet.api(name);
  }

  /**
   * Creates a namespace no other test uses, in the given cluster, and returns its name. Namespaces
   * are not deleted afterwards: without kube-controller-manager they would only stay Terminating.
   */
  public String freshNamespace(ClusterApi cluster, String purpose) {
    String base = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String name =
        (base.length() > 40 ? base.substring(0, 40) : base)
            + "-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    cluster.apply(
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", name)));
    return name;
  }
}
