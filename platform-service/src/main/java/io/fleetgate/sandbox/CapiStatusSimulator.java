package io.fleetgate.sandbox;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the Cluster API controllers of the sandbox: writes, through the real {@code /status}
 * subresource, the status a provisioned and available workload cluster would have. There is no
 * infrastructure to provision here, so this is the only part of the sandbox that is simulated.
 */
public final class CapiStatusSimulator {

  private static final List<String> TRUE_CONDITIONS =
      List.of(
          "Available",
          "InfrastructureReady",
          "ControlPlaneInitialized",
          "ControlPlaneAvailable",
          "WorkersAvailable",
          "RemoteConnectionProbe");

  private final ClusterApi management;

  public CapiStatusSimulator(ClusterApi management) {
    this.management = management;
  }

  /** Marks the cluster provisioned, with healthy control plane and workers. */
  public KubeObject markProvisioned(
      KubeObject cluster, int controlPlaneReplicas, int workerReplicas) {
    long generation = cluster.at("metadata", "generation").map(g -> g.getAsLong()).orElse(1L);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put(
        "conditions",
        TRUE_CONDITIONS.stream()
            .map(
                type ->
                    Map.<String, Object>of(
                        "type",
                        type,
                        "status",
                        "True",
                        "reason",
                        type.equals("RemoteConnectionProbe") ? "ProbeSucceeded" : type,
                        "message",
                        "",
                        "lastTransitionTime",
                        now,
                        "observedGeneration",
                        generation))
            .toList());
    status.put(
        "initialization",
        Map.of("infrastructureProvisioned", true, "controlPlaneInitialized", true));
    status.put("controlPlane", replicas(controlPlaneReplicas));
    status.put("workers", replicas(workerReplicas));
    status.put("phase", "Provisioned");
    status.put("observedGeneration", generation);
    return management.replaceStatus(cluster, status);
  }

  private static Map<String, Object> replicas(int count) {
    return Map.of(
        "desiredReplicas", count,
        "replicas", count,
        "readyReplicas", count,
        "availableReplicas", count,
        "upToDateReplicas", count);
  }
}
