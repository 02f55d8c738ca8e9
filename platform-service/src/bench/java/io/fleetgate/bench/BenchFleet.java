package io.fleetgate.bench;

import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.sandbox.SandboxStatus;
import io.fleetgate.sandbox.ToolPaths;
import java.nio.file.Path;

/** A sandbox fleet of its own for benchmarks, under {@code target/}, stopped when they end. */
final class BenchFleet implements AutoCloseable {

  final SandboxFleet fleet;
  final SandboxStatus status;

  BenchFleet(int clusters) {
    Path dir = Path.of("target", "bench-sandbox-" + clusters).toAbsolutePath();
    fleet = new SandboxFleet(new SandboxLayout(dir), ToolPaths.locate());
    long start = System.nanoTime();
    try {
      status = fleet.up(clusters, line -> {});
    } catch (RuntimeException e) {
      // A member that was not ready in time must not outlive the benchmark.
      fleet.down(true);
      throw e;
    }
    System.out.printf(
        "(sandbox of 1 + %d clusters up in %.1f s)%n", clusters, (System.nanoTime() - start) / 1e9);
  }

  Path managementKubeconfig() {
    return fleet.layout().managementKubeconfig();
  }

  Path kubeconfig(String cluster) {
    return fleet.layout().clusterKubeconfig(cluster);
  }

  /** The workload clusters' names, as the management cluster declares them. */
  java.util.List<String> workloadNames() {
    return status.workloads().stream().map(member -> member.name()).toList();
  }

  String firstCluster() {
    return status.workloads().getFirst().name();
  }

  @Override
  public void close() {
    fleet.down(true);
  }
}
