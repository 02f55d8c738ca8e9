package io.fleetgate.argocd.register;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster Secret Fleetgate wants for one cluster.
 *
 * @param name the Secret's name
 * @param clusterName {@code name}: the cluster's name in Argo CD, {@code namespace/name}
 * @param connection {@code server} and {@code config}
 * @param labels every label, Fleetgate's own and the CAPI Cluster's copied ones
 * @param copiedLabels the keys among {@code labels} copied from the CAPI Cluster
 */
public record DesiredSecret(
    String name,
    String clusterName,
    Connection connection,
    Map<String, String> labels,
    List<String> copiedLabels) {

  public DesiredSecret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(connection, "connection");
    labels = Map.copyOf(labels);
    copiedLabels = List.copyOf(copiedLabels);
  }

  /** Names only: the config is never shown. */
  @Override
  public String toString() {
    return "DesiredSecret[" + name + ", cluster " + clusterName + ", " + connection.server() + "]";
  }
}
