package io.fleetgate.sandbox;

import java.util.List;

/**
 * The node image each workload cluster of a sandbox fleet starts with, decided here and nowhere
 * else: every cluster runs its API server's Kubernetes version with the current kernel, except one
 * (the second workload cluster, or the only one), which starts a patch release and a kernel behind
 * ({@link NodeImage#oneBehind}), so that the patch matrix and a rollout have something to do.
 *
 * <p>{@link FleetSeeder} writes this image into the topology of each Cluster it creates; the nodes
 * are then seeded from that topology ({@link NodeSeeding}), so the two always agree.
 */
public final class StartingImages {

  private StartingImages() {}

  /** The workload cluster that starts behind: the second, or the only one. */
  public static String behind(List<String> workloads) {
    if (workloads.isEmpty()) {
      throw new SandboxException("A sandbox fleet needs at least one workload cluster");
    }
    return workloads.get(Math.min(1, workloads.size() - 1));
  }

  /**
   * @param workloads the fleet's workload clusters, in the fleet's order
   * @param cluster one of them
   * @param serverVersion the Kubernetes version its API server reports
   */
  public static NodeImage of(List<String> workloads, String cluster, String serverVersion) {
    return cluster.equals(behind(workloads))
        ? NodeImage.oneBehind(serverVersion)
        : NodeImage.current(serverVersion);
  }
}
