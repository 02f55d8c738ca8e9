package io.fleetgate.argocd;

import java.util.List;

/**
 * What Argo CD last observed of an application.
 *
 * @param sync whether the live state matches the target revision
 * @param health the application's aggregated health
 * @param syncedRevision the revision Argo CD compared the live state with; empty when none yet
 * @param operation where the latest sync operation stands
 * @param operationMessage Argo CD's message about that operation, printable; empty when none
 * @param resources each managed resource's own sync status and health
 */
public record ApplicationState(
    SyncStatus sync,
    HealthStatus health,
    String syncedRevision,
    OperationPhase operation,
    String operationMessage,
    List<ResourceState> resources) {

  public ApplicationState {
    syncedRevision = ServerText.clean(syncedRevision);
    operationMessage = ServerText.clean(operationMessage);
    resources = List.copyOf(resources);
  }

  /** Synced at this revision, healthy, and no operation still running. */
  public boolean settledAt(String revision) {
    return sync == SyncStatus.SYNCED
        && health == HealthStatus.HEALTHY
        && syncedRevision.equals(revision)
        && (operation == OperationPhase.NONE || operation.finished());
  }
}
