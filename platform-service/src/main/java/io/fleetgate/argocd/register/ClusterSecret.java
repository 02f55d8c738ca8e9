package io.fleetgate.argocd.register;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Argo CD cluster Secret as it is in Argo CD's namespace, whoever made it.
 *
 * @param name the Secret's name
 * @param uid its uid, a delete's precondition
 * @param resourceVersion its resourceVersion, an update's and a delete's precondition
 * @param labels its labels
 * @param copiedLabels the CAPI label keys Fleetgate copied onto it last time ({@value
 *     ClusterLabels#COPIED_ANNOTATION})
 * @param clusterName its {@code name}: the cluster's name in Argo CD
 * @param server its {@code server}
 * @param config its {@code config} when it has exactly the shape Fleetgate writes; empty otherwise
 */
public record ClusterSecret(
    String name,
    String uid,
    String resourceVersion,
    Map<String, String> labels,
    List<String> copiedLabels,
    String clusterName,
    String server,
    Optional<ArgoConfig> config) {

  public ClusterSecret {
    Objects.requireNonNull(name, "name");
    uid = Objects.requireNonNullElse(uid, "");
    resourceVersion = Objects.requireNonNullElse(resourceVersion, "");
    labels = Map.copyOf(labels);
    copiedLabels = List.copyOf(copiedLabels);
    clusterName = Objects.requireNonNullElse(clusterName, "");
    server = Objects.requireNonNullElse(server, "");
    Objects.requireNonNull(config, "config");
  }

  /**
   * The CAPI cluster this Secret registers when Fleetgate made it: it carries {@code
   * app.kubernetes.io/managed-by: fleetgate} and the labels naming the cluster's namespace and
   * name. Empty for every other Secret, which Fleetgate never changes or deletes.
   */
  public Optional<ClusterId> registeredBy() {
    String namespace = labels.get(ClusterLabels.CLUSTER_NAMESPACE);
    String cluster = labels.get(ClusterLabels.CLUSTER_NAME);
    if (!ClusterLabels.MANAGER.equals(labels.get(ClusterLabels.MANAGED_BY))
        || namespace == null
        || cluster == null) {
      return Optional.empty();
    }
    return Optional.of(new ClusterId(namespace, cluster));
  }

  /** Names only: the config is never shown. */
  @Override
  public String toString() {
    return "ClusterSecret[" + name + ", cluster " + clusterName + ", " + server + "]";
  }
}
