package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rules as Prometheus itself judges them: {@code promtool check rules} accepts them,
 * and {@code promtool test rules} evaluates them over series whose answers are known — a quiet
 * hour, a sharp outage, a slow burn, and a latency threshold judged by time slices.
 */
class SloRulesPromtoolIT {

  private static final String SELECTOR =
      "fleetgate_slo=\"checkout-availability\", fleetgate_service=\"checkout\"";
  private static final String GOOD = "http_requests_total{service=\"checkout\",code=\"200\"}";
  private static final String BAD = "http_requests_total{service=\"checkout\",code=\"500\"}";

  private final Promtool promtool = Promtool.locate();

  @TempDir Path work;

  @Test
  void aSharpOutagePagesAndTicketsAndBurnsAThousandTimesTheBudget() throws Exception {
    Slo slo = availability();
    // 10 requests/s for an hour, then every request fails for 10 minutes.
    String series = series(GOOD, "0+600x60 36000+0x10") + series(BAD, "0+0x60 0+600x10");
    String tests =
        """
            alert_rule_test:
              - eval_time: 70m
                alertname: SloErrorBudgetBurn
                exp_alerts:
        %s%s
            promql_exp_test_placeholder
        """
            .formatted(expected(slo, "page"), expected(slo, "ticket"))
            .replace(
                "    promql_exp_test_placeholder\n",
                """
                    promql_expr_test:
                      - expr: fleetgate_slo:current_burn_rate:ratio{%s}
                        eval_time: 70m
                        exp_samples:
                          - labels: 'fleetgate_slo:current_burn_rate:ratio{%s}'
                            value: 1000
                """
                    .formatted(SELECTOR, SELECTOR));
    assertPasses(slo, series, tests);
  }

  @Test
  void aServiceFailingEveryRequestPagesThoughNoGoodSeriesExists() throws Exception {
    Slo slo = availability();
    // Only 5xx answers since the service started: the good events' selector matches nothing.
    String series = series(BAD, "0+600x10");
    String tests =
        """
            alert_rule_test:
              - eval_time: 10m
                alertname: SloErrorBudgetBurn
                exp_alerts:
        %s%s
        """
            .formatted(expected(slo, "page"), expected(slo, "ticket"));
    assertPasses(slo, series, tests);
  }

  @Test
  void aQuietHourRaisesNoAlertAndSpendsNoBudget() throws Exception {
    Slo slo = availability();
    // No 5xx series exists at all: a selector of errors that matches nothing counts as 0.
    String series = series(GOOD, "0+600x70");
    String tests =
        """
            alert_rule_test:
              - eval_time: 70m
                alertname: SloErrorBudgetBurn
                exp_alerts: []
            promql_expr_test:
              - expr: fleetgate_slo:sli_error:ratio_rate1h{%s}
                eval_time: 70m
                exp_samples:
                  - labels: 'fleetgate_slo:sli_error:ratio_rate1h{%s, fleetgate_window="1h"}'
                    value: 0
        """
            .formatted(SELECTOR, SELECTOR);
    assertPasses(slo, series, tests);
  }

  @Test
  void theWindowCountsEveryPodsEventsTogetherWhenTheQueriesKeepAPodLabel() throws Exception {
    Slo slo = read(Specs.AVAILABILITY.replace("query: sum(rate(", "query: sum by (pod) (rate("));
    // Pod a answers 600 requests a minute, all good; pod b 6, half of them failing. Together
    // 3 of 606 fail; pod b alone would say half.
    String series =
        series("http_requests_total{service=\"checkout\",pod=\"a\",code=\"200\"}", "0+600x70")
            + series("http_requests_total{service=\"checkout\",pod=\"b\",code=\"200\"}", "0+3x70")
            + series("http_requests_total{service=\"checkout\",pod=\"b\",code=\"500\"}", "0+3x70");
    String tests =
        """
            promql_expr_test:
              - expr: round(fleetgate_slo:sli_error:ratio_rate28d{%s} * 1e9)
                eval_time: 70m
                exp_samples:
                  - labels: '{%s, fleetgate_window="28d"}'
                    value: %d
        """
            .formatted(SELECTOR, SELECTOR, Math.round(3.0 / 606 * 1e9));
    assertPasses(slo, series, tests);
  }

  @Test
  void aSlowBurnOfTwiceTheBudgetOpensATicketButPagesNobody() throws Exception {
    Slo slo = availability();
    // 0.2 % of requests fail for 7 hours: twice the 0.1 % budget.
    String series = series(GOOD, "0+998x420") + series(BAD, "0+2x420");
    String tests =
        """
            alert_rule_test:
              - eval_time: 7h
                alertname: SloErrorBudgetBurn
                exp_alerts:
        %s
        """
            .formatted(expected(slo, "ticket"));
    assertPasses(slo, series, tests);
  }

