package io.fleetgate.cli;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.rollout.Gate;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutProblem;
import io.fleetgate.rollout.WavePlan;
import io.fleetgate.validate.RepoClusters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fleetgate rollout list --repo PATH [NAME]}: each rollout of a working copy, wave by wave,
 * with the clusters each wave reaches (from {@code <cluster>/cluster.yaml}) and the gates that hold
 * it.
 */
@Command(
    name = "list",
    description = {
      "List the patch rollouts of a working copy: what each rolls out, its waves in order with the"
          + " clusters each reaches (by the labels in <cluster>/cluster.yaml) and the gates that"
          + " hold it, and the clusters no wave reaches.",
      "Exit codes: 0 listed, 2 a rollout document or fleet.yaml has problems."
    })
final class RolloutListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH",
      description = "The config repository's working copy.")
  Path repo;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this rollout.")
  String name;

  /** The clock maintenance windows are judged by; the system's outside tests. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException(repo + " is not a directory; give the repository's path");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    LoadedRepo loaded = renderer.load(repo);
    if (loaded.spec() == null) {
      loaded.fleetProblems().forEach(err::println);
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    RolloutCatalog catalog = renderer.rollouts(repo, loaded);
    for (RolloutProblem problem : catalog.problems()) {
      err.println(problem);
    }
    List<PatchRollout> shown =
        catalog.rollouts().stream().filter(r -> name == null || r.name().equals(name)).toList();
    if (name != null && shown.isEmpty() && catalog.problems().isEmpty()) {
      err.println(
          "No rollout named '"
              + name
              + "' in "
              + repo.resolve("rollouts")
              + "; the rollouts there: "
              + (catalog.rollouts().isEmpty()
                  ? "none"
                  : String.join(
                      ", ", catalog.rollouts().stream().map(PatchRollout::name).toList())));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    List<ClusterTarget> fleet = RepoClusters.in(repo);
    Instant now = clock.instant();
    for (PatchRollout rollout : shown) {
      print(out, WavePlan.of(rollout, fleet), now);
    }
    if (shown.isEmpty() && catalog.problems().isEmpty()) {
      out.println("No patch rollouts in " + repo.resolve("rollouts") + ".");
    }
    out.flush();
    err.flush();
    return catalog.problems().isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }

  private static void print(PrintWriter out, WavePlan plan, Instant now) {
    PatchRollout rollout = plan.rollout();
    out.printf(
        "%s: %s; on failure %s  (%s)%n",
        rollout.name(),
        rollout.target().describe(),
        rollout.onFailure().word(),
        rollout.declaredAt());
    int n = 1;
    for (WavePlan.Planned planned : plan.waves()) {
      var wave = planned.wave();
      out.printf(
          "  %d. %s — %d cluster(s) at a time, %d node(s) down at a time, %s  (clusters from %s)%n",
          n++,
          wave.name(),
          wave.maxParallel(),
          wave.maxUnavailableNodes(),
          Gate.describe(wave.soak()),
          wave.clusters().from());
      out.println(
          "     clusters: "
              + (planned.clusters().isEmpty()
                  ? "none"
                  : String.join(
                      ", ", planned.clusters().stream().map(ClusterTarget::name).toList())));
      if (!planned.alreadyInEarlierWave().isEmpty()) {
        out.println(
            "     also selected, patched in an earlier wave: "
                + String.join(", ", planned.alreadyInEarlierWave()));
      }
      if (!planned.unknown().isEmpty()) {
        out.println("     named but not in the fleet: " + String.join(", ", planned.unknown()));
      }
      List<String> gates = new ArrayList<>();
      for (Gate gate : wave.gates()) {
        gates.add(describe(gate, now));
      }
      out.println("     gates: " + (gates.isEmpty() ? "none" : String.join("; ", gates)));
    }
    out.println(
        "  not in any wave: "
            + (plan.unreached().isEmpty() ? "none" : String.join(", ", plan.unreached())));
  }

  static String describe(Gate gate, Instant now) {
    return io.fleetgate.rollout.GateText.describe(gate, now);
  }
}
