package io.fleetgate.console.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloChartsTest {

  private static final Instant FROM = SloModels.AT.minus(Duration.ofDays(30));

  /** A month of 5-minute snapshots: 8,640 per cluster. */
  private static List<SloSource.Point> month(String cluster) {
    List<SloSource.Point> points = new ArrayList<>();
    for (int i = 0; i < 30 * 24 * 12; i++) {
      Instant at = FROM.plus(Duration.ofMinutes(5L * i));
      boolean outage = i == 5000;
      boolean down = i >= 7000 && i < 7100;
      points.add(
          new SloSource.Point(
              at,
              cluster,
              !down,
              down ? null : 1 - i / 10_000.0,
              down ? null : outage ? 40.0 : 0.5,
              down ? null : 0.5,
              down ? null : 0.5));
    }
    return points;
  }

  @Test
  void aMonthOfSnapshotsIsThinnedToTheColumnsAndKeepsTheOutageAndTheGap() {
    SloCharts.Chart chart =
        SloCharts.burnRates(
            month("beijing-prod"), "beijing-prod", SloModels.ALERTS, FROM, SloModels.AT, 600);

    SloCharts.Line oneHour = chart.lines().getFirst();
    assertThat(oneHour.label()).isEqualTo("1h");
    assertThat(oneHour.samples().size()).isLessThanOrEqualTo(3 * 600).isGreaterThan(600);
    assertThat(oneHour.samples()).anyMatch(s -> s.value() != null && s.value() == 40.0);
    assertThat(oneHour.samples()).anyMatch(s -> s.value() == null);
    assertThat(oneHour.samples())
        .as("in time order")
        .isSortedAccordingTo(java.util.Comparator.comparing(SloCharts.Sample::at));
    assertThat(chart.top()).isGreaterThanOrEqualTo(40.0);
  }

  @Test
  void theThresholdsAreTheAlertFactorsAndTheChartReachesThem() {
    SloCharts.Chart chart =
        SloCharts.burnRates(List.of(), "beijing-prod", SloModels.ALERTS, FROM, SloModels.AT, 100);

    assertThat(chart.thresholds())
        .extracting(SloCharts.Threshold::value)
        .containsExactly(14.4, 6.0, 1.0);
    assertThat(chart.thresholds().getFirst().label()).isEqualTo("page 14.4× over 1h and 5m");
    assertThat(chart.top()).isGreaterThan(14.4);
    assertThat(chart.empty()).isTrue();
  }

  @Test
  void alertsOnTheSameFactorShareOneRule() {
    List<SloSource.Alert> alerts =
        List.of(
            new SloSource.Alert("page", 2, "1h", "5m"),
            new SloSource.Alert("ticket", 2, "6h", "30m"));

    SloCharts.Chart chart = SloCharts.burnRates(List.of(), "c", alerts, FROM, SloModels.AT, 100);

    assertThat(chart.thresholds()).hasSize(1);
    assertThat(chart.thresholds().getFirst().label())
        .isEqualTo("page 2× over 1h and 5m · ticket 2× over 6h and 30m");
  }

  @Test
  void anOverspentBudgetTakesTheChartBelowZero() {
    List<SloSource.Point> points =
        List.of(
            new SloSource.Point(FROM, "c", true, 0.4, 1.0, 1.0, 1.0),
            new SloSource.Point(SloModels.AT, "c", true, -0.5, 1.0, 1.0, 1.0));

    SloCharts.Chart chart = SloCharts.budgetTrend(points, List.of("c"), FROM, SloModels.AT, 100);

    assertThat(chart.bottom()).isLessThan(-0.5);
    assertThat(chart.thresholds()).extracting(SloCharts.Threshold::value).containsExactly(0.0);
  }

  @Test
  void anUnknownSnapshotIsAGapNotZero() {
    List<SloSource.Point> points =
        List.of(new SloSource.Point(FROM, "c", false, null, null, null, null));

    SloCharts.Chart chart = SloCharts.budgetTrend(points, List.of("c"), FROM, SloModels.AT, 100);

    assertThat(chart.lines().getFirst().samples())
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isNull());
  }

  @Test
  void fewSamplesAreKeptAsTheyAre() {
    List<SloCharts.Sample> samples =
        List.of(new SloCharts.Sample(FROM, 1.0), new SloCharts.Sample(SloModels.AT, 2.0));

    assertThat(SloCharts.downsample(samples, 1)).isEqualTo(samples);
    assertThatThrownBy(() -> SloCharts.downsample(samples, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
