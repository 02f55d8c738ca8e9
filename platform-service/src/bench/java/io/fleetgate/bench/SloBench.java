package io.fleetgate.bench;

import io.fleetgate.prometheus.PrometheusApi;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.SloFiles;
import io.fleetgate.slo.MetricsSource;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloCatalog;
import io.fleetgate.slo.SloEvaluator;
import io.fleetgate.slo.SloReading;
import io.fleetgate.testing.PrometheusServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLO evaluation across a fleet (2,000 SLOs on each of 10 clusters, each cluster with its own real
 * Prometheus; read every 30 s by the platform): the time and queries of one evaluation cycle,
 * beside a per-SLO reader in the same run that asks each figure of each SLO on its own, as a
 * dashboard bound to one SLO does. Both read clusters side by side and one query at a time per
 * cluster, from the same Prometheus servers, and must agree on every figure.
 *
 * <p>Each Prometheus holds what the SLOs' rules would have recorded over the last 15 minutes (see
 * {@link SloBenchData}): the rolling window's error ratio and traffic, and the alert windows' error
 * ratios, with alerts firing for some.
 */
final class SloBench {

  private static final int SLOS = Size.of(2_000, 20);
  private static final int CLUSTERS = Size.of(10, 2);
  private static final int CYCLES = Size.of(3, 1);

  private SloBench() {}

