package io.fleetgate.bench;

import io.fleetgate.slo.Labels;
import io.fleetgate.slo.MetricsSource;
import io.fleetgate.slo.Series;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloReading;
import io.fleetgate.slo.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The SLO benchmark's baseline: each figure of each SLO asked on its own, by its series and the
 * SLO's labels, as a view bound to one SLO reads it. Clusters side by side, one query at a time per
 * cluster, like {@link io.fleetgate.slo.SloEvaluator}; the same arithmetic on the answers.
 */
final class PerSloReader {

  private final List<Slo> slos;

  PerSloReader(List<Slo> slos) {
    this.slos = List.copyOf(slos);
  }

  List<SloReading> evaluate(Map<String, MetricsSource> clusters, Instant at) throws Exception {
    List<SloReading> readings = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<SloReading>>> futures = new ArrayList<>();
      for (Map.Entry<String, MetricsSource> c : clusters.entrySet()) {
        futures.add(pool.submit(() -> cluster(c.getKey(), c.getValue(), at)));
      }
      for (Future<List<SloReading>> f : futures) {
        readings.addAll(f.get());
      }
    }
    return readings;
  }

  private List<SloReading> cluster(String cluster, MetricsSource source, Instant at) {
    List<SloReading> readings = new ArrayList<>();
    for (Slo slo : slos) {
      readings.add(one(slo, cluster, source, at));
    }
    return readings;
  }

  private static SloReading one(Slo slo, String cluster, MetricsSource source, Instant at) {
    String selector =
        "{%s=\"%s\", %s=\"%s\"}".formatted(Labels.SLO, slo.name(), Labels.SERVICE, slo.service());
    Window period = slo.window().length();
    double budget = slo.errorBudget();
    Map<Window, Double> burnRates = new LinkedHashMap<>();
    Set<Window> windows = new java.util.TreeSet<>(SloBenchData.alertWindows(slo));
    windows.add(period);
    Double ratio = null;
    for (Window w : windows) {
      Double v = value(source.query(Series.errorRatio(w) + selector, at));
      if (w.equals(period)) {
        ratio = v;
      }
      if (v != null && Double.isFinite(v)) {
        burnRates.put(w, v / budget);
      }
    }
    Double traffic = value(source.query(Series.totalEvents(period) + selector, at));
    if (ratio == null || traffic == null) {
      return new SloReading.Unknown(slo, cluster, at, "no recorded series");
    }
    Set<String> firing = new HashSet<>();
    if (source.query(
            "ALERTS{alertstate=\"firing\", %s=\"%s\", %s=\"%s\"}"
                .formatted(Labels.SLO, slo.name(), Labels.SERVICE, slo.service()),
            at)
        instanceof MetricsSource.Answer.Samples alerts) {
      alerts
          .samples()
          .forEach(s -> firing.add(s.labels().getOrDefault(Labels.SEVERITY, "unknown")));
    }
    double total = traffic * period.seconds();
    double remaining = 1 - ratio / budget;
    Double hourly = burnRates.get(Window.hours(1));
    Optional<Duration> exhaustion =
        hourly != null && hourly > 0 && remaining > 0
            ? Optional.of(Duration.ofSeconds((long) (remaining * period.seconds() / hourly)))
            : Optional.empty();
    return new SloReading.Known(
        slo, cluster, at, ratio, remaining, burnRates, exhaustion, ratio * total, total, firing);
  }

  private static Double value(MetricsSource.Answer answer) {
    return answer instanceof MetricsSource.Answer.Samples s && !s.samples().isEmpty()
        ? s.samples().getFirst().value()
        : null;
  }
}
