package io.fleetgate.cli;

import io.fleetgate.sandbox.NodeImage;
import io.fleetgate.sandbox.NodeSimulator;
import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate sandbox nodes}: simulated nodes in every workload cluster of the running
 * sandbox, one cluster a patch behind, so the patch matrix has something to show.
 */
@Command(
    name = "nodes",
    description = {
      "Create simulated Node objects (demo and test support) in every workload cluster of the"
          + " running sandbox: Ready, at the API server's Kubernetes version, one cluster a patch"
          + " release and a kernel behind. Idempotent: existing nodes are kept as they are."
    })
final class SandboxNodesCommand implements Callable<Integer> {

  @CommandLine.Mixin SandboxCommand.StateDir state;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--per-cluster",
      paramLabel = "N",
      defaultValue = "" + NodeSimulator.DEFAULT_NODES,
      description = "Nodes in each workload cluster (default: ${DEFAULT-VALUE}).")
  int perCluster;

  @Option(
      names = "--behind",
      paramLabel = "CLUSTER",
      description =
          "The cluster whose nodes start a patch behind (default: the second workload cluster,"
              + " or the only one).")
  String behind;

  @Override
  public Integer call() {
    if (perCluster < 0 || perCluster > 1_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--per-cluster must be between 0 and 1000, not " + perCluster);
    }
    SandboxFleet fleet = state.fleet();
    SandboxStatus status = fleet.status();
    if (!status.allReady()) {
      throw new IllegalArgumentException(
          "the sandbox in " + fleet.layout().root() + " is not up; run 'fleetgate sandbox up'");
    }
    List<String> clusters =
        status.workloads().stream().map(SandboxStatus.MemberStatus::name).toList();
    String late = behind != null ? behind : clusters.get(Math.min(1, clusters.size() - 1));
    if (!clusters.contains(late)) {
      throw new IllegalArgumentException(
          "--behind " + late + " is not a workload cluster of the sandbox: " + clusters);
    }
    NodeSimulator simulator = new NodeSimulator(fleet::api);
    PrintWriter out = spec.commandLine().getOut();
    for (String cluster : clusters) {
      String version = fleet.api(cluster).serverVersion();
      NodeImage image =
          cluster.equals(late) ? NodeImage.oneBehind(version) : NodeImage.current(version);
      int created = simulator.seed(cluster, perCluster, image).size();
      out.printf(
          "  %-22s %d node(s) created, %d kept%s%n",
          cluster,
          created,
          perCluster - created,
          created > 0
              ? " (" + image.kubeletVersion() + ", kernel " + image.kernelVersion() + ")"
              : "");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
