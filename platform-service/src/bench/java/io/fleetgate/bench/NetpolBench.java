package io.fleetgate.bench;

import io.fleetgate.netpol.Connection;
import io.fleetgate.netpol.ConnectionSet;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.NetworkModel;
import io.fleetgate.netpol.Policy;
import io.fleetgate.netpol.Workload;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy analysis of a generated cluster (5,000 workloads, 600 namespaces, 13,000 policies;
 * targets 10 s full and 100 ms after one policy changes): the engine's full analysis and its update
 * after one policy changes, beside the naive pair-by-pair evaluation in the same run. The baseline
 * is timed on a sample of destinations (every source to each) and scaled to all of them; its rows
 * for the sample must equal the engine's, and every update must equal a fresh analysis.
 */
final class NetpolBench {

  private static final int NAMESPACES = Size.of(600, 6);
  private static final int WORKLOADS = Size.of(5_000, 50);
  private static final int POLICIES = Size.of(13_000, 130);
  private static final int SAMPLE = Size.of(3, 10);
  private static final int UPDATES = Size.of(20, 5);
  private static final int WARMUP_UPDATES = Size.of(10, 2);
  private static final boolean DEBUG = Boolean.getBoolean("netpol.bench.debug");

  private NetpolBench() {}

  static void run() {
    NetworkModel model = NetpolFleet.generate(NAMESPACES, WORKLOADS, POLICIES);
    Report.line("");
    Report.line(
        "### NetworkPolicy analysis (%,d workloads, %,d namespaces, %,d policies)"
            .formatted(
                model.workloads().size(), model.namespaces().size(), model.policies().size()));
    Report.line("");
    // Warm-up: one analysis, so the measured one is not the JIT's first.
    NetworkAnalysis.of(model).connectionCount();

    long start = System.nanoTime();
    NetworkAnalysis analysis = NetworkAnalysis.of(model);
    double analyse = (System.nanoTime() - start) / 1e6;
    start = System.nanoTime();
    List<Connection> rows = analysis.connections();
    double list = (System.nanoTime() - start) / 1e6;

    double naive = naive(model, analysis);
    double[] updates = updates(analysis, model);

    Report.line("| measure | time | target |");
    Report.line("|---|---|---|");
    Report.line("| engine: full analysis | %.0f ms | ≤ 10,000 ms |".formatted(analyse));
    Report.line(
        "| engine: listing the %,d allowed connections, sorted | %.0f ms | — |"
            .formatted(rows.size(), list));
    Report.line(
        "| baseline: naive pair-by-pair, workload pairs only (%d destinations timed, scaled to %,d) | %.0f ms | — |"
            .formatted(SAMPLE, model.workloads().size(), naive));
    Report.line(
        "| engine: update after one policy changes (%d changes) | p50 %.1f ms, max %.1f ms | ≤ 100 ms |"
            .formatted(updates.length, percentile(updates, 0.5), updates[updates.length - 1]));
    Report.line("| engine: update, p90 | %.1f ms | — |".formatted(percentile(updates, 0.9)));
    Report.line(
        "| baseline for the update: the engine's full analysis again | %.0f ms | — |"
            .formatted(analyse));
    if (!Size.isSmoke() && (analyse > 10_000 || percentile(updates, 0.5) > 100)) {
      throw new IllegalStateException("the NetworkPolicy analysis misses its targets");
    }
  }

  /** Times the baseline on a sample of destinations and checks it agrees with the engine. */
  private static double naive(NetworkModel model, NetworkAnalysis analysis) {
    NaiveReachability baseline = new NaiveReachability(model);
    List<Workload> workloads = model.workloads();
    Map<String, ConnectionSet> engine = new HashMap<>();
    for (Connection c : analysis.connections()) {
      if (c.src() instanceof Endpoint.Pods && c.dst() instanceof Endpoint.Pods) {
        engine.put(c.src().name() + " " + c.dst().name(), c.conn());
      }
    }
    int step = Math.max(1, workloads.size() / SAMPLE);
    int sampled = 0;
    long start = System.nanoTime();
    for (int d = 0; d < workloads.size() && sampled < SAMPLE; d += step, sampled++) {
      Workload dst = workloads.get(d);
      for (Workload src : workloads) {
        if (src == dst) {
          continue;
        }
        ConnectionSet conn = baseline.between(src, dst);
        ConnectionSet want =
            engine.getOrDefault(
                src.endpoint().name() + " " + dst.endpoint().name(), ConnectionSet.NONE);
        if (!conn.equals(want)) {
          throw new IllegalStateException(
              "the baseline and the engine disagree on "
                  + src.endpoint()
                  + " => "
                  + dst.endpoint()
                  + ": "
                  + conn
                  + " vs "
                  + want);
        }
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e6;
    return elapsed * workloads.size() / sampled;
  }

  /** Changes one policy at a time, timing each update; checks the last against a fresh analysis. */
  private static double[] updates(NetworkAnalysis analysis, NetworkModel model) {
    double[] times = new double[UPDATES];
    for (int u = -WARMUP_UPDATES; u < UPDATES; u++) {
      // An existing allow policy (not a default deny or the DNS rule) of a spread of namespaces.
      int p = 2 * NAMESPACES + Math.floorMod(u * 7919, POLICIES - 2 * NAMESPACES);
      int namespace = p % NAMESPACES;
      int j = p / NAMESPACES;
      Policy changed = NetpolFleet.policy(namespace, j, 1 + Math.abs(u));
      long start = System.nanoTime();
      analysis.update(changed);
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (u >= 0) {
        times[u] = elapsed;
      }
      if (DEBUG) {
        System.out.printf("update %d: %s %.1f ms%n", u, changed.id(), elapsed);
      }
    }
    List<Connection> updated = analysis.connections();
    List<Connection> fresh = NetworkAnalysis.of(analysis.model()).connections();
    if (analysis.model().policies().size() != model.policies().size()) {
      throw new IllegalStateException("an update added a policy instead of changing one");
    }
    if (!updated.equals(fresh)) {
      throw new IllegalStateException(
          "after the updates the engine lists "
              + updated.size()
              + " connections, a fresh analysis "
              + fresh.size());
    }
    Arrays.sort(times);
    return times;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }
}
