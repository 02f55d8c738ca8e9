package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.ManagedResource;
import io.fleetgate.argocd.OperationPhase;
import io.fleetgate.argocd.ResourceNode;
import io.fleetgate.argocd.ResourceRef;
import io.fleetgate.argocd.ResourceState;
import io.fleetgate.argocd.ServerText;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.rest.gen.model.ApplicationManagedResourcesResponse;
import io.fleetgate.argocd.rest.gen.model.Applicationv1alpha1ResourceStatus;
import io.fleetgate.argocd.rest.gen.model.V1ObjectMeta;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Application;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationDestination;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationSource;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationSpec;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationStatus;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationTree;
import io.fleetgate.argocd.rest.gen.model.V1alpha1HealthStatus;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ResourceDiff;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ResourceNode;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Between Argo CD's Application documents (generated types) and Fleetgate's values. Reading is
 * lenient where Argo CD is (absent fields, unknown statuses become UNKNOWN); an application that
 * has no single Git source Fleetgate could declare is refused with its name.
 */
final class ApplicationModels {

  private ApplicationModels() {}

  static V1alpha1Application toModel(ArgoApplication app) {
    return new V1alpha1Application()
        .metadata(new V1ObjectMeta().name(app.name()).labels(app.labels()))
        .spec(
            new V1alpha1ApplicationSpec()
                .project(app.project())
                .source(
                    new V1alpha1ApplicationSource()
                        .repoURL(app.repoUrl())
                        .path(app.path())
                        .targetRevision(app.targetRevision()))
                .destination(
                    new V1alpha1ApplicationDestination()
                        .server(app.destinationServer().isEmpty() ? null : app.destinationServer())
                        .name(app.destinationName().isEmpty() ? null : app.destinationName())
                        .namespace(app.destinationNamespace())));
  }

  static ArgoApplication toApplication(V1alpha1Application model) {
    V1ObjectMeta meta = model.getMetadata() == null ? new V1ObjectMeta() : model.getMetadata();
    String name = ServerText.clean(meta.getName());
    V1alpha1ApplicationSpec spec =
        model.getSpec() == null ? new V1alpha1ApplicationSpec() : model.getSpec();
    V1alpha1ApplicationSource source = spec.getSource();
    if (source == null && spec.getSources() != null && spec.getSources().size() == 1) {
      source = spec.getSources().getFirst();
    }
    if (source == null || source.getRepoURL() == null) {
      throw unreadable(name, "it has no single Git source");
    }
    V1alpha1ApplicationDestination destination = spec.getDestination();
    if (destination == null) {
      throw unreadable(name, "it has no destination");
    }
    // Argo CD names a destination by one of the two; should an answer carry both, the registered
    // name is the one Argo CD resolves.
    String server =
        destination.getName() != null && !destination.getName().isEmpty()
            ? ""
            : destination.getServer();
    String revision = source.getTargetRevision();
    try {
      return new ArgoApplication(
          name,
          spec.getProject(),
          source.getRepoURL(),
          source.getPath(),
          revision == null || revision.isEmpty() ? "HEAD" : revision,
          server,
          destination.getNamespace(),
          Objects.requireNonNullElse(meta.getLabels(), Map.of()),
          destination.getName());
    } catch (IllegalArgumentException e) {
      throw unreadable(name, e.getMessage());
    }
  }

  static ApplicationState toState(V1alpha1Application model) {
    V1alpha1ApplicationStatus status =
        model.getStatus() == null ? new V1alpha1ApplicationStatus() : model.getStatus();
    var sync = status.getSync();
    var operation = status.getOperationState();
    return new ApplicationState(
        SyncStatus.of(sync == null ? null : sync.getStatus()),
        HealthStatus.of(status.getHealth() == null ? null : status.getHealth().getStatus()),
        sync == null ? "" : sync.getRevision(),
        OperationPhase.of(operation == null ? null : operation.getPhase()),
        operation == null ? "" : operation.getMessage(),
        map(status.getResources(), ApplicationModels::resourceState));
  }

  static List<ResourceNode> toNodes(V1alpha1ApplicationTree tree) {
    return map(tree == null ? null : tree.getNodes(), ApplicationModels::node);
  }

  static List<ManagedResource> toManaged(ApplicationManagedResourcesResponse answer) {
    return map(answer == null ? null : answer.getItems(), ApplicationModels::managed);
  }

  private static ResourceState resourceState(Applicationv1alpha1ResourceStatus r) {
    return new ResourceState(
        new ResourceRef(r.getGroup(), r.getKind(), r.getNamespace(), r.getName()),
        SyncStatus.of(r.getStatus()),
        health(r.getHealth()));
  }

  private static ResourceNode node(V1alpha1ResourceNode n) {
    return new ResourceNode(
        new ResourceRef(n.getGroup(), n.getKind(), n.getNamespace(), n.getName()),
        health(n.getHealth()),
        map(n.getParentRefs(), ApplicationModels::ref));
  }

  private static ManagedResource managed(V1alpha1ResourceDiff d) {
    return new ManagedResource(
        new ResourceRef(d.getGroup(), d.getKind(), d.getNamespace(), d.getName()),
        Boolean.TRUE.equals(d.getModified()));
  }

  private static ResourceRef ref(V1alpha1ResourceRef r) {
    return new ResourceRef(r.getGroup(), r.getKind(), r.getNamespace(), r.getName());
  }

  private static HealthStatus health(V1alpha1HealthStatus health) {
    return HealthStatus.of(health == null ? null : health.getStatus());
  }

  static <A, B> List<B> map(List<A> items, Function<A, B> f) {
    return items == null ? List.of() : items.stream().filter(Objects::nonNull).map(f).toList();
  }

  private static ArgoCdException unreadable(String name, String why) {
    return new ArgoCdException(
        ArgoCdFailure.MALFORMED_ANSWER,
        "read application " + name,
        "Argo CD application '"
            + name
            + "' is not one Fleetgate can read: "
            + ServerText.clean(why));
  }
}
