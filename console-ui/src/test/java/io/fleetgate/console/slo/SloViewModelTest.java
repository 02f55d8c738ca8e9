package io.fleetgate.console.slo;

import static io.fleetgate.console.slo.SloModels.known;
import static io.fleetgate.console.slo.SloModels.on;
import static io.fleetgate.console.slo.SloModels.slo;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.ui.UiThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloViewModelTest {

  /** Answers from memory and records what it was asked. */
  private static final class Recorded implements SloSource {
    final List<String> asked = new ArrayList<>();
    Report report;
    RuntimeException failure;

    @Override
    public Report slos() {
      if (failure != null) {
        throw failure;
      }
      return report;
    }

    @Override
    public List<Point> history(String service, String slo, Instant from, Instant to, int points) {
      asked.add(service + "/" + slo + " " + from + " " + to + " " + points);
      return List.of(
          new Point(to.minus(Duration.ofHours(1)), "beijing-prod", true, 0.5, 20.0, 3.0, 0.8),
          new Point(to, "beijing-prod", true, 0.4, 20.0, 3.0, 0.8));
    }
  }

  private final Recorded source = new Recorded();
  private final SloViewModel model =
      new SloViewModel(source, new UiThread(Runnable::run, Runnable::run), 800);

  private static final SloSource.Slo BURNING =
      slo(
          "availability",
          on("beijing-prod", known(0.4, 20, "page")),
          on("shanghai-prod", new SloSource.Unknown("Prometheus at http://127.0.0.1:9/ refused")));
  private static final SloSource.Slo QUIET = slo("latency", on("beijing-prod", known(0.9, 0.3)));

  @Test
  void listsTheSlosInTheirOrderAndSelectsTheRiskiestWithAMonthOfBoundedHistory() {
    source.report = new SloSource.Report(SloModels.AT, List.of(BURNING, QUIET), List.of());

    model.refresh().join();

    assertThat(model.rows())
        .extracting(SloViewModel.Row::title)
        .containsExactly("payment-gateway / availability", "payment-gateway / latency");
    SloViewModel.Row first = model.rows().getFirst();
    assertThat(first.risk()).as("burning where known").isEqualTo(Risk.BURNING);
    assertThat(first.budget()).isEqualTo("40.0 % left");
    assertThat(first.details()).contains("target 99.9 %", "28d rolling", "1 of 2 clusters unknown");
    assertThat(first.firing()).isEqualTo("firing: page on beijing-prod");
    assertThat(model.selectedProperty().get()).isEqualTo(first);
    assertThat(source.asked)
        .containsExactly(
            "payment-gateway/availability "
                + SloModels.AT.minus(Duration.ofDays(30))
                + " "
                + SloModels.AT
                + " "
                + SloViewModel.POINTS);
    assertThat(model.summaryProperty().get()).startsWith("2 SLOs, 1 needing attention");
  }

  @Test
  void aClusterReadBeforeShowsItsStaleFiguresBesideUnknownNeverInItsPlace() {
    SloSource.LastKnown last =
        new SloSource.LastKnown(
            Instant.parse("2026-03-15T11:40:00Z"), 0.42, java.util.Map.of("1h", 2.0, "3d", 0.5));
    SloSource.Slo stale =
        slo(
            "availability",
            on("beijing-prod", known(0.4, 20, "page")),
            on("shanghai-prod", new SloSource.Unknown("it did not answer within 10 s", last)));
    source.report = new SloSource.Report(SloModels.AT, List.of(stale), List.of());

    model.refresh().join();

    SloViewModel.ClusterRow down = model.clusters().get(1);
    assertThat(down.risk()).isEqualTo(Risk.UNKNOWN);
    assertThat(down.budgetRemaining()).as("nothing to draw a bar from").isNull();
    assertThat(down.budget()).isEqualTo("unknown · was 42.0 %");
    assertThat(List.of(down.burn1h(), down.burn6h(), down.burn3d(), down.exhaustion()))
        .containsOnly("unknown");
    assertThat(down.reason())
        .isEqualTo(
            "it did not answer within 10 s · last read 2026-03-15 11:40 UTC: 42.0 % left,"
                + " 1h 2.00×, 3d 0.50×");
    assertThat(model.rows().getFirst().budget())
        .as("the worst budget counts only what is known now")
        .isEqualTo("40.0 % left");
  }

  @Test
  void anUnknownClusterReadsUnknownWithItsReasonAndIsNotCharted() {
    source.report = new SloSource.Report(SloModels.AT, List.of(BURNING), List.of());

    model.refresh().join();

    assertThat(model.clusters()).hasSize(2);
    SloViewModel.ClusterRow down = model.clusters().get(1);
    assertThat(down.risk()).isEqualTo(Risk.UNKNOWN);
    assertThat(down.budgetRemaining()).isNull();
    assertThat(
            List.of(down.budget(), down.burn1h(), down.burn6h(), down.burn3d(), down.exhaustion()))
        .containsOnly("unknown");
    assertThat(down.reason()).contains("refused");
    SloViewModel.ClusterRow up = model.clusters().getFirst();
    assertThat(up.burn1h()).isEqualTo("20.0×");
    assertThat(up.exhaustion()).isEqualTo("5 h 0 min");
    assertThat(model.chartedClusterProperty().get()).isEqualTo("beijing-prod");
    SloViewModel.Charts charts = model.charts();
    assertThat(charts.burnRates().lines().getFirst().samples()).hasSize(2);
    assertThat(charts.budget().lines())
        .extracting(SloCharts.Line::label)
        .containsExactly("beijing-prod", "shanghai-prod");
  }

  @Test
  void anSloWithNoKnownClusterHasNoBudgetToDraw() {
    SloSource.Slo dark = slo("dark", on("x", new SloSource.Unknown("down")));

    assertThat(SloViewModel.worstBudget(dark)).isNull();
    assertThat(SloViewModel.row(dark).budget()).isEqualTo("unknown");
  }

  @Test
  void choosingAnotherSloReadsItsTrendAndARefreshKeepsTheChoice() {
    source.report = new SloSource.Report(SloModels.AT, List.of(BURNING, QUIET), List.of());
    model.refresh().join();

    model.selectedProperty().set(model.rows().get(1));
    model.refresh().join();

    assertThat(model.selectedProperty().get().slo().name()).isEqualTo("latency");
    assertThat(source.asked).hasSize(3);
    assertThat(source.asked.get(2)).startsWith("payment-gateway/latency ");
  }

  @Test
  void noSlosExplainWhereToDeclareThemAndWhereToNameAPrometheus() {
    source.report = new SloSource.Report(SloModels.AT, List.of(), List.of());

    model.refresh().join();

    assertThat(model.rows()).isEmpty();
    assertThat(model.emptyProperty().get()).contains("slos/", "spec.slo.prometheus");
    assertThat(model.charts()).isNull();
  }

  @Test
  void specProblemsAreListedWithTheEmptyState() {
    source.report =
        new SloSource.Report(
            SloModels.AT, List.of(), List.of("slos/gw.yaml:7: spec.objectives: missing"));

    model.refresh().join();

    assertThat(model.emptyProperty().get()).contains("problems");
    assertThat(model.problems()).containsExactly("slos/gw.yaml:7: spec.objectives: missing");
  }

  @Test
  void aPlatformThatCannotBeReadSaysSo() {
    source.failure = new IllegalStateException("connection refused");

    model.refresh().join();

    assertThat(model.errorProperty().get()).isEqualTo("Cannot read the SLOs: connection refused");
    assertThat(model.rows()).isEmpty();
  }
}
