package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleetgate.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's side-by-side: the same Sloth {@code prometheus/v1} spec turned into rules by {@code
 * sloth generate} and by {@code fleetgate slo rules}, both rule sets loaded into one {@code
 * promtool test rules} run over the same series, and compared by what they do — which alerts fire
 * for each tool, and the error ratios they record — rather than by their text. docs/slo.md
 * ("Compared with Sloth") explains every difference asserted here.
 *
 * <p>Opt-in: it runs only when {@code bin/setup sloth} has built Sloth into the tool cache, and is
 * skipped with that remedy otherwise.
 */
class SlothComparisonIT {

  /**
   * Two SLOs of one service: an events SLI whose page and ticket alerts carry labels (a {@code
   * severity} label renames each), and a raw error-ratio SLI with its ticket alert disabled.
   */
  static final String SPEC =
      """
      version: prometheus/v1
      service: checkout
      labels:
        owner: payments
      slos:
        - name: requests-availability
          objective: 99.9
          description: Checkout answers without a server error.
          sli:
            events:
              error_query: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))
              total_query: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
          alerting:
            name: CheckoutAvailability
            labels:
              category: availability
            page_alert:
              labels:
                severity: critical
            ticket_alert:
              labels:
                severity: warning
        - name: raw-availability
          objective: 99.5
          sli:
            raw:
              error_ratio_query: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}])) / sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
          alerting:
            name: CheckoutRawAvailability
            page_alert:
              labels:
                severity: critical
            ticket_alert:
              disable: true
      """;

  private static final String GOOD = "http_requests_total{service=\"checkout\",code=\"200\"}";
  private static final String BAD = "http_requests_total{service=\"checkout\",code=\"500\"}";

  /** Which alerts of Fleetgate's rules fire, by name, SLO and severity. */
  private static final String FLEETGATE_FIRING =
      "count by (alertname, fleetgate_slo, severity) (ALERTS{alertstate=\"firing\", fleetgate_slo!=\"\"})";

  /** Which alerts of Sloth's rules fire, by name, SLO, Sloth's severity and the spec's label. */
  private static final String SLOTH_FIRING =
      "count by (alertname, sloth_slo, sloth_severity, severity) (ALERTS{alertstate=\"firing\", sloth_slo!=\"\"})";

  private static final String EVENTS = "requests-availability";
  private static final String RAW = "raw-availability";

  @TempDir static Path work;

  private static Promtool promtool;

  private static final StringBuilder WHY_SKIPPED = new StringBuilder();

  @BeforeAll
  static void generateBoth() throws Exception {
    Optional<Sloth> sloth = Sloth.fromToolCache(WHY_SKIPPED);
    if (sloth.isEmpty()) {
      return;
    }
    assertThat(sloth.get().version()).isEqualTo(Sloth.VERSION);
    promtool = Promtool.locate();

    Path repo = work.resolve("repo");
    Files.createDirectories(repo.resolve("slos"));
    Path spec = Files.writeString(repo.resolve("slos/checkout.yaml"), SPEC);
    CliRun fleetgate =
        CliRun.of(
            "slo", "rules", "--repo", repo.toString(), "--out", work.resolve("rules").toString());
    assertThat(fleetgate.code()).as(fleetgate.err()).isZero();
    Files.move(work.resolve("rules/checkout.rules.yaml"), work.resolve("fleetgate.rules.yaml"));
    sloth.get().generate(spec, work.resolve("sloth.rules.yaml"));
    promtool.check(work.resolve("fleetgate.rules.yaml"));
    promtool.check(work.resolve("sloth.rules.yaml"));
  }

  /** Each test is reported skipped, with the command that builds Sloth, when it is missing. */
  @BeforeEach
  void slothIsBuilt() {
    assumeTrue(WHY_SKIPPED.isEmpty(), WHY_SKIPPED::toString);
  }

  @Test
  void aQuietHourRaisesNoAlertInEitherAndOnlyFleetgateRecordsAZeroRatio() throws Exception {
    // 10 requests/s, all answered; no 5xx series exists yet.
    String series = series(GOOD, "0+600x70");
    String tests =
        firing(70, "[]", "[]")
            + ratio("fleetgate_slo:sli_error:ratio_rate1h", fleetgate(EVENTS), 70, "0")
            // Sloth's error query matches nothing, so its ratio is no sample rather than 0.
            + absent("slo:sli_error:ratio_rate1h", sloth(EVENTS), 70)
            // A raw ratio is the team's own query: neither tool can add a zero to it.
            + absent("fleetgate_slo:sli_error:ratio_rate1h", fleetgate(RAW), 70)
            + absent("slo:sli_error:ratio_rate1h", sloth(RAW), 70);
    assertPasses(1, series, tests);
  }

