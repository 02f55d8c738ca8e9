package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SloReaderTest {

  @TempDir Path repo;

  @Test
  void readsAnOpenSloRatioSloWithItsWindowTargetAndQueries() {
    SloCatalog catalog = Specs.read(repo, Specs.AVAILABILITY);

    assertThat(catalog.problems()).isEmpty();
    Slo slo = catalog.slos().getFirst();
    assertThat(slo.id()).isEqualTo("checkout/checkout-availability");
    assertThat(slo.target()).isEqualTo(0.999);
    assertThat(slo.window()).isEqualTo(SloWindow.rolling(Window.days(28)));
    assertThat(slo.budgeting().method()).isEqualTo(Budgeting.Method.OCCURRENCES);
    assertThat(slo.alerting()).isEqualTo(Alerting.defaults());
    Indicator.EventRatio sli = (Indicator.EventRatio) slo.indicator();
    assertThat(sli.name()).isEqualTo("checkout-success");
    assertThat(sli.good().over(Window.hours(1)))
        .isEqualTo("sum(rate(http_requests_total{service=\"checkout\",code!~\"5..\"}[1h]))");
    assertThat(slo.declaredAt().toString()).isEqualTo("slos/spec.yaml:1");
  }

  @Test
  void readsTheExampleFleetsSlo() {
    SloCatalog catalog =
        io.fleetgate.render.SloFiles.read(
            Path.of("..", "clusters"), io.fleetgate.render.ManifestLimits.defaults());

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.slos())
        .extracting(Slo::id)
        .containsExactly("payment-gateway/payment-gateway-availability");
  }

  @Test
  void readsReferencedSlisAlertPoliciesConditionsAndDataSources() {
    SloCatalog catalog =
        Specs.read(
            repo,
            """
            apiVersion: openslo/v1
            kind: DataSource
            metadata: {name: prom}
            spec: {type: Prometheus, connectionDetails: {url: "http://prometheus:9090"}}
            ---
            apiVersion: openslo/v1
            kind: SLI
            metadata: {name: api-errors}
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {metricSourceRef: prom, spec: {query: 'http_requests_total{code=~"5.."}'}}}
                total: {metricSource: {metricSourceRef: prom, spec: {query: http_requests_total}}}
            ---
            apiVersion: openslo/v1
            kind: AlertCondition
            metadata: {name: fast}
            spec:
              severity: critical
              condition: {kind: burnrate, op: gt, threshold: 10, lookbackWindow: 2h, alertAfter: 2m}
            ---
            apiVersion: openslo/v1
            kind: AlertPolicy
            metadata: {name: api-budget-burn}
            spec:
              conditions:
                - conditionRef: fast
                - kind: AlertCondition
                  metadata: {name: slow}
                  spec:
                    severity: low
                    condition: {kind: burnrate, op: gte, threshold: 2, lookbackWindow: 24h}
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: api-availability, labels: {team: payments}}
            spec:
              service: api
              indicatorRef: api-errors
              budgetingMethod: Occurrences
              timeWindow: [{duration: 30d, isRolling: true}]
              objectives: [{targetPercent: 99.5}]
              alertPolicies: [{alertPolicyRef: api-budget-burn}]
            """);

    assertThat(catalog.problems()).isEmpty();
    Slo slo = catalog.slos().getFirst();
    assertThat(slo.target()).isEqualTo(0.995);
    assertThat(slo.labels()).containsEntry("team", "payments");
    assertThat(slo.alerting().name()).isEqualTo("ApiBudgetBurn");
    assertThat(slo.alerting().conditions())
        .containsExactly(
            new BurnRateAlert(
                "critical",
                10,
                Window.hours(2),
                Window.minutes(10),
                Window.minutes(2),
                java.util.Map.of()),
            new BurnRateAlert(
                "low", 2, Window.hours(24), Window.hours(2), null, java.util.Map.of()));
    Indicator.EventRatio sli = (Indicator.EventRatio) slo.indicator();
    assertThat(sli.bad().over(Window.minutes(5)))
        .isEqualTo("sum(rate(http_requests_total{code=~\"5..\"}[5m]))");
  }

  @Test
  void readsASlothSpecWithItsAlertsAndLabels() {
    SloCatalog catalog =
        Specs.read(
            repo,
            """
            version: prometheus/v1
            service: myservice
            labels: {owner: myteam}
            slos:
              - name: requests-availability
                objective: 99.9
                description: Common SLO based on availability for HTTP request responses.
                sli:
                  events:
                    error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
                    total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
                alerting:
                  name: MyServiceHighErrorRate
                  labels: {category: availability}
                  annotations: {runbook: "https://runbooks.example/myservice"}
                  page_alert: {labels: {severity: pageteam}}
                  ticket_alert: {disable: true}
            """);

    assertThat(catalog.problems()).isEmpty();
    Slo slo = catalog.slos().getFirst();
    assertThat(slo.id()).isEqualTo("myservice/requests-availability");
    assertThat(slo.window()).isEqualTo(SloWindow.rolling(Window.days(30)));
    assertThat(slo.labels()).containsEntry("owner", "myteam");
    assertThat(slo.alerting().name()).isEqualTo("MyServiceHighErrorRate");
    assertThat(slo.alerting().conditions())
        .extracting(BurnRateAlert::severity, BurnRateAlert::factor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pageteam", 14.4),
            org.assertj.core.groups.Tuple.tuple("pageteam", 6.0));
    assertThat(slo.alerting().annotations())
        .containsEntry("runbook", "https://runbooks.example/myservice");
  }

  @Test
  void aSlothPageOrTicketAlertKeepsItsOwnAnnotationsOverTheSharedOnes() {
    SloCatalog catalog =
        Specs.read(
            repo,
            """
            version: prometheus/v1
            service: myservice
            slos:
              - name: requests-availability
                objective: 99.9
                sli: {events: {error_query: errors_total, total_query: requests_total}}
                alerting:
                  name: MyServiceHighErrorRate
                  annotations: {runbook: "https://runbooks.example/general", team: a}
                  page_alert: {annotations: {runbook: "https://runbooks.example/page"}}
                  ticket_alert: {annotations: {dashboard: "https://grafana.example/d"}}
            """);

    assertThat(catalog.problems()).isEmpty();
    java.util.Map<String, java.util.Map<String, String>> bySeverity = new java.util.HashMap<>();
    for (RuleGroup group : RuleGenerator.rules(catalog.slos().getFirst())) {
      for (Rule rule : group.rules()) {
        if (rule instanceof Rule.Alert alert) {
          bySeverity.put(alert.labels().get("severity"), alert.annotations());
        }
      }
    }
    assertThat(bySeverity.get("page"))
        .containsEntry("runbook", "https://runbooks.example/page")
        .containsEntry("team", "a")
        .doesNotContainKey("dashboard");
    assertThat(bySeverity.get("ticket"))
        .containsEntry("runbook", "https://runbooks.example/general")
        .containsEntry("dashboard", "https://grafana.example/d")
        .containsEntry("team", "a");
  }

  @Test
  void readsACalendarWindowWithItsZone() {
    SloCatalog catalog =
        Specs.read(
            repo,
            Specs.AVAILABILITY.replace(
                """
                    - duration: 28d
                      isRolling: true
                """,
                """
                    - duration: 1M
                      isRolling: false
                      calendar:
                        startTime: 2026-01-01 00:00:00
                        timeZone: Europe/Berlin
                """));

    assertThat(catalog.problems()).isEmpty();
    SloWindow window = catalog.slos().getFirst().window();
    assertThat(window.rolling()).isFalse();
    assertThat(window.calendar().unit()).isEqualTo(SloWindow.Unit.MONTH);
    assertThat(window.calendar().start().getZone().getId()).isEqualTo("Europe/Berlin");
  }

  static Stream<Arguments> refusals() {
    String spec = Specs.AVAILABILITY;
    return Stream.of(
        Arguments.of(
            "a target above 1",
            spec.replace("target: 0.999", "target: 99.9"),
            "slos/spec.yaml:12",
            "spec.objectives[0].target",
            "must be above 0 and below 1"),
        Arguments.of(
            "a target that is not a number",
            spec.replace("target: 0.999", "target: high"),
            "slos/spec.yaml:12",
            "spec.objectives[0].target",
            "must be a number"),
        Arguments.of(
            "no service",
            spec.replace("  service: checkout\n", ""),
            "slos/spec.yaml:5",
            "spec.service",
            "is required"),
        Arguments.of(
            "a service name that would leave the rules directory",
            spec.replace("service: checkout", "service: ../../etc/cron.d/x"),
            "slos/spec.yaml:6",
            "spec.service",
            "may hold letters, digits"),
        Arguments.of(
            "an unknown budgeting method",
            spec.replace("Occurrences", "Events"),
            "slos/spec.yaml:7",
            "spec.budgetingMethod",
            "is not Occurrences, Timeslices or RatioTimeslices"),
        Arguments.of(
            "a window Prometheus cannot write",
            spec.replace("duration: 28d", "duration: 4 weeks"),
            "slos/spec.yaml:9",
            "spec.timeWindow[0].duration",
            "is not a duration"),
        Arguments.of(
            "a query without its window",
            spec.replace(
                "sum(rate(http_requests_total{service=\"checkout\"}[{{.window}}]))",
                "sum(rate(http_requests_total{service=\"checkout\"}[5m])) / 2"),
            "slos/spec.yaml:28",
            "spec.indicator.spec.ratioMetric.total.metricSource.spec.query",
            "has no [{{.window}}] range"),
        Arguments.of(
            "good and bad both",
            spec.replace(
                "        total:",
                "        bad: {metricSource: {spec: {query: x}}}\n        total:"),
            "slos/spec.yaml:17",
            "spec.indicator.spec.ratioMetric",
            "exactly one of good and bad"),
        Arguments.of(
            "a source that is not Prometheus",
            spec.replace("type: Prometheus", "type: Datadog"),
            "slos/spec.yaml:21",
            "spec.indicator.spec.ratioMetric.good.metricSource.type",
            "use Prometheus"),
        Arguments.of(
            "an indicator reference to nothing",
            spec.substring(0, spec.indexOf("  indicator:")) + "  indicatorRef: missing\n",
            "slos/spec.yaml:13",
            "spec.indicatorRef",
            "names no SLI"),
        Arguments.of(
            "two objectives",
            spec.replace("    - target: 0.999", "    - target: 0.999\n    - target: 0.99"),
            "slos/spec.yaml:11",
            "spec.objectives",
            "exactly one objective"),
        Arguments.of(
            "a label Fleetgate sets",
            spec.replace(
                "  name: checkout-availability",
                "  name: checkout-availability\n  labels: {fleetgate_slo: other}"),
            "slos/spec.yaml:5",
            "metadata.labels.fleetgate_slo",
            "is set by Fleetgate"),
        Arguments.of(
            "Timeslices without a slice window",
            spec.replace("Occurrences", "Timeslices"),
            "slos/spec.yaml:12",
            "spec.objectives[0].timeSliceWindow",
            "is required"),
        Arguments.of(
            "a threshold indicator judged by occurrences",
            """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: latency}
            spec:
              service: checkout
              budgetingMethod: Occurrences
              timeWindow: [{duration: 28d, isRolling: true}]
              objectives: [{target: 0.99, op: lte, value: 0.3}]
              indicator:
                spec:
                  thresholdMetric:
                    metricSource: {type: Prometheus, spec: {query: 'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[{{.window}}])))'}}
            """,
            "slos/spec.yaml:6",
            "spec.budgetingMethod",
            "needs Timeslices"),
        Arguments.of(
            "an unknown document",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
            "slos/spec.yaml:1",
            "apiVersion",
            "neither an OpenSLO v1 document"),
        Arguments.of(
            "a Sloth objective written as a ratio",
            """
            version: prometheus/v1
            service: s
            slos:
              - name: a
                objective: 100
                sli: {events: {error_query: errors_total, total_query: requests_total}}
            """,
            "slos/spec.yaml:5",
            "slos[0].objective",
            "is a percentage"),
        Arguments.of(
            "a Sloth plugin",
            """
            version: prometheus/v1
            service: s
            slos:
              - name: a
                objective: 99
                sli: {plugin: {id: sloth-common/kubernetes/apiserver/availability}}
            """,
            "slos/spec.yaml:6",
            "slos[0].sli.plugin",
            "plugins are not read"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithFileLineFieldAndRemedy(
      String why, String text, String location, String field, String message) {
    SloCatalog catalog = Specs.read(repo, text);

    assertThat(catalog.slos()).as(why).isEmpty();
    assertThat(catalog.problems()).as(why).isNotEmpty();
    SloProblem problem = catalog.problems().getFirst();
    assertThat(problem.location().toString()).as(why).isEqualTo(location);
    assertThat(problem.field()).as(why).isEqualTo(field);
    assertThat(problem.message()).as(why).contains(message);
  }

  @Test
  void refusesTheSameSloTwiceNamingTheFirst() {
    Specs.read(repo, "a.yaml", Specs.AVAILABILITY);
    SloCatalog catalog = Specs.read(repo, "b.yaml", Specs.AVAILABILITY);

    assertThat(catalog.slos()).hasSize(1);
    assertThat(catalog.problems())
        .singleElement()
        .asString()
        .contains("slos/b.yaml:1", "declared twice", "slos/a.yaml:1");
  }

  @Test
  void aBrokenYamlFileIsAProblemOfThatFileAndTheOthersStillRead() {
    Specs.read(repo, "a.yaml", Specs.AVAILABILITY);
    SloCatalog catalog = Specs.read(repo, "b.yaml", "version: prometheus/v1\nservice: [\n");

    assertThat(catalog.slos()).hasSize(1);
    assertThat(catalog.problems())
        .singleElement()
        .asString()
        .startsWith("slos/b.yaml:")
        .contains("is not valid YAML");
  }

  @Test
  void aYamlBombInTheSpecsIsRefusedByWhatItExpandsTo() {
    // 17 levels of two aliases each: 33 aliases, under the alias limit, 2^17 nodes expanded.
    StringBuilder bomb = new StringBuilder("version: prometheus/v1\nl0: &l0 [x, x]\n");
    for (int i = 1; i <= 17; i++) {
      bomb.append("l%d: &l%d [*l%d, *l%d]\n".formatted(i, i, i - 1, i - 1));
    }

    SloCatalog catalog = Specs.read(repo, bomb.toString());

    assertThat(catalog.slos()).isEmpty();
    assertThat(catalog.problems())
        .singleElement()
        .asString()
        .startsWith("slos/spec.yaml:1")
        .contains("expands to more than");
  }

  @Test
  void aSpecFileLinkedFromOutsideTheRepositoryIsNotRead() throws Exception {
    java.nio.file.Path outside = java.nio.file.Files.createTempFile("outside", ".yaml");
    try {
      java.nio.file.Files.writeString(outside, Specs.AVAILABILITY);
      java.nio.file.Files.createDirectories(repo.resolve("slos"));
      java.nio.file.Files.createSymbolicLink(repo.resolve("slos/linked.yaml"), outside);

      SloCatalog catalog =
          io.fleetgate.render.SloFiles.read(repo, io.fleetgate.render.ManifestLimits.defaults());

      assertThat(catalog.slos()).isEmpty();
      assertThat(catalog.problems()).singleElement().asString().contains("slos/linked.yaml");
    } finally {
      java.nio.file.Files.deleteIfExists(outside);
    }
  }
}