  static void run() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "bench-slo"));
    clean(work);
    Path repo = Files.createDirectories(work.resolve("repo"));
    SloBenchData.writeSpecs(repo, SLOS);
    SloCatalog catalog = SloFiles.read(repo, ManifestLimits.defaults());
    if (!catalog.problems().isEmpty() || catalog.slos().size() != SLOS) {
      throw new IllegalStateException(
          "the generated SLO specs do not read: " + catalog.problems().stream().limit(3).toList());
    }
    List<Slo> slos = catalog.slos();
    Instant at = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60 - 120);
    Report.line("");
    Report.line(
        "### SLO evaluation (%,d SLOs on each of %d clusters, one real Prometheus per cluster)"
            .formatted(SLOS, CLUSTERS));
    List<PrometheusServer> servers = new ArrayList<>();
    try {
      Map<String, Counted> sources = new LinkedHashMap<>();
      long loading = System.nanoTime();
      for (int c = 0; c < CLUSTERS; c++) {
        String cluster = "cluster-%02d".formatted(c);
        PrometheusServer server =
            PrometheusServer.withHistory(
                work.resolve(cluster), SloBenchData.recordedSeries(slos, c, at));
        servers.add(server);
        sources.put(cluster, new Counted(new PrometheusApi(server.url())));
      }
      Report.line(
          "Loaded %d Prometheus servers with the recorded series of %,d SLOs each in %.0f s."
              .formatted(CLUSTERS, SLOS, (System.nanoTime() - loading) / 1e9));
      Map<String, MetricsSource> clusters = new LinkedHashMap<>(sources);
      SloEvaluator evaluator = new SloEvaluator(slos);
      PerSloReader baseline = new PerSloReader(slos);

      // warm-up: one cycle each, checked
      check(evaluator.evaluate(clusters, at), slos, "Fleetgate");
      check(baseline.evaluate(clusters, at), slos, "the per-SLO reader");

      long[] fleetgate = new long[CYCLES];
      long[] perSlo = new long[CYCLES];
      long fleetgateQueries = 0;
      long perSloQueries = 0;
      double fleetgateCpu = 0;
      for (int i = 0; i < CYCLES; i++) {
        long queries = total(sources);
        long cpu = cpuNanos();
        long began = System.nanoTime();
        List<SloReading> ours = evaluator.evaluate(clusters, at);
        fleetgate[i] = System.nanoTime() - began;
        fleetgateCpu += (cpuNanos() - cpu) / 1e9;
        fleetgateQueries = total(sources) - queries;
        check(ours, slos, "Fleetgate");

        queries = total(sources);
        began = System.nanoTime();
        List<SloReading> theirs = baseline.evaluate(clusters, at);
        perSlo[i] = System.nanoTime() - began;
        perSloQueries = total(sources) - queries;
        agree(ours, theirs);
      }
      Stats ours = Stats.of(fleetgate);
      Stats theirs = Stats.of(perSlo);
      Report.line("");
      Report.line("| one evaluation cycle | queries | p50 | max | Fleetgate JVM CPU |");
      Report.line("|---|---|---|---|---|");
      Report.line(
          "| Fleetgate: a few queries per Prometheus for every SLO | %,d | %.0f ms | %.0f ms | %.2f s |"
              .formatted(
                  fleetgateQueries,
                  ours.p50Millis(),
                  ours.percentile(100) / 1e6,
                  fleetgateCpu / CYCLES));
      Report.line(
          "| baseline: each figure of each SLO asked on its own | %,d | %.0f ms | %.0f ms | — |"
              .formatted(perSloQueries, theirs.p50Millis(), theirs.percentile(100) / 1e6));
      Report.line(
          "Fleetgate / baseline at p50: **%.3f×** (%d cycles each, alternating); %,d readings per"
                  .formatted(ours.p50Millis() / theirs.p50Millis(), CYCLES, SLOS * CLUSTERS)
              + " cycle, every one known and equal in both; a cycle every 30 s leaves %s."
                  .formatted(
                      ours.percentile(100) < 30_000_000_000L
                          ? "%.0f %% of the interval idle"
                              .formatted(100 - ours.percentile(100) / 3e8)
                          : "no time: it is longer than the interval"));
    } finally {
      for (PrometheusServer server : servers) {
        server.close();
      }
    }
  }

  /** Every SLO on every cluster known, with the figures the data was written with. */
  private static void check(List<SloReading> readings, List<Slo> slos, String who) {
    if (readings.size() != slos.size() * CLUSTERS) {
      throw new IllegalStateException(
          who + " read " + readings.size() + " SLOs, not " + slos.size() * CLUSTERS);
    }
    for (SloReading reading : readings) {
      if (!(reading instanceof SloReading.Known known)) {
        throw new IllegalStateException(
            who
                + ": "
                + reading.slo().id()
                + " on "
                + reading.cluster()
                + " is unknown: "
                + reading);
      }
      int cluster = Integer.parseInt(known.cluster().substring("cluster-".length()));
      SloBenchData.Figures expected = SloBenchData.figures(known.slo(), cluster);
      double budget = known.slo().errorBudget();
      Map<io.fleetgate.slo.Window, Double> burns = new java.util.TreeMap<>();
      expected.windowRatios().forEach((w, r) -> burns.put(w, r / budget));
      burns.put(known.slo().window().length(), expected.periodRatio() / budget);
      boolean burnsMatch = burns.keySet().equals(known.burnRates().keySet());
      for (var w : burns.keySet()) {
        burnsMatch &=
            known.burnRates().get(w) != null
                && Math.abs(known.burnRates().get(w) - burns.get(w)) < 1e-9;
      }
      java.util.Set<String> firing =
          expected.firing() == null ? java.util.Set.of() : java.util.Set.of(expected.firing());
      if (Math.abs(known.errorRatio() - expected.periodRatio()) > 1e-12
          || Math.abs(known.budgetRemaining() - (1 - expected.periodRatio() / budget)) > 1e-9
          || Math.abs(known.total() / known.slo().window().length().seconds() - expected.traffic())
              > 1e-9
          || !burnsMatch
          || !known.firing().equals(firing)) {
        throw new IllegalStateException(
            who
                + ": "
                + known.slo().id()
                + " on "
                + known.cluster()
                + " reads "
                + known
                + ", written "
                + expected);
      }
    }
  }

  private static void agree(List<SloReading> ours, List<SloReading> theirs) {
    Map<String, SloReading.Known> byKey = new LinkedHashMap<>();
    for (SloReading r : theirs) {
      byKey.put(r.slo().id() + "@" + r.cluster(), (SloReading.Known) r);
    }
    for (SloReading r : ours) {
      SloReading.Known a = (SloReading.Known) r;
      SloReading.Known b = byKey.get(r.slo().id() + "@" + r.cluster());
      if (b == null
          || a.errorRatio() != b.errorRatio()
          || !a.burnRates().equals(b.burnRates())
          || !a.firing().equals(b.firing())
          || a.total() != b.total()) {
        throw new IllegalStateException(
            "Fleetgate and the per-SLO reader disagree on " + r.slo().id() + " on " + r.cluster());
      }
    }
  }

  private static long total(Map<String, Counted> sources) {
    return sources.values().stream().mapToLong(Counted::count).sum();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void clean(Path work) throws java.io.IOException {
    try (var paths = Files.walk(work)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(work)) {
          Files.delete(p);
        }
      }
    }
  }

  /** A source that counts the queries asked of it. */
  private static final class Counted implements MetricsSource {
    private final MetricsSource source;
    private final java.util.concurrent.atomic.AtomicLong count =
        new java.util.concurrent.atomic.AtomicLong();

    Counted(MetricsSource source) {
      this.source = source;
    }

    @Override
    public Answer query(String promql, Instant at) {
      count.incrementAndGet();
      return source.query(promql, at);
    }

    long count() {
      return count.get();
    }
  }
}
