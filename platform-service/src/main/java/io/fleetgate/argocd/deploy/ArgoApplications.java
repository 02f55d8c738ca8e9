package io.fleetgate.argocd.deploy;

import io.fleetgate.domain.ObjectRef;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the Argo CD driver asks of Argo CD: its Applications, their syncs and their results. */
public interface ArgoApplications {

  /**
   * How Argo CD ties live objects to their Application, read afresh: the driver syncs only through
   * an Argo CD that tracks by annotation.
   */
  io.fleetgate.argocd.TrackingMethod trackingMethod();

  /**
   * Creates the Application, or updates its spec and labels to these: its source (repository, path,
   * pinned revision) and destination. Nothing is synced.
   *
   * @param namespace the destination namespace for objects that name none
   */
  void upsert(BundleApplication application, String namespace);

  /**
   * Starts a sync of the Application at {@code revision}, of the given resources only, without
   * prune: prunes are Fleetgate's (ADR 35).
   */
  void sync(String application, String revision, Collection<ObjectRef> resources);

  /**
   * Deletes the Application and never its resources (no cascade): the objects stay in the cluster,
   * where Fleetgate prunes them. It is found by its labels first (Argo CD answers "permission
   * denied" for a name it does not know), so one that does not exist is no error.
   */
  void remove(BundleApplication application);

  /**
   * Asks Argo CD to stop the Application's running sync operation: objects it has applied stay, the
   * rest are not applied. Argo CD refuses when no operation is running.
   */
  void terminate(String application);

  /** Asks Argo CD to reconcile the Application now, which also takes up a pending sync. */
  void refresh(String application);

  /** The Application's last sync operation, or empty when it has none yet. */
  Optional<Operation> operation(String application);

  /** What Argo CD last observed of the Application: sync status, health; empty when none. */
  Optional<io.fleetgate.argocd.ApplicationState> state(String application);

  /** How a sync operation ended, or that it is still running. */
  enum Phase {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ERROR,
    TERMINATING,
    UNKNOWN;

    public boolean finished() {
      return this == SUCCEEDED || this == FAILED || this == ERROR;
    }
  }

  /**
   * One sync operation as Argo CD reports it.
   *
   * @param startedAt when Argo CD started it, as Argo CD wrote it: it tells one operation from the
   *     next
   * @param revision the revision it synced
   * @param message Argo CD's message for the operation
   * @param resources what it did to each resource
   */
  record Operation(
      String startedAt,
      Phase phase,
      String revision,
      String message,
      List<ResourceResult> resources) {
    public Operation {
      resources = List.copyOf(resources);
    }
  }

  /** What a sync did to one resource. */
  enum ResourceStatus {
    SYNCED,
    SYNC_FAILED,
    PRUNED,
    PRUNE_SKIPPED,
    UNKNOWN
  }

  record ResourceResult(ObjectRef ref, ResourceStatus status, String message) {}
}
