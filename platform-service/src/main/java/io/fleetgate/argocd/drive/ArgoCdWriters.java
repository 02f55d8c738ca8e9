package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.argocd.deploy.ArgoApplications;
import io.fleetgate.argocd.deploy.RenderedTrees;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.Revision;
import java.time.Duration;

/**
 * The {@code argocd} driver's writers: each cluster's Kubernetes writer with its writes routed
 * through Argo CD. A dry run is the Kubernetes writer's alone (server-side dry runs, nothing
 * published, nothing synced).
 */
public final class ArgoCdWriters implements ClusterWriters {

  private final ClusterWriters kube;
  private final ArgoCdWriter.Argo argo;

  /**
   * @param kube the Kubernetes writers, for reads, drift checks and prunes
   * @param repoUrl the repository Argo CD reads the rendered trees from
   * @param syncTimeout how long one Application's sync may take
   * @param deliveries told of each bundle delivered
   */
  public ArgoCdWriters(
      ClusterWriters kube,
      ArgoApplications applications,
      RenderedTrees trees,
      String repoUrl,
      Duration syncTimeout,
      Deliveries deliveries) {
    this.kube = kube;
    this.argo =
        new ArgoCdWriter.Argo(
            applications,
            trees,
            repoUrl,
            new SyncWait(syncTimeout, SyncWait.DEFAULT.poll()),
            deliveries);
  }

  /** A writer that names no source commit in what it publishes; reconciles use the other. */
  @Override
  public ClusterWriter forCluster(ClusterAccess access, boolean dryRun) {
    return forCluster(access, dryRun, null);
  }

  @Override
  public ClusterWriter forCluster(ClusterAccess access, boolean dryRun, Revision revision) {
    ClusterWriter writer = kube.forCluster(access, dryRun);
    if (dryRun) {
      return writer;
    }
    return new ArgoCdWriter(
        writer, access.target(), revision == null ? "" : revision.commit(), argo);
  }

  @Override
  public void disconnect(ClusterAccess access) {
    kube.disconnect(access);
  }
}