  @Test
  void aLatencyThresholdCountsTheBadMinutesOfTheLastHour() throws Exception {
    Slo slo =
        read(
            """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: search-latency}
            spec:
              service: search
              budgetingMethod: Timeslices
              timeWindow: [{duration: 7d, isRolling: true}]
              objectives: [{target: 0.95, op: lte, value: 0.3, timeSliceWindow: 1m}]
              indicator:
                metadata: {name: search-p99}
                spec:
                  thresholdMetric:
                    metricSource: {type: Prometheus, spec: {query: 'max(latency_p99_seconds{service="search"})'}}
            """);
    // No sample at 0, 45 good minutes (0.1 s), then 15 bad ones (0.5 s): a quarter of the hour.
    String series = series("latency_p99_seconds{service=\"search\"}", "_ 0.1x44 0.5x14");
    String selector = "fleetgate_slo=\"search-latency\", fleetgate_service=\"search\"";
    String tests =
        """
            promql_expr_test:
              - expr: fleetgate_slo:sli_error:ratio_rate1h{%s}
                eval_time: 60m
                exp_samples:
                  - labels: 'fleetgate_slo:sli_error:ratio_rate1h{%s, fleetgate_window="1h"}'
                    value: 0.25
        """
            .formatted(selector, selector);
    assertPasses(slo, series, tests);
  }

  @Test
  void everyIndicatorAndBudgetingMethodGivesRulesPrometheusAccepts() throws Exception {
    String ratioSlices =
        Specs.AVAILABILITY
            .replace("name: checkout-availability", "name: checkout-slices")
            .replace("Occurrences", "Timeslices")
            .replace(
                "- target: 0.999", "- {target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 5m}");
    String ratioAverage =
        Specs.AVAILABILITY
            .replace("name: checkout-availability", "name: checkout-average")
            .replace("Occurrences", "RatioTimeslices")
            .replace("- target: 0.999", "- {target: 0.99, timeSliceWindow: 1m}");
    String sloth =
        """
        version: prometheus/v1
        service: myservice
        slos:
          - name: raw-availability
            objective: 99.5
            sli: {raw: {error_ratio_query: 'sum(rate(errors_total[{{.window}}])) / sum(rate(requests_total[{{.window}}]))'}}
            alerting:
              name: MyServiceBurn
              page_alert: {labels: {severity: critical, team: a}}
          - name: events-availability
            objective: 99.9
            sli: {events: {error_query: 'errors_total', total_query: 'requests_total'}}
            alerting: {name: MyServiceEventsBurn, ticket_alert: {disable: true}}
        """;
    for (String spec : List.of(Specs.AVAILABILITY, ratioSlices, ratioAverage, sloth)) {
      Path repo = Files.createTempDirectory(work, "repo");
      SloCatalog catalog = Specs.read(repo, spec);
      assertThat(catalog.problems()).isEmpty();
      for (Slo slo : catalog.slos()) {
        Path rules = repo.resolve(slo.name() + ".rules.yaml");
        Files.writeString(rules, RuleFile.rules(RuleGenerator.rules(slo), List.of("test")));
        assertThat(promtool.check(rules)).contains("SUCCESS");
      }
    }
  }

  private Slo availability() {
    return read(Specs.AVAILABILITY);
  }

  private Slo read(String spec) {
    SloCatalog catalog = Specs.read(work, spec);
    assertThat(catalog.problems()).isEmpty();
    return catalog.slos().getFirst();
  }

  private static String series(String name, String values) {
    return "      - series: '%s'\n        values: '%s'\n".formatted(name, values);
  }

  /** The alert of one severity exactly as the generated rule labels and annotates it. */
  private static String expected(Slo slo, String severity) {
    Rule.Alert alert =
        RuleGenerator.rules(slo).stream()
            .flatMap(g -> g.rules().stream())
            .filter(r -> r instanceof Rule.Alert a && a.labels().get("severity").equals(severity))
            .map(Rule.Alert.class::cast)
            .findFirst()
            .orElseThrow();
    StringBuilder out = new StringBuilder();
    out.append("              - exp_labels:\n");
    Map<String, String> labels = new java.util.TreeMap<>(alert.labels());
    labels.put(Labels.SLO, slo.name());
    labels.put(Labels.SERVICE, slo.service());
    labels.forEach((k, v) -> out.append("                  %s: '%s'\n".formatted(k, v)));
    out.append("                exp_annotations:\n");
    new java.util.TreeMap<>(alert.annotations())
        .forEach((k, v) -> out.append("                  %s: '%s'\n".formatted(k, v)));
    return out.toString();
  }

  private void assertPasses(Slo slo, String series, String tests) throws Exception {
    Path rules = work.resolve("rules.yaml");
    Files.writeString(rules, RuleFile.rules(RuleGenerator.rules(slo), List.of("test")));
    promtool.check(rules);
    Path file = work.resolve("tests.yaml");
    Files.writeString(
        file,
        """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
        %s
        %s"""
            .formatted(series.stripTrailing(), tests));
    Promtool.Result result = promtool.test(file);
    assertThat(result.code())
        .as("promtool test rules:\n%s\n%s", Files.readString(file), result.output())
        .isZero();
  }
}
