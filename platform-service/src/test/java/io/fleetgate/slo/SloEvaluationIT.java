package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetgate.prometheus.PrometheusApi;
import io.fleetgate.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLOs evaluated against a real Prometheus holding a month of history whose answers are known: a
 * quiet service (0.01 % errors all month), a slow burn (0.2 % for the last 3 days) and a sharp
 * outage (every request failing for 30 minutes, ending 90 minutes ago). The history is written as
 * OpenMetrics, backfilled, and the SLOs' own recording rules are evaluated over it by promtool; the
 * figures must match the ones computed here from the same counts to 0.1 %.
 */
class SloEvaluationIT {

  private static final long STEP = 60;
  private static final double RATE = 100; // requests per second
  private static final long WEEK = 7 * 86400L;

  @TempDir static Path work;

  private static Instant end;
  private static Instant start;
  private static PrometheusServer prometheus;
  private static List<Slo> slos;
  private static final Map<String, History> histories = new LinkedHashMap<>();

  /** One service's counts per minute, for the expected figures. */
  private record History(double[] good, double[] bad) {

    /** The error ratio of the requests counted at times in {@code (from, to]} (epoch seconds). */
    double ratioBetween(double from, double to) {
      double b = 0;
      double t = 0;
      for (int i = 0; i < good.length; i++) {
        long at = start.getEpochSecond() + i * STEP;
        if (at > from && at <= to) {
          b += bad[i];
          t += good[i] + bad[i];
        }
      }
      return b / t;
    }

    /**
     * The error ratio two {@code rate(…[w])} give at {@code t}, as PromQL defines it: the range
     * holds the samples in {@code [t − w, t]}; each rate is the increase between its first and last
     * sample, extrapolated to the range by the same factor, which the ratio cancels.
     */
    double rateRatio(double t, long w) {
      double first = Math.ceil((t - w) / STEP) * STEP;
      double last = Math.floor(t / STEP) * STEP;
      return ratioBetween(first, last);
    }
  }

  @BeforeAll
  static void startPrometheusWithAMonthOfHistory() throws Exception {
    long now = Instant.now().getEpochSecond();
    end = Instant.ofEpochSecond((now / 3600) * 3600 - 3 * 3600);
    start = end.minusSeconds(WEEK + 6 * 3600);
    int minutes = (int) ((end.getEpochSecond() - start.getEpochSecond()) / STEP);
    histories.put("quiet", history(minutes, at -> 0.0001));
    histories.put(
        "slow", history(minutes, at -> at > end.getEpochSecond() - 3 * 86400 ? 0.002 : 0.0001));
    histories.put(
        "outage",
        history(
            minutes,
            at ->
                at > end.getEpochSecond() - 120 * 60 && at <= end.getEpochSecond() - 90 * 60
                    ? 1.0
                    : 0.0001));
    prometheus = PrometheusServer.withHistory(work, openMetrics());
    StringBuilder specs = new StringBuilder();
    for (String service : histories.keySet()) {
      specs.append(spec(service)).append("---\n");
    }
    SloCatalog catalog = Specs.read(work.resolve("repo"), specs.toString());
    assertThat(catalog.problems()).isEmpty();
    slos = catalog.slos();
    io.fleetgate.testing.SloHistoryRules.backfill(
        prometheus,
        slos,
        work.resolve("rules"),
        end.minusSeconds(WEEK + 600),
        end,
        Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void budgetsAndBurnRatesMatchTheHistoryToATenthOfAPercent() {
    PrometheusApi api = new PrometheusApi(prometheus.url());
    List<SloReading> readings = new SloEvaluator(slos).evaluate("beijing-prod", api, end);
    // Figures are as of each rule group's latest evaluation at or before `end`; Prometheus offsets
    // a group's evaluations by a hash of its name, so ask when that was.
    double rates = evaluatedAt(api, Series.BAD_EVENTS);
    double ratios = evaluatedAt(api, Series.errorRatio(Window.hours(1)));

    assertThat(readings).hasSize(3).allMatch(r -> r instanceof SloReading.Known, "known");
    for (SloReading reading : readings) {
      SloReading.Known known = (SloReading.Known) reading;
      History history = histories.get(known.slo().service());
      double ratio = history.ratioBetween(rates - WEEK, rates);
      String name = known.slo().service();
      assertThat(known.errorRatio())
          .as(name + " error ratio")
          .isCloseTo(ratio, within(ratio * 0.001));
      double spent = ratio / 0.001;
      assertThat(1 - known.budgetRemaining())
          .as(name + " share of the budget spent")
          .isCloseTo(spent, within(spent * 0.001));
      for (Window window : List.of(Window.hours(1), Window.hours(6), Window.days(3))) {
        double burn = history.rateRatio(ratios, window.seconds()) / 0.001;
        assertThat(known.burnRates().get(window))
            .as(name + " burn rate over " + window)
            .isCloseTo(burn, within(burn * 0.001));
      }
      assertThat(known.total())
          .as(name + " events")
          .isCloseTo(RATE * WEEK, within(RATE * WEEK * 0.001));
    }
    SloReading.Known outage = known(readings, "outage");
    assertThat(outage.burnRates().get(Window.hours(6))).isGreaterThan(80);
    assertThat(outage.budgetRemaining()).as("overspent").isBetween(-2.1, -2.05);
    assertThat(known(readings, "slow").burnRates().get(Window.days(3)))
        .isCloseTo(2.0, within(0.01));
    assertThat(known(readings, "quiet").budgetRemaining()).isCloseTo(0.9, within(0.001));
    assertThat(known(readings, "slow").budgetRemaining()).isCloseTo(0.0857, within(0.002));
  }

  @Test
  void aStoppedOrSilentPrometheusMakesItsClustersUnknownNeverHealthy() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0)) {
      closed = probe.getLocalPort();
    }
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accepted, never answered
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      Duration deadline = Duration.ofSeconds(2);
      Map<String, MetricsSource> clusters = new LinkedHashMap<>();
      clusters.put("beijing-prod", new PrometheusApi(prometheus.url()));
      clusters.put(
          "frankfurt-prod",
          new PrometheusApi(URI.create("http://127.0.0.1:" + closed), deadline, 1 << 20));
      clusters.put(
          "virginia-prod",
          new PrometheusApi(
              URI.create("http://127.0.0.1:" + silent.getLocalPort()), deadline, 1 << 20));

