package io.fleetgate.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * What runs in a sandbox fleet right now.
 *
 * @param stateDir the fleet's state directory
 * @param etcdRunning whether the shared etcd runs
 * @param members the management cluster first, then the workload clusters
 */
public record SandboxStatus(Path stateDir, boolean etcdRunning, List<MemberStatus> members) {

  /**
   * One API server.
   *
   * @param name {@code management} or the workload cluster's name
   * @param server its URL
   * @param pid its process id, or 0 when it does not run
   * @param ready whether {@code /readyz} answers 200
   * @param kubeconfig its admin kubeconfig
   * @param profile the workload cluster's labels; {@code null} for the management cluster
   */
  public record MemberStatus(
      String name,
      String server,
      long pid,
      boolean ready,
      Path kubeconfig,
      WorkloadProfile profile) {}

  /** True when etcd and every API server run and answer. */
  public boolean allReady() {
    return etcdRunning && !members.isEmpty() && members.stream().allMatch(MemberStatus::ready);
  }

  public List<MemberStatus> workloads() {
    return members.stream().filter(m -> m.profile() != null).toList();
  }
}
