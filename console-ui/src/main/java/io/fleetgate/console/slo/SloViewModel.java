package io.fleetgate.console.slo;

import io.fleetgate.console.ui.UiThread;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the SLO view: the SLOs riskiest first, the selected one's clusters, the cluster whose
 * burn rates are charted, and the charts from the SLO's history. Platform calls run off the UI
 * thread.
 */
public final class SloViewModel {

  /** How far back the trend reaches: the longest window the platform keeps snapshots for. */
  static final Duration TREND = Duration.ofDays(30);

  /** Points asked per cluster: a month of 5-minute snapshots thinned to about one per hour. */
  static final int POINTS = 720;

  /** One SLO as the list shows it. */
  public record Row(SloSource.Slo slo, Risk risk, String budget, String details, String firing) {
    public String title() {
      return slo.service() + " / " + slo.name();
    }
  }

  /** One cluster of the selected SLO; the figures read "unknown" when it is. */
  public record ClusterRow(
      String cluster,
      Risk risk,
      Double budgetRemaining,
      String budget,
      String burn1h,
      String burn6h,
      String burn3d,
      String exhaustion,
      String firing,
      String reason) {}

  /** What the charts draw. */
  public record Charts(SloCharts.Chart burnRates, SloCharts.Chart budget) {}

  private final SloSource source;
  private final UiThread threads;
  private final int columns;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<ClusterRow> clusters = FXCollections.observableArrayList();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
  private final StringProperty chartedCluster = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<Charts> charts = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Reading the SLOs…");
  private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private Instant at = Instant.EPOCH;
  private List<SloSource.Point> history = List.of();

  /**
   * @param columns how many pixel columns a chart has at most; the history is thinned to them
   */
  public SloViewModel(SloSource source, UiThread threads, int columns) {
    this.source = source;
    this.threads = threads;
    this.columns = columns;
    selected.addListener((o, a, b) -> select(b));
    chartedCluster.addListener((o, a, b) -> redraw());
  }

