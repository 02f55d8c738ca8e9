package io.fleetgate.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every SLO's figures from the series its rules record, a few queries per Prometheus whatever
 * the number of SLOs: per distinct rolling window, the error ratio and the average traffic its
 * rules record; per distinct calendar period, the average bad and total event rates (or the average
 * 5-minute error ratio) since it began; per distinct alert window, the error ratio; and the firing
 * alerts. Clusters are read side by side.
 */
public final class SloEvaluator {

  private static final Window ONE_HOUR = Window.hours(1);
  private static final String ALERTS = "alerts";
  private static final String BY = "by (" + Labels.SLO + ", " + Labels.SERVICE + ")";

  private final List<Slo> slos;

  public SloEvaluator(List<Slo> slos) {
    this.slos = List.copyOf(slos);
  }

  /** How many queries one cluster costs per evaluation. */
  public int queriesPerCluster(Instant at) {
    return plan(at).size();
  }

  /** Every SLO on every cluster, at {@code at}. */
  public List<SloReading> evaluate(Map<String, MetricsSource> clusters, Instant at) {
    List<SloReading> readings = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<SloReading>>> futures = new ArrayList<>();
      for (Map.Entry<String, MetricsSource> cluster : clusters.entrySet()) {
        futures.add(pool.submit(() -> evaluate(cluster.getKey(), cluster.getValue(), at)));
      }
      for (Future<List<SloReading>> future : futures) {
        readings.addAll(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading SLOs", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading SLOs failed", e.getCause());
    }
    return readings;
  }

  /** Every SLO on one cluster. */
  public List<SloReading> evaluate(String cluster, MetricsSource source, Instant at) {
    Map<String, String> queries = plan(at);
    Map<String, Map<String, Double>> answers = new HashMap<>();
    Map<String, Set<String>> firing = Map.of();
    for (Map.Entry<String, String> query : queries.entrySet()) {
      switch (source.query(query.getValue(), at)) {
        case MetricsSource.Answer.Failed failed -> {
          List<SloReading> unknown = new ArrayList<>();
          for (Slo slo : slos) {
            unknown.add(new SloReading.Unknown(slo, cluster, at, failed.reason()));
          }
          return unknown;
        }
        case MetricsSource.Answer.Samples samples -> {
          if (query.getKey().equals(ALERTS)) {
            firing = firing(samples);
          } else {
            answers.put(query.getKey(), bySlo(samples));
          }
        }
      }
    }
    List<SloReading> readings = new ArrayList<>();
    for (Slo slo : slos) {
      readings.add(reading(slo, cluster, at, answers, firing.getOrDefault(slo.id(), Set.of())));
    }
    return readings;
  }

