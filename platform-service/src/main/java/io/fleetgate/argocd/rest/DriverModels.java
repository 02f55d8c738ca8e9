package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.deploy.ArgoApplications.Operation;
import io.fleetgate.argocd.deploy.ArgoApplications.Phase;
import io.fleetgate.argocd.deploy.ArgoApplications.ResourceResult;
import io.fleetgate.argocd.deploy.ArgoApplications.ResourceStatus;
import io.fleetgate.argocd.deploy.BundleApplication;
import io.fleetgate.argocd.rest.gen.model.V1ObjectMeta;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Application;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationDestination;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationSource;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationSourceDirectory;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationSpec;
import io.fleetgate.argocd.rest.gen.model.V1alpha1OperationState;
import io.fleetgate.argocd.rest.gen.model.V1alpha1SyncOperationResource;
import io.fleetgate.argocd.rest.gen.model.V1alpha1SyncPolicy;
import io.fleetgate.domain.ObjectRef;
import java.util.List;
import java.util.Optional;

/** The Argo CD driver's values as the generated models, and back. */
final class DriverModels {

  private DriverModels() {}

  /**
   * A bundle's Application: a directory source read recursively at the pinned commit, the cluster's
   * registered name as destination, server-side apply, no automated sync.
   */
  static V1alpha1Application toModel(BundleApplication app, String namespace) {
    return new V1alpha1Application()
        .metadata(new V1ObjectMeta().name(app.name()).labels(app.labels()))
        .spec(
            new V1alpha1ApplicationSpec()
                .project("default")
                .source(
                    new V1alpha1ApplicationSource()
                        .repoURL(app.repoUrl())
                        .path(app.path())
                        .targetRevision(app.revision())
                        .directory(new V1alpha1ApplicationSourceDirectory().recurse(true)))
                .destination(
                    new V1alpha1ApplicationDestination()
                        .name(app.destination())
                        .namespace(namespace.isEmpty() ? null : namespace))
                .syncPolicy(new V1alpha1SyncPolicy().syncOptions(List.of("ServerSideApply=true"))));
  }

  static V1alpha1SyncOperationResource resource(ObjectRef ref) {
    return new V1alpha1SyncOperationResource()
        .group(ref.group())
        .kind(ref.kind())
        .namespace(ref.namespace().isEmpty() ? null : ref.namespace())
        .name(ref.name());
  }

  /** The Application's last operation; absent before its first. */
  static Optional<Operation> operation(V1alpha1Application model) {
    if (model == null
        || model.getStatus() == null
        || model.getStatus().getOperationState() == null) {
      return Optional.empty();
    }
    V1alpha1OperationState state = model.getStatus().getOperationState();
    var result = state.getSyncResult();
    List<ResourceResult> resources =
        result == null || result.getResources() == null
            ? List.of()
            : result.getResources().stream()
                .map(
                    r ->
                        new ResourceResult(
                            new ObjectRef(
                                text(r.getGroup()),
                                text(r.getKind()),
                                text(r.getNamespace()),
                                text(r.getName())),
                            status(r.getStatus()),
                            text(r.getMessage())))
                .toList();
    return Optional.of(
        new Operation(
            text(state.getStartedAt()),
            phase(state.getPhase()),
            result == null ? "" : text(result.getRevision()),
            text(state.getMessage()),
            resources));
  }

  static Phase phase(String phase) {
    return switch (phase == null ? "" : phase) {
      case "Running" -> Phase.RUNNING;
      case "Succeeded" -> Phase.SUCCEEDED;
      case "Failed" -> Phase.FAILED;
      case "Error" -> Phase.ERROR;
      case "Terminating" -> Phase.TERMINATING;
      default -> Phase.UNKNOWN;
    };
  }

  static ResourceStatus status(String status) {
    return switch (status == null ? "" : status) {
      case "Synced" -> ResourceStatus.SYNCED;
      case "SyncFailed" -> ResourceStatus.SYNC_FAILED;
      case "Pruned" -> ResourceStatus.PRUNED;
      case "PruneSkipped" -> ResourceStatus.PRUNE_SKIPPED;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  private static String text(String value) {
    return value == null ? "" : io.fleetgate.argocd.ServerText.clean(value);
  }
}