  /** Reads every SLO; keeps the selection when that SLO is still there. */
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.supplyAsync(source::slos, threads.background())
        .handleAsync(
            (report, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the SLOs: " + cause.getMessage());
                summary.set("");
                return CompletableFuture.<Void>completedFuture(null);
              }
              error.set("");
              return show(report);
            },
            threads.ui())
        .thenCompose(f -> f);
  }

  /** Shows a report read elsewhere; on the UI thread. */
  public CompletableFuture<Void> show(SloSource.Report report) {
    at = report.at();
    problems.setAll(report.problems());
    String was = selected.get() == null ? null : key(selected.get().slo());
    List<Row> read = report.slos().stream().map(SloViewModel::row).toList();
    rows.setAll(read);
    empty.set(read.isEmpty() ? emptyText(report) : "");
    long burning = read.stream().filter(r -> r.risk() != Risk.QUIET).count();
    summary.set(
        read.isEmpty()
            ? ""
            : read.size()
                + (read.size() == 1 ? " SLO" : " SLOs")
                + ", "
                + burning
                + " needing attention · read "
                + report.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Row again = read.stream().filter(r -> key(r.slo()).equals(was)).findFirst().orElse(null);
    Row chosen = again != null ? again : read.isEmpty() ? null : read.getFirst();
    CompletableFuture<Void> before = pending;
    selected.set(chosen);
    if (pending == before && chosen != null) {
      // The same figures as before: the selection did not change, but the trend moves on.
      select(chosen);
    }
    return chosen == null ? CompletableFuture.completedFuture(null) : pending;
  }

  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

  private void select(Row row) {
    if (row == null) {
      clusters.clear();
      history = List.of();
      charts.set(null);
      return;
    }
    clusters.setAll(row.slo().clusters().stream().map(SloViewModel::clusterRow).toList());
    String charted = chartedCluster.get();
    boolean still = clusters.stream().anyMatch(c -> c.cluster().equals(charted));
    if (!still) {
      // The riskiest cluster that has figures to chart, else the first.
      chartedCluster.set(
          clusters.stream()
              .filter(c -> c.risk() != Risk.UNKNOWN)
              .min(java.util.Comparator.comparing(ClusterRow::risk))
              .or(() -> clusters.stream().findFirst())
              .map(ClusterRow::cluster)
              .orElse(""));
    }
    pending = loadHistory(row);
  }

  private CompletableFuture<Void> loadHistory(Row row) {
    SloSource.Slo slo = row.slo();
    Instant to = at;
    Instant from = to.minus(TREND);
    history = List.of();
    redraw();
    return CompletableFuture.supplyAsync(
            () -> source.history(slo.service(), slo.name(), from, to, POINTS), threads.background())
        .handleAsync(
            (points, failure) -> {
              if (selected.get() == null || !key(selected.get().slo()).equals(key(slo))) {
                return null;
              }
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the trend of " + key(slo) + ": " + cause.getMessage());
              } else {
                history = points;
                redraw();
              }
              return null;
            },
            threads.ui());
  }

  private void redraw() {
    Row row = selected.get();
    if (row == null) {
      charts.set(null);
      return;
    }
    Instant to = at;
    Instant from = to.minus(TREND);
    charts.set(
        new Charts(
            SloCharts.burnRates(
                history, chartedCluster.get(), row.slo().alerts(), from, to, columns),
            SloCharts.budgetTrend(
                history,
                row.slo().clusters().stream().map(SloSource.ClusterFigures::cluster).toList(),
                from,
                to,
                columns)));
  }

  static Row row(SloSource.Slo slo) {
    Risk risk = Risk.of(slo);
    List<String> firing =
        slo.clusters().stream()
            .filter(c -> c.figures() instanceof SloSource.Known k && !k.firing().isEmpty())
            .map(
                c ->
                    String.join(", ", ((SloSource.Known) c.figures()).firing())
                        + " on "
                        + c.cluster())
            .toList();
    long unknown =
        slo.clusters().stream().filter(c -> c.figures() instanceof SloSource.Unknown).count();
    String fleet =
        slo.fleetBudgetRemaining() == null
            ? "fleet-wide unknown"
            : "fleet-wide "
                + SloFormat.budget(slo.fleetBudgetRemaining())
                + " (errors "
                + SloFormat.ratio(slo.fleetErrorRatio())
                + ")";
    String details =
        "target "
            + SloFormat.target(slo.target())
            + " · "
            + slo.window()
            + " · "
            + fleet
            + (unknown == 0
                ? ""
                : " · " + unknown + " of " + slo.clusters().size() + " clusters unknown");
    return new Row(
        slo,
        risk,
        SloFormat.budget(worstBudget(slo)),
        details,
        firing.isEmpty() ? "" : "firing: " + String.join("; ", firing));
  }

  /** The least budget left on a known cluster, or null when none is known. */
  static Double worstBudget(SloSource.Slo slo) {
    return slo.clusters().stream()
        .map(SloSource.ClusterFigures::figures)
        .filter(SloSource.Known.class::isInstance)
        .map(f -> ((SloSource.Known) f).budgetRemaining())
        .min(Double::compare)
        .orElse(null);
  }

  static ClusterRow clusterRow(SloSource.ClusterFigures c) {
    Risk risk = Risk.of(c.figures());
    return switch (c.figures()) {
      case SloSource.Unknown u -> unknownRow(c.cluster(), risk, u);
      case SloSource.Known k ->
          new ClusterRow(
              c.cluster(),
              risk,
              k.budgetRemaining(),
              SloFormat.budget(k.budgetRemaining()),
              SloFormat.burn(k.burnRates().get("1h")),
              SloFormat.burn(k.burnRates().get("6h")),
              SloFormat.burn(k.burnRates().get("3d")),
              k.budgetRemaining() < 0 ? "spent" : SloFormat.duration(k.exhaustionSeconds()),
              String.join(", ", k.firing()),
              "");
    };
  }

  /**
   * An unknown cluster: "unknown" in every figure's place and, when it was read before, what was
   * read then beside it, marked as stale.
   */
  private static ClusterRow unknownRow(String cluster, Risk risk, SloSource.Unknown u) {
    SloSource.LastKnown last = u.lastKnown();
    String budget = "unknown";
    String reason = u.reason();
    if (last != null) {
      if (last.budgetRemaining() != null) {
        budget = "unknown · was " + SloFormat.percent(last.budgetRemaining());
      }
      List<String> figures = new java.util.ArrayList<>();
      figures.add(SloFormat.budget(last.budgetRemaining()));
      for (String window : List.of("1h", "6h", "3d")) {
        Double rate = last.burnRates().get(window);
        if (rate != null) {
          figures.add(window + " " + SloFormat.burn(rate));
        }
      }
      reason += " · last read " + SloFormat.time(last.at()) + ": " + String.join(", ", figures);
    }
    return new ClusterRow(
        cluster, risk, null, budget, "unknown", "unknown", "unknown", "unknown", "", reason);
  }

  static String emptyText(SloSource.Report report) {
    if (!report.problems().isEmpty()) {
      return "No SLO could be read: the SLO specs have problems (listed below). Fix them in the"
          + " fleet repository's SLO files and push.";
    }
    return "No SLOs to show. Either the synced revision declares none — add OpenSLO or Sloth specs"
        + " under the fleet repository's slos/ directory — or fleet.yaml names no Prometheus for"
        + " any cluster: set spec.slo.prometheus (a clusterSelector and a url) so the platform can"
        + " read the budgets.";
  }

  private static String key(SloSource.Slo slo) {
    return slo.service() + "/" + slo.name();
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ObservableList<ClusterRow> clusters() {
    return clusters;
  }

  public ObservableList<String> problems() {
    return problems;
  }

  public ObjectProperty<Row> selectedProperty() {
    return selected;
  }

  /** The cluster whose burn rates are charted. */
  public StringProperty chartedClusterProperty() {
    return chartedCluster;
  }

  public ReadOnlyObjectProperty<Charts> chartsProperty() {
    return charts.getReadOnlyProperty();
  }

  public Charts charts() {
    return charts.get();
  }

  /** The history points last read for the selected SLO. */
  public List<SloSource.Point> history() {
    return history;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Why the list is empty, or "" when it is not. */
  public ReadOnlyStringProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
