package io.fleetgate.cli;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.apply.PlannedChange;
import io.fleetgate.policy.GateResult;
import io.fleetgate.source.SourceException;
import io.fleetgate.sync.ClusterPlan;
import io.fleetgate.sync.SyncOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate diff}: what a sync would change in each cluster, without changing anything. */
@Command(
    name = "diff",
    description = {
      "Show what a sync would change: + create, ~ update (with the fields), - prune, ! kept (prune disabled), x invalid.",
      "Exit codes: 0 nothing would change, 1 changes, denials or problems, 2 bad input."
    })
final class DiffCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin RepoOptions source;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SyncSetup.Config config = source.config(SyncSetup.Engine.WASM, null);
    try (SyncSetup setup = SyncSetup.open(config, Clock.systemUTC())) {
      List<ClusterPlan> plans =
          setup.engine().plan(new SyncOptions(Optional.ofNullable(cluster), true, false));
      boolean changes = false;
      for (ClusterPlan plan : plans) {
        changes |= print(plan, out);
      }
      out.flush();
      return changes ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (IllegalArgumentException | SourceException e) {
      spec.commandLine().getErr().println("fleetgate: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }

  private static boolean print(ClusterPlan plan, PrintWriter out) {
    out.println("== " + plan.cluster());
    boolean changes = false;
    for (var problem : plan.problems()) {
      out.println("  x " + problem);
      changes = true;
    }
    if (!plan.unreachable().isEmpty()) {
      out.println("  x unreachable: " + plan.unreachable());
      changes = true;
    }
    for (GateResult.Verdict denied : plan.gate().denials()) {
      denied
          .decision()
          .denials()
          .forEach(
              f ->
                  out.printf(
                      "  x %s %s denied by %s: %s%n",
                      denied.object().source(), denied.object().ref(), f.policy(), f.message()));
      changes = true;
    }
    for (PlannedChange change : plan.changes()) {
      if (change.change() == PlannedChange.Change.UNCHANGED) {
        continue;
      }
      changes = true;
      out.printf(
          "  %s %s  (%s, %s)%n",
          change.change().symbol(), change.ref(), change.bundle(), change.source());
      change.diff().forEach(line -> out.println("      " + line));
    }
    if (!changes) {
      out.println("  no changes");
    }
    return changes;
  }
}