  @Test
  void aSharpOutagePagesInBothAndOpensATicketForTheEventsSlo() throws Exception {
    // 10 requests/s for an hour, then every request fails for 10 minutes.
    String series = series(GOOD, "0+600x60 36000+0x10") + series(BAD, "0+0x60 0+600x10");
    String tests =
        firing(
                70,
                List.of(
                    fleetgateAlert("CheckoutAvailability", EVENTS, "critical"),
                    fleetgateAlert("CheckoutAvailability", EVENTS, "warning"),
                    fleetgateAlert("CheckoutRawAvailability", RAW, "critical")),
                List.of(
                    slothAlert("CheckoutAvailability", EVENTS, "page", "critical"),
                    slothAlert("CheckoutAvailability", EVENTS, "ticket", "warning"),
                    slothAlert("CheckoutRawAvailability", RAW, "page", "critical")))
            + sameRatio("1h", EVENTS, 70)
            + sameRatio("5m", EVENTS, 70)
            + sameRatio("1h", RAW, 70);
    assertPasses(1, series, tests);
  }

  @Test
  void aSlowBurnAtTwiceTheBudgetOpensATicketInBothAndPagesNobody() throws Exception {
    // 0.2 % of requests fail for 7 hours: twice the 0.1 % budget, under the raw SLO's 0.5 %.
    String series = series(GOOD, "0+998x420") + series(BAD, "0+2x420");
    String tests =
        firing(
                420,
                List.of(fleetgateAlert("CheckoutAvailability", EVENTS, "warning")),
                List.of(slothAlert("CheckoutAvailability", EVENTS, "ticket", "warning")))
            + ratio("fleetgate_slo:sli_error:ratio_rate6h", fleetgate(EVENTS), 420, "0.002")
            + sameRatio("1h", EVENTS, 420)
            + sameRatio("6h", EVENTS, 420)
            + sameRatio("6h", RAW, 420);
    assertPasses(1, series, tests);
  }

  @Test
  void aQuietDayAfterBusyOnesTicketsOnlyInSlothAndItsAverageOverspendsTheBudget() throws Exception {
    // Two days at 100 requests/s without an error, then 26 hours at 1 request/s of which 0.4 %
    // fail (four times the budget), one sample every 5 minutes. (A day and two hours, so that an
    // alert evaluated before the ratios of its step, one step behind, sees only the quiet day.)
    String series =
        series(GOOD, "0+30000x576 17280298.8+298.8x311") + series(BAD, "0x576 1.2+1.2x311");
    int end = 74 * 60;
    // Σ 5-minute bad rates over Σ total rates: 312 × 0.004 / (576 × 100 + 312 × 1).
    double weighted = 312 * 0.004 / (576 * 100 + 312);
    // The average of the 5-minute ratios: 312 of 0.004 and 576 of 0.
    double averaged = 312 * 0.004 / 888;
    String tests =
        // Sloth's second ticket condition, 3× over 1d and 2h, sees only the quiet day; over 3 days
        // the busy ones dilute it to 2 % of the budget, so Fleetgate's only ticket condition (and
        // Sloth's other one) holds still.
        firing(
                end,
                List.of(),
                List.of(slothAlert("CheckoutAvailability", EVENTS, "ticket", "warning")))
            + near("fleetgate_slo:sli_error:ratio_rate30d", fleetgate(EVENTS), end, weighted)
            + near("slo:sli_error:ratio_rate30d", sloth(EVENTS), end, averaged)
            // The budget left, from a meta group that may be evaluated before the ratios of the
            // same step (so one step behind): within half a percent of the budget.
            + near(
                "fleetgate_slo:period_error_budget_remaining:ratio",
                fleetgate(EVENTS),
                end,
                1 - weighted / 0.001,
                0.005)
            + near(
                "slo:period_error_budget_remaining:ratio",
                sloth(EVENTS),
                end,
                1 - averaged / 0.001,
                0.005)
            // A raw error ratio has no event counts: both average its 5-minute values.
            + near("fleetgate_slo:sli_error:ratio_rate30d", fleetgate(RAW), end, averaged)
            + near("slo:sli_error:ratio_rate30d", sloth(RAW), end, averaged)
            + sameRatio("6h", EVENTS, end)
            // Fleetgate records only the windows its own alerts use.
            + absent("fleetgate_slo:sli_error:ratio_rate1d", fleetgate(EVENTS), end)
            + absent("fleetgate_slo:sli_error:ratio_rate2h", fleetgate(EVENTS), end);
    assertPasses(5, series, tests);
  }

