package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetgate.domain.SourceLocation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator's arithmetic over answers given by hand (the real Prometheus is in the IT). */
class SloEvaluatorTest {

  private static final Instant AT = Instant.parse("2026-03-15T12:00:00Z");

  @Test
  void costsTheSameFewQueriesForTwoThousandSlosAsForOne() {
    List<Slo> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add(slo("svc-" + i, "availability", SloWindow.rolling(Window.days(28))));
    }

    int one = new SloEvaluator(many.subList(0, 1)).queriesPerCluster(AT);

    assertThat(new SloEvaluator(many).queriesPerCluster(AT)).isEqualTo(one).isLessThanOrEqualTo(9);
  }

  @Test
  void aCalendarMonthCountsFromItsFirstDayInItsZone() {
    ZonedDateTime start = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    Slo slo =
        slo(
            "svc",
            "availability",
            new SloWindow(Window.days(30), new SloWindow.Calendar(1, SloWindow.Unit.MONTH, start)));

    Window period = SloEvaluator.period(slo, AT).orElseThrow();

    // 2026-03-01T00:00+01:00 is 2026-02-28T23:00Z: 14 days and 13 hours before AT.
    assertThat(period.seconds()).isEqualTo(14 * 86400 + 13 * 3600);
    assertThat(SloEvaluator.period(slo, Instant.parse("2025-12-31T00:00:00Z"))).isEmpty();
  }

  @Test
  void readsBudgetAndBurnFromTheRecordedSeriesAndTellsWhatIsMissing() {
    Slo read = slo("checkout", "availability", SloWindow.rolling(Window.days(28)));
    Slo missing = slo("search", "availability", SloWindow.rolling(Window.days(28)));
    Slo idle = slo("idle", "availability", SloWindow.rolling(Window.days(28)));
    Map<String, List<MetricsSource.Sample>> answers = new HashMap<>();
    answers.put("ratio_rate28d", List.of(sample(read, 0.0005), sample(idle, Double.NaN)));
    answers.put("sli_total_events:rate28d", List.of(sample(read, 100), sample(idle, 0)));
    answers.put("ratio_rate1h", List.of(sample(read, 0.002)));
    List<String> asked = new ArrayList<>();
    MetricsSource source =
        (promql, at) -> {
          asked.add(promql);
          return answer(answers, promql);
        };

    List<SloReading> readings =
        new SloEvaluator(List.of(read, missing, idle)).evaluate("beijing-prod", source, AT);

    SloReading.Known known = (SloReading.Known) readings.get(0);
    assertThat(known.errorRatio()).isCloseTo(0.0005, within(1e-12));
    assertThat(known.budgetRemaining()).isCloseTo(0.5, within(1e-9));
    assertThat(known.burnRates().get(Window.hours(1))).isCloseTo(2.0, within(1e-9));
    assertThat(known.total()).isCloseTo(100.0 * 28 * 86400, within(1e-3));
    assertThat(known.bad()).isCloseTo(0.05 * 28 * 86400, within(1e-3));
    assertThat(known.burnRates().get(Window.days(28))).isCloseTo(0.5, within(1e-9));
    assertThat(asked)
        .as("a rolling window is read from what its rules record, never scanned again")
        .noneMatch(q -> q.contains("_over_time") || q.contains("[28d]"));
    // half the budget left, burning at 2×: a quarter of the window, 7 days
    assertThat(known.exhaustion()).hasValue(java.time.Duration.ofDays(7));
    assertThat(readings.get(1))
        .isInstanceOfSatisfying(
            SloReading.Unknown.class,
            u ->
                assertThat(u.reason()).contains("no fleetgate_slo:sli_error:ratio_rate28d series"));
    assertThat(readings.get(2))
        .isInstanceOfSatisfying(
            SloReading.Unknown.class, u -> assertThat(u.reason()).contains("no events"));
  }

  @Test
  void rulesWrittenBeforeTheTrafficSeriesStillGiveTheClustersFiguresButNoFleetWeight() {
    Slo slo = slo("checkout", "availability", SloWindow.rolling(Window.days(28)));
    Map<String, List<MetricsSource.Sample>> answers = new HashMap<>();
    answers.put("ratio_rate28d", List.of(sample(slo, 0.0005)));
    answers.put("ratio_rate1h", List.of(sample(slo, 0.002)));
    MetricsSource source = (promql, at) -> answer(answers, promql);

    SloReading.Known known =
        (SloReading.Known) new SloEvaluator(List.of(slo)).evaluate("x", source, AT).getFirst();

    assertThat(known.budgetRemaining()).isCloseTo(0.5, within(1e-9));
    assertThat(known.total()).isNaN();
    assertThat(ServiceRollup.of(List.of(known)).getFirst().weighted()).isEmpty();
  }

  @Test
  void aCalendarPeriodIsAveragedSinceItBeganForNoRuleCanRecordIt() {
    ZonedDateTime start = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));
    Slo monthly =
        slo(
            "checkout",
            "availability",
            new SloWindow(Window.days(30), new SloWindow.Calendar(1, SloWindow.Unit.MONTH, start)));
    Map<String, List<MetricsSource.Sample>> answers = new HashMap<>();
    answers.put("sli_bad_events:rate5m[348h]", List.of(sample(monthly, 0.01)));
    answers.put("sli_total_events:rate5m[348h]", List.of(sample(monthly, 40)));
    MetricsSource source = (promql, at) -> answer(answers, promql);

    SloReading.Known known =
        (SloReading.Known) new SloEvaluator(List.of(monthly)).evaluate("x", source, AT).getFirst();

    assertThat(known.errorRatio()).isCloseTo(0.00025, within(1e-12));
    assertThat(known.total()).isCloseTo(40.0 * (14 * 86400 + 12 * 3600), within(1e-3));
  }

  @Test
  void aFailedQueryMakesEverySloOfThatClusterUnknown() {
    Slo slo = slo("checkout", "availability", SloWindow.rolling(Window.days(28)));
    MetricsSource down = (promql, at) -> new MetricsSource.Answer.Failed("nothing answers there");

    List<SloReading> readings = new SloEvaluator(List.of(slo)).evaluate("x", down, AT);

    assertThat(readings)
        .singleElement()
        .isInstanceOfSatisfying(
            SloReading.Unknown.class,
            u -> assertThat(u.reason()).isEqualTo("nothing answers there"));
    assertThat(
            SloGate.ask(
                new SloGate.Question("checkout", 1, Window.hours(1), java.util.Set.of()), readings))
        .isInstanceOf(SloGate.Answer.Unknown.class);
  }

  @Test
  void theFleetWideRatioWeighsEachClusterByItsTraffic() {
    Slo slo = slo("checkout", "availability", SloWindow.rolling(Window.days(1)));
    SloReading busy = known(slo, "busy", 90, 9_000);
    SloReading quiet = known(slo, "quiet", 10, 1_000);

    ServiceRollup rollup = ServiceRollup.of(List.of(busy, quiet)).getFirst();

    // 100 bad of 10,000: 1 %, though the clusters' own ratios are 1 % each and averaging would
    // agree only by luck; the worst is the one with the least budget left
    assertThat(rollup.weighted().orElseThrow().errorRatio()).isCloseTo(0.01, within(1e-12));
    SloReading spiky = known(slo, "spiky", 500, 1_000);
    ServiceRollup withSpike = ServiceRollup.of(List.of(busy, spiky)).getFirst();
    assertThat(withSpike.weighted().orElseThrow().errorRatio())
        .isCloseTo(590.0 / 10_000, within(1e-12));
    assertThat(withSpike.worst().orElseThrow().cluster()).isEqualTo("spiky");
  }

  private static SloReading.Known known(Slo slo, String cluster, double bad, double total) {
    double ratio = bad / total;
    return new SloReading.Known(
        slo,
        cluster,
        AT,
        ratio,
        1 - ratio / slo.errorBudget(),
        Map.of(),
        java.util.Optional.empty(),
        bad,
        total,
        java.util.Set.of());
  }

  private static MetricsSource.Answer answer(
      Map<String, List<MetricsSource.Sample>> answers, String promql) {
    for (Map.Entry<String, List<MetricsSource.Sample>> e : answers.entrySet()) {
      if (promql.contains(e.getKey())) {
        return new MetricsSource.Answer.Samples(e.getValue());
      }
    }
    return new MetricsSource.Answer.Samples(List.of());
  }

  private static MetricsSource.Sample sample(Slo slo, double value) {
    return new MetricsSource.Sample(
        Map.of(Labels.SLO, slo.name(), Labels.SERVICE, slo.service()), value);
  }

  static Slo slo(String service, String name, SloWindow window) {
    return new Slo(
        name,
        service,
        "",
        0.999,
        window,
        Budgeting.occurrences(),
        new Indicator.EventRatio(
            "sli",
            null,
            Query.of("errors_total{service=\"" + service + "\"}"),
            Query.of("requests_total{service=\"" + service + "\"}")),
        Alerting.defaults(),
        Map.of(),
        SourceLocation.file("slos/x.yaml"));
  }
}
