package io.fleetgate.bench;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.sync.SyncOptions;
import io.fleetgate.testing.FleetRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An unchanged commit re-synced to 10 clusters × 1,000 objects: Fleetgate's incremental resync
 * (content hashes) against its own full check, which compares every object with the live cluster —
 * the work a reconciler that trusts nothing does on every pass.
 */
final class NoopResyncBench {

  private static final int CLUSTERS = Size.of(10, 2);
  private static final int OBJECTS = Size.of(1_000, 50);
  private static final int RUNS = Size.of(5, 2);

  private NoopResyncBench() {}

  static void run() throws Exception {
    try (BenchFleet bench = new BenchFleet(CLUSTERS)) {
      Path work = Files.createTempDirectory("fleetgate-bench-noop");
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      // A namespace, its default-deny NetworkPolicy and ConfigMaps: OBJECTS objects in all.
      new BenchBundle("bench-noop", OBJECTS - 2).writeTo(repo, 0);
      repo.commit("A namespace and its settings: %,d objects".formatted(OBJECTS));
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
        long start = System.nanoTime();
        EngineSeam.requireConverged(setup.engine().syncOnce(SyncOptions.all()), "the initial sync");
        double initial = (System.nanoTime() - start) / 1e9;
        List<Long> noop = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
          start = System.nanoTime();
          EngineSeam.requireConverged(
              setup.engine().syncOnce(SyncOptions.all()), "the incremental resync");
          noop.add(System.nanoTime() - start);
          start = System.nanoTime();
          EngineSeam.requireConverged(
              setup.engine().syncOnce(SyncOptions.fullCheckOfAll()), "the full check");
          full.add(System.nanoTime() - start);
        }
        Stats ours = Stats.of(noop);
        Stats theirs = Stats.of(full);
        Report.line("");
        Report.line(
            "### Unchanged commit re-synced: %d clusters × %,d objects (initial sync: %.1f s, %,.0f objects/s fleet-wide)"
                .formatted(CLUSTERS, OBJECTS, initial, CLUSTERS * OBJECTS / initial));
        Report.line("");
        Report.line("| | p50 | max |");
        Report.line("|---|---|---|");
        Report.line(
            "| Fleetgate, incremental (skip by content hash) | %.2f s | %.2f s |"
                .formatted(ours.p50Millis() / 1e3, ours.percentile(100) / 1e9));
        Report.line(
            "| baseline: full check of every object against the live cluster | %.2f s | %.2f s |"
                .formatted(theirs.p50Millis() / 1e3, theirs.percentile(100) / 1e9));
        Report.line("");
        Report.line(
            "Incremental / full at p50: **%.2f×**."
                .formatted(ours.p50Millis() / theirs.p50Millis()));
      }
    }
  }
}