  private static String fleetgateAlert(String name, String slo, String severity) {
    return "{alertname=\"%s\", fleetgate_slo=\"%s\", severity=\"%s\"}"
        .formatted(name, slo, severity);
  }

  private static String slothAlert(String name, String slo, String slothSeverity, String severity) {
    return "{alertname=\"%s\", severity=\"%s\", sloth_severity=\"%s\", sloth_slo=\"%s\"}"
        .formatted(name, severity, slothSeverity, slo);
  }

  private static String fleetgate(String slo) {
    return "{fleetgate_slo=\"%s\", fleetgate_service=\"checkout\"}".formatted(slo);
  }

  private static String sloth(String slo) {
    return "{sloth_service=\"checkout\", sloth_slo=\"%s\"}".formatted(slo);
  }

  private static String firing(int minutes, List<String> fleetgate, List<String> sloth) {
    return firing(minutes, samples(fleetgate), samples(sloth));
  }

  private static String samples(List<String> labels) {
    StringBuilder out = new StringBuilder();
    for (String l : labels) {
      out.append("\n          - labels: '%s'\n            value: 1".formatted(l));
    }
    return out.toString();
  }

  private static String firing(int minutes, String fleetgate, String sloth) {
    return expr(FLEETGATE_FIRING, minutes, fleetgate) + expr(SLOTH_FIRING, minutes, sloth);
  }

  /** The two tools' error ratios over one window are the same number. */
  private static String sameRatio(String window, String slo, int minutes) {
    String difference =
        "fleetgate_slo:sli_error:ratio_rate%s%s - on() slo:sli_error:ratio_rate%s%s"
            .formatted(window, fleetgate(slo), window, sloth(slo));
    return expr(difference, minutes, "\n          - labels: '{}'\n            value: 0");
  }

  /** One tool's recorded ratio for one SLO is {@code value}. */
  private static String ratio(String series, String selector, int minutes, String value) {
    return expr(
        "sum(%s%s)".formatted(series, selector),
        minutes,
        "\n          - labels: '{}'\n            value: %s".formatted(value));
  }

  /** One tool's recorded value for one SLO is within a millionth of {@code value}. */
  private static String near(String series, String selector, int minutes, double value) {
    return near(series, selector, minutes, value, Math.max(Math.abs(value) * 1e-6, 1e-12));
  }

  /** One tool's recorded value for one SLO is within {@code tolerance} of {@code value}. */
  private static String near(
      String series, String selector, int minutes, double value, double tolerance) {
    return expr(
        "abs(sum(%s%s) - %s) < bool %s".formatted(series, selector, value, tolerance),
        minutes,
        "\n          - labels: '{}'\n            value: 1");
  }

  private static String absent(String series, String selector, int minutes) {
    return expr(series + selector, minutes, "[]");
  }

  private static String expr(String expr, int minutes, String samples) {
    return "      - expr: '%s'\n        eval_time: %dm\n        exp_samples: %s\n"
        .formatted(expr.replace("'", "''"), minutes, samples);
  }

  private static String series(String name, String values) {
    return "      - series: '%s'\n        values: '%s'\n".formatted(name, values);
  }

  private static void assertPasses(int intervalMinutes, String series, String exprTests)
      throws Exception {
    Path file = Files.createTempFile(work, "tests", ".yaml");
    Files.writeString(
        file,
        """
        rule_files: [fleetgate.rules.yaml, sloth.rules.yaml]
        evaluation_interval: %dm
        tests:
          - interval: %dm
            input_series:
        %s
            promql_expr_test:
        %s"""
            .formatted(intervalMinutes, intervalMinutes, series.stripTrailing(), exprTests));
    Promtool.Result result = promtool.test(file);
    assertThat(result.code())
        .as("promtool test rules:\n%s\n%s", Files.readString(file), result.output())
        .isZero();
  }
}
