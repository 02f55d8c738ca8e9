package io.fleetgate.cli;

import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.PlayerPidFile;
import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.UpgradePlayer;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate sandbox simulate-upgrades}: plays Cluster API's node upgrades against the
 * running sandbox, in the foreground until it is stopped (demo and test support).
 */
@Command(
    name = "simulate-upgrades",
    description = {
      "Play Cluster API's node upgrades in the running sandbox (demo and test support): every"
          + " 500 ms, each Cluster in namespace fleet whose spec.topology (version, variables"
          + " nodeKernelVersion and nodeOSImage) differs from its simulated nodes has them walked"
          + " there, maxUnavailable at a time. Runs until Ctrl-C or SIGTERM; one player per"
          + " sandbox (pid file upgrade-player.pid in the state directory).",
      "Exit codes: 1 another player runs, 2 bad input or no sandbox in the state directory."
    })
final class SandboxSimulateUpgradesCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @CommandLine.Mixin SandboxCommand.StateDir state;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--per-node",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description = "How long each node (or batch of nodes) takes (default: ${DEFAULT-VALUE}).")
  String perNode;

  @Option(
      names = "--never-ready",
      paramLabel = "NODE",
      description =
          "Inject a failure: this node gets its new versions but never comes back Ready; its"
              + " walk halts there.")
  String neverReady;

  @Override
  public Integer call() throws InterruptedException {
    UpgradePlayer.Settings settings =
        new UpgradePlayer.Settings(
            UpgradePlayer.POLL_EVERY,
            DurationArg.parse(perNode, "--per-node", spec),
            neverReady == null ? InjectedFailure.none() : InjectedFailure.neverReady(neverReady));
    SandboxFleet fleet = state.fleet();
    // A sandbox that exists is enough: a member not answering yet (or under load) is reported
    // and tried again by the player, as one that stops later is.
    if (fleet.status().members().isEmpty()) {
      throw new IllegalArgumentException(
          "there is no sandbox in "
              + fleet.layout().root()
              + "; start one with 'fleetgate sandbox up'");
    }
    PrintWriter out = spec.commandLine().getOut();
    PlayerPidFile pidFile = PlayerPidFile.acquire(fleet.layout().playerPidFile());
    UpgradePlayer player =
        new UpgradePlayer(fleet::api, settings, event -> print(out, event.line())).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  player.close();
                  pidFile.close();
                  print(out, "Stopped playing node upgrades");
                  stopped.countDown();
                },
                "upgrade-player-shutdown"));
    print(
        out,
        "Playing node upgrades in the sandbox "
            + fleet.layout().root()
            + " ("
            + perNode
            + " a node"
            + (neverReady == null ? "" : ", " + neverReady + " never comes back Ready")
            + "); Ctrl-C to stop");
    stopped.await();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, String line) {
    synchronized (out) {
      out.println(LocalTime.now().format(TIME) + " " + line);
      out.flush();
    }
  }
}
