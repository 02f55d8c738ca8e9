package io.fleetgate.argocd.drive;

import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.deploy.ArgoApplications;
import io.fleetgate.domain.ClusterTarget;
import java.util.Objects;

/**
 * One bundle of one commit delivered through Argo CD: the Application, the rendered commit it was
 * pinned to, how Argo CD's sync operation ended, and the sync status and health Argo CD reported
 * for the Application once it had.
 *
 * @param sourceCommit the configuration commit Fleetgate validated
 * @param renderedCommit the rendered-tree commit the Application was synced to
 * @param phase how the sync operation ended; {@link ArgoApplications.Phase#UNKNOWN} when Argo CD
 *     did not finish it or could not be asked
 * @param synced objects Argo CD reports synced
 * @param failed objects that failed, were not reported, or were cut off
 * @param sync the Application's sync status afterwards; {@link SyncStatus#UNKNOWN} when unread
 * @param health the Application's health afterwards; {@link HealthStatus#UNKNOWN} when unread
 */
public record Delivery(
    ClusterTarget cluster,
    String sourceCommit,
    String application,
    String bundle,
    String renderedCommit,
    ArgoApplications.Phase phase,
    int synced,
    int failed,
    SyncStatus sync,
    HealthStatus health) {

  public Delivery {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(sourceCommit, "sourceCommit");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(renderedCommit, "renderedCommit");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(health, "health");
  }
}
