package io.fleetgate.argocd.register;

import io.fleetgate.domain.ClusterTarget;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Cluster API cluster's identity: its namespace and name in the management cluster. Two clusters
 * of the same name in two namespaces are two clusters.
 */
public record ClusterId(String namespace, String name) implements Comparable<ClusterId> {

  private static final Comparator<ClusterId> ORDER =
      Comparator.comparing(ClusterId::namespace).thenComparing(ClusterId::name);

  public ClusterId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static ClusterId of(ClusterTarget target) {
    return new ClusterId(target.namespace(), target.name());
  }

  @Override
  public int compareTo(ClusterId other) {
    return ORDER.compare(this, other);
  }

  /** {@code namespace/name}; also the cluster's name in Argo CD. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
