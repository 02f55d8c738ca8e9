package io.fleetgate.argocd.status;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCd;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.LabelSelector;
import io.fleetgate.argocd.ResourceState;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.deploy.BundleApplication;
import io.fleetgate.domain.ClusterTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one cluster's Applications from Argo CD: those carrying Fleetgate's labels for the
 * cluster's namespace and name, each with the state Argo CD last observed. One call lists them, one
 * per Application reads its state; the first failure ends the read as unreadable, so a server that
 * does not answer costs one request timeout, not one per Application.
 */
public final class ClusterApplications {

  /** Applications read per cluster; a cluster has one per bundle. */
  static final int MAX_APPLICATIONS = 200;

  private final ArgoCd argo;
  private final String server;
  private final Clock clock;

  /**
   * @param server Argo CD's address, shown beside the answer
   */
  public ClusterApplications(ArgoCd argo, String server, Clock clock) {
    this.argo = argo;
    this.server = server;
    this.clock = clock;
  }

  /** Argo CD's view of the cluster, or why it could not be read. */
  public ArgoCdStatus.Report of(ClusterTarget cluster) {
    Instant at = clock.instant();
    try {
      List<ArgoApplication> found =
          new ArrayList<>(
              argo.applications(
                  new LabelSelector(
                      Map.of(
                          BundleApplication.MANAGED_BY,
                          "fleetgate",
                          BundleApplication.CLUSTER_NAMESPACE,
                          cluster.namespace(),
                          BundleApplication.CLUSTER_NAME,
                          cluster.name()))));
      found.sort(Comparator.comparing(ArgoApplication::name));
      List<ArgoCdStatus.Application> rows = new ArrayList<>();
      for (ArgoApplication app : found.subList(0, Math.min(found.size(), MAX_APPLICATIONS))) {
        rows.add(row(app, argo.state(app.name())));
      }
      return ArgoCdStatus.Report.read(cluster.name(), server, at, rows);
    } catch (ArgoCdException e) {
      return ArgoCdStatus.Report.unreadable(cluster.name(), server, at, e.getMessage());
    }
  }

  static ArgoCdStatus.Application row(ArgoApplication app, Optional<ApplicationState> read) {
    String bundle = app.labels().getOrDefault(BundleApplication.BUNDLE, "");
    if (read.isEmpty()) {
      // Deleted between the list and the read.
      return new ArgoCdStatus.Application(
          app.name(),
          bundle,
          ArgoCdStatus.Sync.UNKNOWN,
          ArgoCdStatus.Health.MISSING,
          ArgoCdStatus.Operation.NONE,
          app.targetRevision(),
          "",
          "Argo CD no longer has this Application",
          0,
          List.of());
    }
    ApplicationState state = read.get();
    List<ArgoCdStatus.Resource> attention = new ArrayList<>();
    for (ResourceState resource : state.resources()) {
      boolean fine =
          resource.sync() == SyncStatus.SYNCED
              && (resource.health() == HealthStatus.HEALTHY
                  || resource.health() == HealthStatus.UNKNOWN);
      if (!fine && attention.size() < ArgoCdStatus.Application.MAX_ATTENTION) {
        attention.add(
            new ArgoCdStatus.Resource(
                resource.ref().toString(), sync(resource.sync()), health(resource.health())));
      }
    }
    return new ArgoCdStatus.Application(
        app.name(),
        bundle,
        sync(state.sync()),
        health(state.health()),
        ArgoCdStatus.Operation.valueOf(state.operation().name()),
        app.targetRevision(),
        state.syncedRevision(),
        state.operationMessage(),
        state.resources().size(),
        attention);
  }

  static ArgoCdStatus.Sync sync(SyncStatus status) {
    return ArgoCdStatus.Sync.valueOf(status.name());
  }

  static ArgoCdStatus.Health health(HealthStatus health) {
    return ArgoCdStatus.Health.valueOf(health.name());
  }
}
