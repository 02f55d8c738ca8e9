package io.fleetgate.api;

/**
 * One workload cluster as the fleet overview shows it.
 *
 * @param namespace the management-cluster namespace of its {@code Cluster}
 * @param name its name
 * @param provider the {@code provider} label (e.g. aws), or "-"
 * @param region the {@code region} label, or "-"
 * @param env the {@code env} label, or "-"
 * @param tier the {@code tier} label, or "-"
 * @param phase Cluster API's provisioning phase, e.g. Provisioned
 * @param kubernetesVersion what its API server reports, or "-" when unreachable
 * @param reachable whether its API server answered the probe
 * @param problem why it is unreachable, in a sentence; empty when reachable
 * @param labels all the labels of its {@code Cluster}, which bundles select it by
 */
public record ClusterSummary(
    String namespace,
    String name,
    String provider,
    String region,
    String env,
    String tier,
    String phase,
    String kubernetesVersion,
    boolean reachable,
    String problem,
    java.util.Map<String, String> labels) {

  public ClusterSummary {
    labels = java.util.Map.copyOf(labels);
  }
}
