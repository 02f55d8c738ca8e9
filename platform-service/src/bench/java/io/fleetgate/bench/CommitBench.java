package io.fleetgate.bench;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.sync.SyncOptions;
import io.fleetgate.sync.SyncReport;
import io.fleetgate.testing.FleetRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit → applied on 3 clusters, 50 objects changed per commit, over 30 commits: the whole engine
 * (fetch, render, validate, apply, record) against the raw client applying the same 150 objects, in
 * the same run.
 */
final class CommitBench {

  private static final int OBJECTS = 50;
  private static final int COMMITS = 30;

  private CommitBench() {}

  static void run() throws Exception {
    try (BenchFleet bench = new BenchFleet(3)) {
      Path work = Files.createTempDirectory("fleetgate-bench-commit");
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      repo.write(
          "fleet.yaml",
          "apiVersion: fleetgate.io/v1alpha1\nkind: Fleet\nmetadata:\n  name: bench\nspec:\n  clusterOverlays: false\n  bundles:\n    - name: bench\n      path: bench\n");
      writeBundle(repo, 0);
      repo.commit("Bench bundle");
      List<Long> fleetgate = new ArrayList<>();
      try (SyncSetup setup =
          SyncSetup.open(
              new SyncSetup.Config(
                  repo.dir().toString(),
                  "main",
                  bench.managementKubeconfig(),
                  work.resolve("data"),
                  SyncSetup.Engine.WASM,
                  null),
              Clock.systemUTC())) {
        check(setup.engine().syncOnce(SyncOptions.all()));
        for (int commit = 1; commit <= COMMITS; commit++) {
          writeBundle(repo, commit);
          repo.commit("Change all 50 objects, round " + commit);
          long start = System.nanoTime();
          check(setup.engine().syncOnce(SyncOptions.all()));
          fleetgate.add(System.nanoTime() - start);
        }
      }

      List<RawApplyClient> raw = new ArrayList<>();
      for (var member : bench.status.workloads()) {
        raw.add(new RawApplyClient(bench.kubeconfig(member.name())));
      }
      List<Long> baseline = new ArrayList<>();
      for (int round = 1; round <= COMMITS; round++) {
        long start = System.nanoTime();
        for (RawApplyClient client : raw) {
          client.applyConfigMaps("bench-commit", "raw", OBJECTS, "round-" + round, 16);
        }
        baseline.add(System.nanoTime() - start);
      }

      Stats ours = Stats.of(fleetgate);
      Stats theirs = Stats.of(baseline);
      Report.line("");
      Report.line(
          "### Commit → applied on 3 clusters, 50 objects changed, " + COMMITS + " commits");
      Report.line("");
      Report.line("| | p50 | p99 |");
      Report.line("|---|---|---|");
      Report.line(
          "| Fleetgate: fetch + render + validate (Wasm) + apply + record | %.0f ms | %.0f ms |"
              .formatted(ours.p50Millis(), ours.p99Millis()));
      Report.line(
          "| baseline: raw SSA of the same 150 objects, nothing else | %.0f ms | %.0f ms |"
              .formatted(theirs.p50Millis(), theirs.p99Millis()));
      Report.line("");
      Report.line(
          "Fleetgate / raw apply at p50: **%.1f×** (the rest is Git, rendering, policy and records)."
              .formatted(ours.p50Millis() / theirs.p50Millis()));
    }
  }

  private static void writeBundle(FleetRepo repo, int round) {
    StringBuilder yaml =
        new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-commit\n");
    for (int i = 0; i < OBJECTS; i++) {
      yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-")
          .append(i)
          .append("\n  namespace: bench-commit\ndata:\n  round: \"")
          .append(round)
          .append("\"\n");
    }
    repo.write("bench/config-maps.yaml", yaml.toString());
  }

  static void check(SyncReport report) {
    if (!report.converged()) {
      throw new IllegalStateException("the benchmark sync did not converge: " + report.outcomes());
    }
  }
}
