package io.fleetgate.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A workload cluster that Fleetgate can sync to, as declared by a Cluster API {@code Cluster}.
 *
 * @param namespace the management-cluster namespace of the {@code Cluster} object
 * @param name the cluster's name, unique within its namespace
 * @param labels the {@code Cluster}'s labels; bundles select clusters by them
 * @param phase the provisioning phase reported by Cluster API
 */
public record ClusterTarget(
    String namespace, String name, Map<String, String> labels, ClusterPhase phase) {

  /** Label keys Fleetgate's example fleet and console group clusters by. */
  public static final String PROVIDER = "provider";

  public static final String REGION = "region";
  public static final String ENV = "env";
  public static final String TIER = "tier";

  public ClusterTarget {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(phase, "phase");
  }

  /** The value of a label, or {@code "-"} when the cluster does not carry it. */
  public String label(String key) {
    return labels.getOrDefault(key, "-");
  }

  /** {@code namespace/name}, the way Kubernetes tools name the object. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }
}
