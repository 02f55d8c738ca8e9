package io.fleetgate.app;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.SloStatus;
import io.fleetgate.prometheus.PrometheusApi;
import io.fleetgate.render.FleetSpec;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.slo.BurnRateAlert;
import io.fleetgate.slo.MetricsSource;
import io.fleetgate.slo.ServiceRollup;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloEvaluator;
import io.fleetgate.slo.SloReading;
import io.fleetgate.slo.Window;
import io.fleetgate.store.SloSnapshot;
import io.fleetgate.store.sqlite.SqliteStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's view of its SLOs: the synced revision's SLOs read from each cluster's Prometheus
 * (as {@code fleet.yaml} names it), at most once per {@code freshFor} however many ask, with a
 * snapshot kept every {@code snapshotEvery} for trends.
 */
final class SloMonitor {

  private static final Logger log = LoggerFactory.getLogger(SloMonitor.class);

  /** How long snapshots are kept. */
  static final Duration RETENTION = Duration.ofDays(400);

  private static final List<Window> TREND =
      List.of(Window.hours(1), Window.hours(6), Window.days(3));

  private final Supplier<Optional<LoadedRepo>> repository;
  private final Supplier<List<ClusterSummary>> clusters;
  private final SqliteStore store;
  private final Clock clock;
  private final Duration freshFor;
  private final Duration snapshotEvery;
  private final Map<URI, PrometheusApi> sources = new ConcurrentHashMap<>();

  /**
   * By service/SLO/cluster and the SLO's definition: the figures last read, for what is unknown
   * now. Bounded by the SLOs and clusters of the latest reading.
   */
  private final Map<String, SloStatus.LastKnown> lastKnown = new java.util.HashMap<>();

  /**
   * By service/SLO/cluster: the latest known snapshots, read once after a start, when an SLO is
   * first unknown; null until then.
   */
  private Map<String, SloStatus.Point> stored;

  private Instant storedRetry = Instant.EPOCH;

  private SloStatus.Report latest;
  private List<SloReading> latestReadings = List.of();
  private Instant lastSnapshot = Instant.EPOCH;

  SloMonitor(
      Supplier<Optional<LoadedRepo>> repository,
      Supplier<List<ClusterSummary>> clusters,
      SqliteStore store,
      Clock clock,
      Duration freshFor,
      Duration snapshotEvery) {
    this.repository = repository;
    this.clusters = clusters;
    this.store = store;
    this.clock = clock;
    this.freshFor = freshFor;
    this.snapshotEvery = snapshotEvery;
  }

  /** The latest figures, read again when older than {@code freshFor}; one reading at a time. */
  synchronized SloStatus.Report status() {
    // to the millisecond, as snapshots keep it
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (latest != null && latest.at().plus(freshFor).isAfter(now)) {
      return latest;
    }
    latest = evaluate(now);
    if (!latest.slos().isEmpty() && !lastSnapshot.plus(snapshotEvery).isAfter(now)) {
      record(latest);
      lastSnapshot = now;
    }
    return latest;
  }

  /** The readings behind {@link #status}, read again as it is; empty before any. */
  synchronized List<SloReading> readings() {
    status();
    return latestReadings;
  }

  /** The SLOs of the synced revision. */
  List<Slo> slos() {
    return repository.get().map(r -> r.slos().slos()).orElse(List.of());
  }

  SloStatus.History history(
      String service, String slo, String cluster, Instant from, Instant to, int points) {
    List<SloStatus.Point> all = store.sloSnapshots(service, slo, cluster, from, to, 1_000_000);
    Map<String, List<SloStatus.Point>> byCluster = new TreeMap<>();
    for (SloStatus.Point p : all) {
      byCluster.computeIfAbsent(p.cluster(), c -> new ArrayList<>()).add(p);
    }
    List<SloStatus.Point> thinned = new ArrayList<>();
    for (List<SloStatus.Point> one : byCluster.values()) {
      thinned.addAll(thin(one, points));
    }
    return new SloStatus.History(service, slo, thinned);
  }

