package io.fleetgate.cli;

import io.fleetgate.patch.PatchTarget;
import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.NodeSimulator;
import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxStatus;
import io.fleetgate.sandbox.UpgradeOutcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate sandbox upgrade-nodes}: walks one sandbox cluster's simulated nodes to new
 * versions, one at a time, as a node upgrader would (demo and test support).
 */
@Command(
    name = "upgrade-nodes",
    description = {
      "Upgrade one sandbox cluster's simulated nodes one at a time (demo and test support):"
          + " cordon, drain marker, new versions while not Ready, Ready, uncordon.",
      "Exit codes: 0 every node upgraded, 1 the walk halted at a node, 2 bad input."
    })
final class SandboxUpgradeNodesCommand implements Callable<Integer> {

  @CommandLine.Mixin SandboxCommand.StateDir state;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cluster",
      required = true,
      paramLabel = "NAME",
      description = "The workload cluster.")
  String cluster;

  @Option(
      names = "--kubernetes-version",
      paramLabel = "VERSION",
      description = "New kubelet version.")
  String kubernetesVersion;

  @Option(names = "--kernel", paramLabel = "VERSION", description = "New kernel version.")
  String kernel;

  @Option(names = "--os-image", paramLabel = "IMAGE", description = "New OS image.")
  String osImage;

  @Option(
      names = "--per-node",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description = "How long each node takes (default: ${DEFAULT-VALUE}).")
  String perNode;

  @Option(
      names = "--never-ready",
      paramLabel = "NODE",
      description = "Inject a failure: this node gets its new versions but never comes back Ready.")
  String neverReady;

  @Override
  public Integer call() {
    PatchTarget target = new PatchTarget(kubernetesVersion, kernel, osImage);
    if (!target.names()) {
      throw new IllegalArgumentException(
          "name what to upgrade to: --kubernetes-version, --kernel or --os-image");
    }
    SandboxFleet fleet = state.fleet();
    List<String> clusters =
        fleet.status().workloads().stream().map(SandboxStatus.MemberStatus::name).toList();
    if (!clusters.contains(cluster)) {
      throw new IllegalArgumentException(
          "--cluster " + cluster + " is not a workload cluster of the sandbox: " + clusters);
    }
    UpgradeOutcome outcome =
        new NodeSimulator(fleet::api)
            .upgrade(
                cluster,
                target,
                DurationArg.parse(perNode, "--per-node", spec),
                neverReady == null
                    ? InjectedFailure.none()
                    : InjectedFailure.neverReady(neverReady));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Upgraded %s: %s%n",
        cluster, outcome.upgraded().isEmpty() ? "none" : String.join(", ", outcome.upgraded()));
    if (outcome instanceof UpgradeOutcome.Halted halted) {
      out.printf("Halted at %s: %s%n", halted.node(), halted.reason());
    }
    out.flush();
    return outcome instanceof UpgradeOutcome.Completed ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