  /**
   * The queries of one evaluation, by key. A rolling window's error ratio (and, for event
   * indicators, its average traffic) is read from the series the rules record for it, so that the
   * month of samples behind it is scanned by the rules once per interval, not again on every read;
   * a calendar window's figures, which no rule can record, are computed over the period so far.
   */
  private Map<String, String> plan(Instant at) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (Slo slo : slos) {
      Optional<Window> period = period(slo, at);
      if (period.isEmpty()) {
        continue;
      }
      Window p = period.get();
      if (slo.window().rolling()) {
        if (weighted(slo)) {
          queries.putIfAbsent("total|" + p, "max %s (%s)".formatted(BY, Series.totalEvents(p)));
        }
      } else if (weighted(slo)) {
        queries.putIfAbsent(
            "bad|" + p, "sum %s (avg_over_time(%s[%s]))".formatted(BY, Series.BAD_EVENTS, p));
        queries.putIfAbsent(
            "total|" + p, "sum %s (avg_over_time(%s[%s]))".formatted(BY, Series.TOTAL_EVENTS, p));
      } else {
        queries.putIfAbsent(
            "ratio|" + p,
            "avg %s (avg_over_time(%s[%s]))"
                .formatted(BY, Series.errorRatio(Window.minutes(5)), p));
      }
    }
    for (Window window : windows()) {
      queries.put("window|" + window, "max %s (%s)".formatted(BY, Series.errorRatio(window)));
    }
    queries.put(ALERTS, "ALERTS{alertstate=\"firing\", " + Labels.SLO + "!=\"\"}");
    return queries;
  }

  /**
   * Every window an SLO's alerts use, every rolling SLO window, and one hour, which the exhaustion
   * estimate uses.
   */
  private TreeSet<Window> windows() {
    TreeSet<Window> windows = new TreeSet<>();
    windows.add(ONE_HOUR);
    for (Slo slo : slos) {
      if (slo.window().rolling()) {
        windows.add(slo.window().length());
      }
      for (BurnRateAlert alert : slo.alerting().conditions()) {
        windows.add(alert.longWindow());
        windows.add(alert.shortWindow());
      }
    }
    return windows;
  }

  private static boolean weighted(Slo slo) {
    return slo.budgeting().method() == Budgeting.Method.OCCURRENCES
        && slo.indicator() instanceof Indicator.EventRatio;
  }

  /**
   * The SLO's window up to {@code at}: the rolling window, or the time since the current calendar
   * period began; empty before the first period.
   */
  static Optional<Window> period(Slo slo, Instant at) {
    if (slo.window().rolling()) {
      return Optional.of(slo.window().length());
    }
    SloWindow.Calendar calendar = slo.window().calendar();
    ZonedDateTime start = calendar.start();
    if (at.isBefore(start.toInstant())) {
      return Optional.empty();
    }
    ChronoUnit unit =
        switch (calendar.unit()) {
          case DAY -> ChronoUnit.DAYS;
          case WEEK -> ChronoUnit.WEEKS;
          case MONTH, QUARTER -> ChronoUnit.MONTHS;
          case YEAR -> ChronoUnit.YEARS;
        };
    long step = calendar.amount() * (calendar.unit() == SloWindow.Unit.QUARTER ? 3L : 1L);
    ZonedDateTime now = at.atZone(start.getZone());
    long periods = unit.between(start, now) / step;
    ZonedDateTime begins = start.plus(periods * step, unit);
    if (begins.isAfter(now)) {
      begins = start.plus((periods - 1) * step, unit);
    }
    long seconds = Math.max(60, Duration.between(begins, now).toSeconds());
    return Optional.of(new Window(seconds));
  }

  private SloReading reading(
      Slo slo,
      String cluster,
      Instant at,
      Map<String, Map<String, Double>> answers,
      Set<String> firing) {
    Optional<Window> period = period(slo, at);
    if (period.isEmpty()) {
      return new SloReading.Unknown(
          slo, cluster, at, "its calendar window starts at " + slo.window().calendar().start());
    }
    Window p = period.get();
    double ratio;
    double bad = Double.NaN;
    double total = Double.NaN;
    if (slo.window().rolling()) {
      Double value = answers.get("window|" + p).get(slo.id());
      if (value == null) {
        return noSeries(slo, cluster, at, Series.errorRatio(p));
      }
      ratio = value;
      if (weighted(slo)) {
        // Without the traffic series (rules written before it was recorded) the cluster's own
        // figures stand; only its weight in the fleet-wide roll-up is unknown.
        Double totalRate = answers.get("total|" + p).get(slo.id());
        if (totalRate != null && Double.isFinite(totalRate) && totalRate >= 0) {
          total = totalRate * p.seconds();
          bad = ratio * total;
        }
      }
    } else if (weighted(slo)) {
      Double badRate = answers.get("bad|" + p).get(slo.id());
      Double totalRate = answers.get("total|" + p).get(slo.id());
      if (badRate == null || totalRate == null) {
        return noSeries(slo, cluster, at, Series.BAD_EVENTS);
      }
      bad = badRate * p.seconds();
      total = totalRate * p.seconds();
      ratio = badRate / totalRate;
    } else {
      Double value = answers.get("ratio|" + p).get(slo.id());
      if (value == null) {
        return noSeries(slo, cluster, at, Series.errorRatio(Window.minutes(5)));
      }
      ratio = value;
    }
    if (!Double.isFinite(ratio)) {
      return new SloReading.Unknown(slo, cluster, at, "no events over its window (" + p + ")");
    }
    double budget = slo.errorBudget();
    Map<Window, Double> burnRates = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> answer : answers.entrySet()) {
      if (answer.getKey().startsWith("window|")) {
        Double value = answer.getValue().get(slo.id());
        if (value != null && Double.isFinite(value)) {
          burnRates.put(Window.parse(answer.getKey().substring(7)), value / budget);
        }
      }
    }
    double remaining = 1 - ratio / budget;
    Double hourly = burnRates.get(ONE_HOUR);
    Optional<Duration> exhaustion =
        hourly != null && hourly > 0 && remaining > 0
            ? Optional.of(Duration.ofSeconds((long) (remaining * p.seconds() / hourly)))
            : Optional.empty();
    return new SloReading.Known(
        slo, cluster, at, ratio, remaining, burnRates, exhaustion, bad, total, firing);
  }

  private static SloReading noSeries(Slo slo, String cluster, Instant at, String series) {
    return new SloReading.Unknown(
        slo,
        cluster,
        at,
        "this Prometheus has no "
            + series
            + " series for it: load its rules as this version of Fleetgate writes them (fleetgate"
            + " slo rules) and check that the service has traffic");
  }

  private static Map<String, Set<String>> firing(MetricsSource.Answer.Samples samples) {
    Map<String, Set<String>> firing = new HashMap<>();
    for (MetricsSource.Sample sample : samples.samples()) {
      String id = sample.labels().get(Labels.SERVICE) + "/" + sample.labels().get(Labels.SLO);
      firing
          .computeIfAbsent(id, k -> new HashSet<>())
          .add(sample.labels().getOrDefault(Labels.SEVERITY, "unknown"));
    }
    return firing;
  }

  private static Map<String, Double> bySlo(MetricsSource.Answer.Samples samples) {
    Map<String, Double> values = new HashMap<>();
    for (MetricsSource.Sample sample : samples.samples()) {
      String slo = sample.labels().get(Labels.SLO);
      String service = sample.labels().get(Labels.SERVICE);
      if (slo != null && service != null) {
        values.put(service + "/" + slo, sample.value());
      }
    }
    return values;
  }
}