      long began = System.nanoTime();
      List<SloReading> readings = new SloEvaluator(slos).evaluate(clusters, end);
      Duration took = Duration.ofNanos(System.nanoTime() - began);

      assertThat(took)
          .as("the silent one is cut off at its deadline")
          .isLessThan(Duration.ofSeconds(8));
      assertThat(readings)
          .filteredOn(r -> r.cluster().equals("frankfurt-prod"))
          .hasSize(3)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .isInstanceOfSatisfying(
                          SloReading.Unknown.class,
                          u -> assertThat(u.reason()).contains("connection refused")));
      assertThat(readings)
          .filteredOn(r -> r.cluster().equals("virginia-prod"))
          .hasSize(3)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .isInstanceOfSatisfying(
                          SloReading.Unknown.class,
                          u -> assertThat(u.reason()).contains("did not answer within 2 s")));

      ServiceRollup quiet =
          ServiceRollup.of(readings).stream()
              .filter(r -> r.slo().service().equals("quiet"))
              .findFirst()
              .orElseThrow();
      assertThat(quiet.known()).hasSize(1);
      assertThat(quiet.unknown()).hasSize(2);

      assertThat(SloGate.ask(new SloGate.Question("quiet", 1, Window.hours(1), Set.of()), readings))
          .as("fails closed while two clusters are unknown")
          .isInstanceOf(SloGate.Answer.Unknown.class);
      assertThat(
              SloGate.ask(
                  new SloGate.Question("quiet", 1, Window.hours(1), Set.of("beijing-prod")),
                  readings))
          .isInstanceOf(SloGate.Answer.Ok.class);
      assertThat(
              SloGate.ask(
                  new SloGate.Question("outage", 14.4, Window.hours(6), Set.of()), readings))
          .as("burning on the known cluster, whatever the others")
          .isInstanceOfSatisfying(
              SloGate.Answer.Burning.class,
              b ->
                  assertThat(b.burns())
                      .singleElement()
                      .satisfies(burn -> assertThat(burn.cluster()).isEqualTo("beijing-prod")));
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void theStatusCommandShowsEveryClusterRiskiestFirstAndExitsOneWhileOneIsUnknown()
      throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0)) {
      closed = probe.getLocalPort();
    }
    String repo = work.resolve("repo").toString();

    io.fleetgate.cli.CliRun text =
        io.fleetgate.cli.CliRun.of(
            "slo",
            "status",
            "--repo",
            repo,
            "--at",
            end.toString(),
            "--prometheus",
            "beijing-prod=" + prometheus.url(),
            "--prometheus",
            "frankfurt-prod=http://127.0.0.1:" + closed,
            "--timeout",
            "2s");
    io.fleetgate.cli.CliRun json =
        io.fleetgate.cli.CliRun.of(
            "slo",
            "status",
            "--repo",
            repo,
            "--at",
            end.toString(),
            "--format",
            "json",
            "--prometheus",
            "beijing-prod=" + prometheus.url(),
            "--service",
            "slow");

    Files.writeString(Path.of("target", "slo-status-example.txt"), text.out());
    assertThat(text.code()).as(text.err()).isEqualTo(1);
    assertThat(text.out().indexOf("outage/outage-availability"))
        .as(text.out())
        .isLessThan(text.out().indexOf("slow/slow-availability"))
        .isLessThan(text.out().indexOf("quiet/quiet-availability"));
    assertThat(text.out())
        .contains("beijing-prod: budget left -2")
        .contains("frankfurt-prod: UNKNOWN — ")
        .contains("connection refused");
    assertThat(json.code()).as(json.err()).isZero();
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertThat(tree.at("/slos").size()).isOne();
    assertThat(tree.at("/slos/0/clusters/0/budgetRemaining").asDouble())
        .isCloseTo(0.0857, within(0.002));
    assertThat(tree.at("/slos/0/clusters/0/burnRates/3d").asDouble()).isCloseTo(2.0, within(0.01));
  }

  @Test
  void withoutAddressesTheStatusCommandAsksThePrometheusTheFleetDeclaresForEachCluster()
      throws Exception {
    Path repo = work.resolve("repo");
    Files.writeString(
        repo.resolve("fleet.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: Fleet
        metadata: {name: slo-test}
        spec:
          bundles: []
          slo:
            prometheus:
              - clusterSelector: {matchLabels: {region: cn-north-1}}
                url: %s
            targets:
              - service: quiet
                clusterSelector: {matchLabels: {tier: nowhere}}
        """
            .formatted(prometheus.url()));
    cluster(repo, "beijing-prod", "cn-north-1");
    cluster(repo, "london-prod", "eu-west-2");

    io.fleetgate.cli.CliRun status =
        io.fleetgate.cli.CliRun.of(
            "slo", "status", "--repo", repo.toString(), "--at", end.toString());

    assertThat(status.code()).as(status.out() + status.err()).isZero();
    assertThat(status.err())
        .contains("london-prod has no Prometheus in fleet.yaml spec.slo.prometheus");
    assertThat(status.out())
        .contains("outage/outage-availability")
        .contains("beijing-prod: budget left")
        .doesNotContain("quiet/quiet-availability")
        .doesNotContain("london-prod");
  }

  private static void cluster(Path repo, String name, String region) throws IOException {
    Files.createDirectories(repo.resolve(name));
    Files.writeString(
        repo.resolve(name).resolve("cluster.yaml"),
        """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: Cluster
        metadata:
          name: %s
          namespace: fleet
          labels: {provider: aws, region: %s, env: prod, tier: apps}
        spec:
          infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AWSCluster, name: %s}
        """
            .formatted(name, region, name));
  }

  /** When the latest sample of {@code series} at or before {@code end} was recorded. */
  private static double evaluatedAt(PrometheusApi api, String series) {
    MetricsSource.Answer answer = api.query("max(timestamp(" + series + "))", end);
    assertThat(answer).isInstanceOf(MetricsSource.Answer.Samples.class);
    double at = ((MetricsSource.Answer.Samples) answer).samples().getFirst().value();
    assertThat(end.getEpochSecond() - at)
        .as("within one evaluation interval")
        .isBetween(0.0, 300.0);
    return at;
  }

  private static SloReading.Known known(List<SloReading> readings, String service) {
    return readings.stream()
        .filter(r -> r.slo().service().equals(service))
        .map(SloReading.Known.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static History history(int minutes, java.util.function.LongToDoubleFunction errorShare) {
    double[] good = new double[minutes + 1];
    double[] bad = new double[minutes + 1];
    for (int i = 1; i <= minutes; i++) {
      long at = start.getEpochSecond() + i * STEP;
      double share = errorShare.applyAsDouble(at);
      bad[i] = RATE * STEP * share;
      good[i] = RATE * STEP - bad[i];
    }
    return new History(good, bad);
  }

  private static String openMetrics() {
    StringBuilder out = new StringBuilder("# TYPE http_requests counter\n");
    for (Map.Entry<String, History> h : histories.entrySet()) {
      series(out, h.getKey(), "200", h.getValue().good());
      series(out, h.getKey(), "500", h.getValue().bad());
    }
    return out.append("# EOF\n").toString();
  }

  private static void series(StringBuilder out, String service, String code, double[] increments) {
    double total = 0;
    for (int i = 0; i < increments.length; i++) {
      total += increments[i];
      out.append("http_requests_total{service=\"")
          .append(service)
          .append("\",code=\"")
          .append(code)
          .append("\"} ")
          .append(total)
          .append(' ')
          .append(start.getEpochSecond() + i * STEP)
          .append('\n');
    }
  }

  private static String spec(String service) {
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: %1$s-availability}
        spec:
          service: %1$s
          budgetingMethod: Occurrences
          timeWindow: [{duration: 7d, isRolling: true}]
          objectives: [{target: 0.999}]
          indicator:
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_requests_total{service="%1$s",code="500"}[{{.window}}]))'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_requests_total{service="%1$s"}[{{.window}}]))'}}}
        """
        .formatted(service);
  }
}
