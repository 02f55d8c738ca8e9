package io.fleetgate.cli;

import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.sandbox.SandboxStatus;
import io.fleetgate.sandbox.ToolPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate sandbox up|status|down}: the local fleet of real control planes. */
@Command(
    name = "sandbox",
    description =
        "Run a local fleet of real kube-apiservers: one management cluster and N workload clusters.",
    subcommands = {
      SandboxCommand.Up.class,
      SandboxCommand.Status.class,
      SandboxCommand.Down.class,
      SandboxNodesCommand.class,
      SandboxUpgradeNodesCommand.class,
      SandboxSimulateUpgradesCommand.class
    })
final class SandboxCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every sandbox command shares. */
  static class StateDir {
    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description =
            "Where the sandbox keeps its data, kubeconfigs and logs (default: ~/.fleetgate/sandbox).")
    Path stateDir;

    SandboxFleet fleet() {
      return new SandboxFleet(
          new SandboxLayout(stateDir == null ? SandboxLayout.defaultRoot() : stateDir),
          ToolPaths.locate());
    }
  }

  @Command(name = "up", description = "Start the sandbox fleet (idempotent) and print its members.")
  static final class Up implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Mixin StateDir state;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--clusters",
        paramLabel = "N",
        defaultValue = "3",
        description = "Workload clusters (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Override
    public Integer call() {
      if (clusters < 1 || clusters > 20) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--clusters must be between 1 and 20, not " + clusters);
      }
      PrintWriter out = spec.commandLine().getOut();
      long start = System.nanoTime();
      SandboxStatus status =
          state
              .fleet()
              .up(
                  clusters,
                  line -> {
                    out.println("  " + line);
                    out.flush();
                  });
      out.printf("Sandbox fleet up in %.1f s%n%n", (System.nanoTime() - start) / 1e9);
      StatusTable.print(status, out);
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Show what runs in the sandbox fleet; exit 1 unless all of it is ready.")
  static final class Status implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Mixin StateDir state;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      SandboxStatus status = state.fleet().status();
      StatusTable.print(status, spec.commandLine().getOut());
      return status.allReady() ? 0 : 1;
    }
  }

  @Command(name = "down", description = "Stop every sandbox process (data is kept unless --purge).")
  static final class Down implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Mixin StateDir state;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--purge",
        description = "Also delete the state directory: data, credentials and kubeconfigs.")
    boolean purge;

    @Override
    public Integer call() {
      SandboxFleet fleet = state.fleet();
      int stopped = fleet.down(purge);
      spec.commandLine()
          .getOut()
          .printf(
              "Stopped %d sandbox processes%s%n",
              stopped, purge ? "; removed " + fleet.layout().root() : "");
      return 0;
    }
  }
}
