package io.fleetgate.cli;

import io.fleetgate.sandbox.NodeSeeding;
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
 * sandbox, at the image each Cluster's topology declares (one cluster a patch behind, as {@code
 * sandbox up} declared it), so the patch matrix has something to show.
 */
@Command(
    name = "nodes",
    description = {
      "Create simulated Node objects (demo and test support) in every workload cluster of the"
          + " running sandbox: Ready, at the version, kernel and OS image its Cluster's"
          + " spec.topology declares (as 'sandbox up' created it: the API server's version, one"
          + " cluster a patch release and a kernel behind). Idempotent: existing nodes are kept"
          + " as they are."
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
    PrintWriter out = spec.commandLine().getOut();
    for (NodeSeeding.Seeded seeded : new NodeSeeding(fleet::api).seed(clusters, perCluster)) {
      int created = seeded.created().size();
      out.printf(
          "  %-22s %d node(s) created, %d kept%s%n",
          seeded.cluster(),
          created,
          perCluster - created,
          created > 0
              ? " ("
                  + seeded.image().kubeletVersion()
                  + ", kernel "
                  + seeded.image().kernelVersion()
                  + ")"
              : "");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
