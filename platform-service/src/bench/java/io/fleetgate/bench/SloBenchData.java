package io.fleetgate.bench;

import io.fleetgate.slo.BurnRateAlert;
import io.fleetgate.slo.Labels;
import io.fleetgate.slo.Series;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SLO benchmark's fleet: {@code n} OpenSLO specs (one service each, 28-day and 30-day rolling
 * windows in turn, the default burn-rate alerts), and for each cluster the series their rules would
 * have recorded over the last 15 minutes, one sample a minute, as OpenMetrics. Each figure is a
 * function of the SLO and the cluster, so that what is read can be checked against what was
 * written.
 */
final class SloBenchData {

  private static final int MINUTES = 15;

  private SloBenchData() {}

  /** What one SLO's recorded series hold on one cluster. */
  record Figures(
      double periodRatio, double traffic, Map<Window, Double> windowRatios, String firing) {}

  static void writeSpecs(Path repo, int n) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("slos"));
    for (int i = 0; i < n; i++) {
      String service = "svc-%04d".formatted(i);
      Files.writeString(
          dir.resolve(service + ".yaml"),
          """
          apiVersion: openslo/v1
          kind: SLO
          metadata:
            name: %1$s-availability
          spec:
            service: %1$s
            budgetingMethod: Occurrences
            timeWindow:
              - duration: %2$s
                isRolling: true
            objectives:
              - target: 0.999
            indicator:
              metadata:
                name: %1$s-success
              spec:
                ratioMetric:
                  counter: true
                  good:
                    metricSource:
                      type: Prometheus
                      spec:
                        query: sum(rate(http_requests_total{service="%1$s",code!~"5.."}[{{.window}}]))
                  total:
                    metricSource:
                      type: Prometheus
                      spec:
                        query: sum(rate(http_requests_total{service="%1$s"}[{{.window}}]))
          """
              .formatted(service, i % 2 == 0 ? "28d" : "30d"));
    }
  }

  static Figures figures(Slo slo, int cluster) {
    int i = Integer.parseInt(slo.service().substring("svc-".length()));
    double ratio = 0.0001 * (1 + (i * 7 + cluster * 3) % 13);
    double traffic = 5 + (i * 11 + cluster) % 97;
    Map<Window, Double> windows = new TreeMap<>();
    int k = 0;
    for (Window w : alertWindows(slo)) {
      windows.put(w, ratio * (0.5 + 0.25 * k++ + (i % 5)));
    }
    String firing = (i + cluster) % 10 == 0 ? "page" : (i + cluster) % 10 == 5 ? "ticket" : null;
    return new Figures(ratio, traffic, windows, firing);
  }

  /** The windows the SLO's alerts read, and the hour the exhaustion estimate reads. */
  static TreeSet<Window> alertWindows(Slo slo) {
    TreeSet<Window> windows = new TreeSet<>();
    windows.add(Window.hours(1));
    for (BurnRateAlert alert : slo.alerting().conditions()) {
      windows.add(alert.longWindow());
      windows.add(alert.shortWindow());
    }
    return windows;
  }

  /** The recorded series of every SLO on one cluster up to {@code at}, as OpenMetrics. */
  static String recordedSeries(java.util.List<Slo> slos, int cluster, Instant at) {
    Map<String, StringBuilder> families = new TreeMap<>();
    for (Slo slo : slos) {
      Figures f = figures(slo, cluster);
      Window period = slo.window().length();
      String labels =
          "%s=\"%s\",%s=\"%s\"".formatted(Labels.SLO, slo.name(), Labels.SERVICE, slo.service());
      series(families, Series.errorRatio(period), labels, f.periodRatio(), at);
      series(families, Series.totalEvents(period), labels, f.traffic(), at);
      f.windowRatios().forEach((w, v) -> series(families, Series.errorRatio(w), labels, v, at));
      if (f.firing() != null) {
        series(
            families,
            "ALERTS",
            "alertname=\"SloErrorBudgetBurn\",alertstate=\"firing\",%s=\"%s\",%s"
                .formatted(Labels.SEVERITY, f.firing(), labels),
            1,
            at);
      }
    }
    StringBuilder out = new StringBuilder();
    families.forEach(
        (name, samples) -> out.append("# TYPE ").append(name).append(" gauge\n").append(samples));
    return out.append("# EOF\n").toString();
  }

  private static void series(
      Map<String, StringBuilder> families, String name, String labels, double value, Instant at) {
    StringBuilder out = families.computeIfAbsent(name, n -> new StringBuilder());
    for (int m = MINUTES - 1; m >= 0; m--) {
      out.append(name)
          .append('{')
          .append(labels)
          .append("} ")
          .append(value)
          .append(' ')
          .append(at.getEpochSecond() - m * 60L)
          .append('\n');
    }
  }
}
