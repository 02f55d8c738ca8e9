package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.ArgoCluster;
import io.fleetgate.argocd.ArgoDestination;
import io.fleetgate.argocd.ArgoProject;
import io.fleetgate.argocd.ServerText;
import io.fleetgate.argocd.rest.gen.model.V1ObjectMeta;
import io.fleetgate.argocd.rest.gen.model.V1alpha1AppProject;
import io.fleetgate.argocd.rest.gen.model.V1alpha1AppProjectSpec;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationDestination;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Cluster;
import java.util.Map;
import java.util.Objects;

/**
 * Between Argo CD's Cluster and AppProject documents and Fleetgate's values. A cluster's {@code
 * config} (its bearer token, password, client key) is never read into a Fleetgate value.
 */
final class ClusterAndProjectModels {

  private ClusterAndProjectModels() {}

  static ArgoCluster toCluster(V1alpha1Cluster model) {
    return new ArgoCluster(
        model.getName(),
        model.getServer(),
        Objects.requireNonNullElse(model.getLabels(), Map.of()));
  }

  static ArgoProject toProject(V1alpha1AppProject model) {
    V1ObjectMeta meta = model.getMetadata() == null ? new V1ObjectMeta() : model.getMetadata();
    V1alpha1AppProjectSpec spec =
        model.getSpec() == null ? new V1alpha1AppProjectSpec() : model.getSpec();
    return new ArgoProject(
        meta.getName(),
        ServerText.clean(spec.getDescription()),
        ApplicationModels.map(spec.getSourceRepos(), ServerText::clean),
        ApplicationModels.map(spec.getDestinations(), ClusterAndProjectModels::destination).stream()
            .filter(Objects::nonNull)
            .toList());
  }

  static V1alpha1AppProject toModel(ArgoProject project) {
    return new V1alpha1AppProject()
        .metadata(new V1ObjectMeta().name(project.name()))
        .spec(
            new V1alpha1AppProjectSpec()
                .description(project.description())
                .sourceRepos(project.sourceRepos())
                .destinations(
                    project.destinations().stream()
                        .map(
                            d ->
                                new V1alpha1ApplicationDestination()
                                    .server(d.server())
                                    .namespace(d.namespace()))
                        .toList()));
  }

  /** A destination that names a server and a namespace; one by cluster name only is left out. */
  private static ArgoDestination destination(V1alpha1ApplicationDestination d) {
    if (d.getServer() == null
        || d.getServer().isBlank()
        || d.getNamespace() == null
        || d.getNamespace().isBlank()) {
      return null;
    }
    return new ArgoDestination(ServerText.clean(d.getServer()), ServerText.clean(d.getNamespace()));
  }
}