  /**
   * At most {@code points} of a cluster's series: of each run of consecutive points, the one with
   * the least budget left, so that a dip survives thinning.
   */
  static List<SloStatus.Point> thin(List<SloStatus.Point> points, int max) {
    if (points.size() <= max) {
      return points;
    }
    List<SloStatus.Point> out = new ArrayList<>(max);
    double per = (double) points.size() / max;
    for (int b = 0; b < max; b++) {
      int from = (int) Math.floor(b * per);
      int to = Math.min(points.size(), (int) Math.floor((b + 1) * per));
      SloStatus.Point pick = points.get(from);
      for (int i = from; i < to; i++) {
        SloStatus.Point p = points.get(i);
        if (p.budgetRemaining() != null
            && (pick.budgetRemaining() == null || p.budgetRemaining() < pick.budgetRemaining())) {
          pick = p;
        }
      }
      out.add(pick);
    }
    return out;
  }

  private SloStatus.Report evaluate(Instant now) {
    Optional<LoadedRepo> loaded = repository.get();
    if (loaded.isEmpty() || loaded.get().spec() == null) {
      latestReadings = List.of();
      return new SloStatus.Report(now, List.of(), List.of());
    }
    LoadedRepo repo = loaded.get();
    List<String> problems = repo.slos().problems().stream().map(Object::toString).toList();
    List<Slo> slos = repo.slos().slos();
    FleetSpec.SloSettings settings = repo.spec().slo();
    Map<String, MetricsSource> byCluster = new LinkedHashMap<>();
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (ClusterSummary c : clusters.get()) {
      labels.put(c.name(), c.labels());
      settings
          .prometheusFor(c.name(), c.labels())
          .ifPresent(url -> byCluster.put(c.name(), source(url)));
    }
    if (slos.isEmpty() || byCluster.isEmpty()) {
      latestReadings = List.of();
      return new SloStatus.Report(now, List.of(), problems);
    }
    List<SloReading> readings =
        new SloEvaluator(slos)
            .evaluate(byCluster, now).stream()
                .filter(r -> settings.judges(r.slo().service(), labels.get(r.cluster())))
                .toList();
    latestReadings = readings;
    List<SloStatus.SloView> views = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ServiceRollup rollup : ServiceRollup.of(readings)) {
      views.add(view(rollup, seen));
    }
    lastKnown.keySet().retainAll(seen);
    return new SloStatus.Report(now, views, problems);
  }

  private PrometheusApi source(URI url) {
    return sources.computeIfAbsent(url, PrometheusApi::new);
  }

  private static String key(Slo slo, String cluster) {
    return slo.service() + "/" + slo.name() + "/" + cluster;
  }

  /** The key of figures held in memory: a changed target or window makes them another SLO's. */
  private static String heldKey(Slo slo, String cluster) {
    return key(slo, cluster) + "|" + slo.target() + "|" + slo.window().describe();
  }

  /**
   * What was last read for an SLO unknown now, if within its window: held since it was read, or,
   * after a restart, the latest known snapshot (all read in one query, once).
   */
  private Optional<SloStatus.LastKnown> lastKnown(Slo slo, String cluster, Instant now) {
    Instant oldest = now.minusSeconds(slo.window().length().seconds());
    SloStatus.LastKnown held = lastKnown.get(heldKey(slo, cluster));
    if (held != null) {
      return held.at().isBefore(oldest) ? Optional.empty() : Optional.of(held);
    }
    if (stored == null && !now.isBefore(storedRetry)) {
      try {
        stored = store.lastKnownSlos(now.minus(RETENTION));
      } catch (RuntimeException e) {
        log.warn("Cannot read the last known SLO figures: {}", e.getMessage());
        storedRetry = now.plus(snapshotEvery);
      }
    }
    SloStatus.Point p = stored == null ? null : stored.get(key(slo, cluster));
    if (p == null || p.at().isBefore(oldest)) {
      return Optional.empty();
    }
    return Optional.of(
        new SloStatus.LastKnown(p.at(), p.errorRatio(), p.budgetRemaining(), trend(p)));
  }

  private static Map<String, Double> trend(SloStatus.Point p) {
    Map<String, Double> burns = new LinkedHashMap<>();
    putIfPresent(burns, "1h", p.burn1h());
    putIfPresent(burns, "6h", p.burn6h());
    putIfPresent(burns, "3d", p.burn3d());
    return burns;
  }

  private static void putIfPresent(Map<String, Double> burns, String window, Double value) {
    if (value != null) {
      burns.put(window, value);
    }
  }

  private void record(SloStatus.Report report) {
    List<SloSnapshot> snapshots = new ArrayList<>();
    for (SloStatus.SloView slo : report.slos()) {
      for (SloStatus.ClusterView c : slo.clusters()) {
        snapshots.add(
            new SloSnapshot(
                slo.service(),
                slo.name(),
                new SloStatus.Point(
                    report.at(),
                    c.cluster(),
                    c.state(),
                    c.errorRatio(),
                    c.budgetRemaining(),
                    c.burnRates().get("1h"),
                    c.burnRates().get("6h"),
                    c.burnRates().get("3d"))));
      }
    }
    try {
      store.recordSloSnapshots(snapshots, report.at().minus(RETENTION));
    } catch (RuntimeException e) {
      log.warn("Cannot keep the SLO snapshots: {}", e.getMessage());
    }
  }

  private SloStatus.SloView view(ServiceRollup rollup, java.util.Set<String> seen) {
    Slo slo = rollup.slo();
    List<SloStatus.ClusterView> clusters = new ArrayList<>();
    for (SloReading.Known k : rollup.known()) {
      Map<String, Double> burns = new LinkedHashMap<>();
      new TreeMap<>(k.burnRates()).forEach((w, r) -> burns.put(w.toString(), r));
      String key = heldKey(slo, k.cluster());
      seen.add(key);
      Map<String, Double> trend = new LinkedHashMap<>();
      for (Window w : TREND) {
        putIfPresent(trend, w.toString(), k.burnRates().get(w));
      }
      lastKnown.put(
          key, new SloStatus.LastKnown(k.at(), k.errorRatio(), k.budgetRemaining(), trend));
      clusters.add(
          new SloStatus.ClusterView(
              k.cluster(),
              "known",
              k.errorRatio(),
              k.budgetRemaining(),
              burns,
              k.exhaustion().map(Duration::toSeconds).orElse(null),
              List.copyOf(new TreeSet<>(k.firing())),
              null,
              null));
    }
    for (SloReading.Unknown u : rollup.unknown()) {
      seen.add(heldKey(slo, u.cluster()));
      clusters.add(
          new SloStatus.ClusterView(
              u.cluster(),
              "unknown",
              null,
              null,
              Map.of(),
              null,
              List.of(),
              u.reason(),
              lastKnown(slo, u.cluster(), u.at()).orElse(null)));
    }
    List<SloStatus.AlertView> alerts = new ArrayList<>();
    for (BurnRateAlert a : slo.alerting().conditions()) {
      alerts.add(
          new SloStatus.AlertView(
              a.severity(), a.factor(), a.longWindow().toString(), a.shortWindow().toString()));
    }
    return new SloStatus.SloView(
        slo.service(),
        slo.name(),
        slo.description(),
        slo.target(),
        slo.window().describe(),
        rollup.weighted().map(ServiceRollup.Figures::errorRatio).orElse(null),
        rollup.weighted().map(ServiceRollup.Figures::budgetRemaining).orElse(null),
        alerts,
        clusters);
  }
}
