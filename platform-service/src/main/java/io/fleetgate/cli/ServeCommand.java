package io.fleetgate.cli;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.sync.SyncLoop;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate serve}: keeps the fleet in sync with the repository until stopped. */
@Command(
    name = "serve",
    description = {
      "Keep the fleet in sync: poll the repository, sync every targeted cluster, check for drift regularly.",
      "Stops cleanly on SIGTERM or Ctrl-C after the sync in progress."
    })
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin RepoOptions source;

  @Option(
      names = "--interval",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "Poll interval, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--full-check-every",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "How often to compare every object with the live clusters (default: ${DEFAULT-VALUE}).")
  String fullCheckEvery;

  @Override
  public Integer call() throws Exception {
    Duration poll = DurationArg.parse(interval, "--interval", spec);
    Duration full = DurationArg.parse(fullCheckEvery, "--full-check-every", spec);
    PrintWriter out = spec.commandLine().getOut();
    SyncSetup.Config config = source.config(SyncSetup.Engine.WASM, null);
    try (SyncSetup setup = SyncSetup.open(config, Clock.systemUTC());
        SyncLoop loop =
            new SyncLoop(
                options -> setup.engine().syncOnce(options),
                poll,
                full,
                Clock.systemUTC(),
                report -> {
                  out.printf(
                      "%s %s %s%n",
                      report.revision().shortCommit(),
                      report.stale() ? "STALE (" + report.staleReason() + ")" : "",
                      report.outcomes().stream()
                          .map(o -> o.cluster() + "=" + o.word())
                          .collect(Collectors.joining(" ")));
                  out.flush();
                })) {
      Thread hook = new Thread(loop::close, "fleetgate-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf(
          "Serving %s every %s (full drift check every %s); Ctrl-C to stop%n",
          source.describe(), interval, fullCheckEvery);
      out.flush();
      loop.run();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("fleetgate: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }
}
