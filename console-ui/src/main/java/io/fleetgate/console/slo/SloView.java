package io.fleetgate.console.slo;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The SLO view; binds to a {@link SloViewModel}. Left: every SLO riskiest first, each with its
 * budget as a bar, target, window, fleet-wide figure and firing alerts. Right: the selected SLO's
 * clusters (budget, burn rates, time to exhaustion, or why unknown), the burn rates of one cluster
 * against the alert thresholds, and every cluster's budget over the window.
 */
public final class SloView extends BorderPane {

  private static final double BAR_W = 220;
  private final SloViewModel model;
  private final BooleanProperty dark;
  private final ListView<SloViewModel.Row> list;
  private final TrendCanvas burn = new TrendCanvas("slo-burn-chart", false);
  private final TrendCanvas budget = new TrendCanvas("slo-budget-chart", true);

  public SloView(SloViewModel model, BooleanProperty dark) {
    this.model = model;
    this.dark = dark;
    setId("slo-view");
    setPadding(new Insets(12));

    Label summary = new Label();
    summary.setId("slo-summary");
    summary.textProperty().bind(model.summaryProperty());
    Label error = new Label();
    error.setId("slo-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    Button refresh = new Button("Refresh");
    refresh.setId("slo-refresh");
    refresh.setOnAction(e -> model.refresh());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(12, summary, gap, refresh);
    bar.setAlignment(Pos.CENTER_LEFT);
    setTop(new VBox(6, bar, error));

    list = new ListView<>(model.rows());
    list.setId("slo-list");
    list.setCellFactory(l -> new SloCell());
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                model.selectedProperty().set(b);
              }
            });
    model.selectedProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
    list.setMinWidth(380);

    Label empty = new Label();
    empty.setId("slo-empty");
    empty.setWrapText(true);
    empty.setMaxWidth(640);
    empty.getStyleClass().add(Styles.TITLE_4);
    empty.textProperty().bind(model.emptyProperty());
    ListView<String> problems = new ListView<>(model.problems());
    problems.setId("slo-problems");
    problems.setMaxHeight(160);
    problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
    VBox emptyState = new VBox(12, empty, problems);
    emptyState.setAlignment(Pos.CENTER);
    emptyState.setPadding(new Insets(40));
    emptyState.visibleProperty().bind(model.emptyProperty().isNotEmpty());

    SplitPane split = new SplitPane(list, details());
    split.setDividerPositions(0.34);
    split.visibleProperty().bind(model.emptyProperty().isEmpty());
    StackPane centre = new StackPane(split, emptyState);
    setCenter(centre);
    BorderPane.setMargin(centre, new Insets(8, 0, 0, 0));

    model.chartsProperty().addListener((o, a, b) -> redraw());
    dark.addListener(
        (o, a, b) -> {
          redraw();
          list.refresh();
        });
  }

  private VBox details() {
    Label title = new Label();
    title.setId("slo-title");
    title.getStyleClass().add(Styles.TITLE_3);
    Label description = new Label();
    description.setId("slo-description");
    description.setWrapText(true);
    description.setMinHeight(Region.USE_PREF_SIZE);
    Label alerts = new Label();
    alerts.setId("slo-alerts");
    alerts.getStyleClass().add(Styles.TEXT_MUTED);
    alerts.setWrapText(true);
    alerts.setMinHeight(Region.USE_PREF_SIZE);
    model
        .selectedProperty()
        .addListener(
            (o, a, row) -> {
              title.setText(row == null ? "" : row.title());
              description.setText(
                  row == null
                      ? ""
                      : row.slo().description()
                          + " · "
                          + row.details().replace("fleet-wide", "fleet-wide budget"));
              alerts.setText(
                  row == null
                      ? ""
                      : "Alerts: "
                          + String.join(
                              " · ", row.slo().alerts().stream().map(SloFormat::alert).toList()));
            });

    TableView<SloViewModel.ClusterRow> table = new TableView<>(model.clusters());
    table.setId("slo-clusters");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setFixedCellSize(28);
    table
        .prefHeightProperty()
        .bind(
            javafx.beans.binding.Bindings.size(model.clusters())
                .multiply(28)
                .add(52)
                .map(n -> Math.min(n.doubleValue(), 52 + 28 * 6.0)));
    table.setMinHeight(Region.USE_PREF_SIZE);
    TableColumn<SloViewModel.ClusterRow, SloViewModel.ClusterRow> cluster =
        new TableColumn<>("Cluster");
    cluster.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    cluster.setCellFactory(c -> new ClusterCell());
    cluster.setPrefWidth(190);
    table.getColumns().add(cluster);
    table.getColumns().add(column("Budget", SloViewModel.ClusterRow::budget, 160));
    table.getColumns().add(column("1h", SloViewModel.ClusterRow::burn1h, 76));
    table.getColumns().add(column("6h", SloViewModel.ClusterRow::burn6h, 76));
    table.getColumns().add(column("3d", SloViewModel.ClusterRow::burn3d, 76));
    table.getColumns().add(column("Lasts", SloViewModel.ClusterRow::exhaustion, 92));
    table.getColumns().add(column("Firing", SloViewModel.ClusterRow::firing, 70));
    table.getColumns().add(column("Reason", SloViewModel.ClusterRow::reason, 90));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                model.chartedClusterProperty().set(b.cluster());
              }
            });

    Label unknown = new Label();
    unknown.setId("slo-unknown-reasons");
    unknown.setWrapText(true);
    unknown.setTextFill(SloColors.UNKNOWN);
    unknown.managedProperty().bind(unknown.textProperty().isNotEmpty());
    model
        .clusters()
        .addListener(
            (ListChangeListener<SloViewModel.ClusterRow>)
                c ->
                    unknown.setText(
                        String.join(
                            "\n",
                            model.clusters().stream()
                                .filter(r -> r.risk() == Risk.UNKNOWN)
                                .map(r -> r.cluster() + " unknown: " + r.reason())
                                .toList())));

    ComboBox<String> charted = new ComboBox<>();
    charted.setId("slo-charted-cluster");
    model
        .clusters()
        .addListener(
            (ListChangeListener<SloViewModel.ClusterRow>)
                c ->
                    charted
                        .getItems()
                        .setAll(
                            model.clusters().stream()
                                .map(SloViewModel.ClusterRow::cluster)
                                .toList()));
    charted.valueProperty().bindBidirectional(model.chartedClusterProperty());
    Label chartedLabel = new Label("Burn rates of");
    HBox chooser = new HBox(8, chartedLabel, charted);
    chooser.setAlignment(Pos.CENTER_LEFT);

    VBox box = new VBox(8, title, description, alerts, table, unknown, chooser, burn, budget);
    box.setPadding(new Insets(0, 0, 0, 12));
    box.widthProperty()
        .addListener(
            (o, a, w) -> {
              burn.setWidth(Math.max(200, w.doubleValue() - 12));
              budget.setWidth(Math.max(200, w.doubleValue() - 12));
              redraw();
            });
    return box;
  }

  private static TableColumn<SloViewModel.ClusterRow, String> column(
      String title,
      java.util.function.Function<SloViewModel.ClusterRow, String> value,
      double width) {
    TableColumn<SloViewModel.ClusterRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
                if (!empty && "unknown".equals(text)) {
                  getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
                }
              }
            });
    c.setPrefWidth(width);
    return c;
  }

  private void redraw() {
    SloViewModel.Charts charts = model.charts();
    SloColors.Sheet sheet = SloColors.Sheet.of(dark.get());
    burn.draw(
        charts == null ? null : charts.burnRates(),
        sheet,
        "No snapshots of this cluster yet: the platform keeps one every 5 minutes.");
    budget.draw(
        charts == null ? null : charts.budget(),
        sheet,
        "No snapshots yet: the platform keeps one every 5 minutes.");
  }

  /** A cluster's name after a dot in its risk's colour. */
  private final class ClusterCell
      extends TableCell<SloViewModel.ClusterRow, SloViewModel.ClusterRow> {
    @Override
    protected void updateItem(SloViewModel.ClusterRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(5, SloColors.of(row.risk()));
      setGraphic(dot);
      setText(row.cluster());
    }
  }

  /** One SLO: title, bar and budget, target/window/fleet figure, firing alerts. */
  private final class SloCell extends ListCell<SloViewModel.Row> {
    @Override
    protected void updateItem(SloViewModel.Row row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label title = new Label(row.title());
      title.getStyleClass().add(Styles.TEXT_BOLD);
      Label risk = new Label(row.risk().name().toLowerCase(java.util.Locale.ROOT));
      risk.setTextFill(SloColors.of(row.risk()));
      risk.getStyleClass().add(Styles.TEXT_BOLD);
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      title.setMinWidth(0);
      risk.setMinWidth(Region.USE_PREF_SIZE);
      HBox head = new HBox(8, title, gap, risk);
      BudgetBar bar = new BudgetBar(BAR_W, 14);
      bar.draw(
          SloViewModel.worstBudget(row.slo()),
          Risk.known(row.slo()),
          SloColors.Sheet.of(dark.get()));
      Label budgetText = new Label("worst " + row.budget());
      HBox budgetLine = new HBox(8, bar, budgetText);
      budgetLine.setAlignment(Pos.CENTER_LEFT);
      Label details = new Label(row.details());
      details.getStyleClass().add(Styles.TEXT_MUTED);
      details.setWrapText(true);
      details.setMinHeight(Region.USE_PREF_SIZE);
      VBox box = new VBox(4, head, budgetLine, details);
      if (!row.firing().isEmpty()) {
        Label firing = new Label(row.firing());
        firing.setTextFill(SloColors.OVERSPENT);
        firing.setWrapText(true);
        firing.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().add(firing);
      }
      box.prefWidthProperty().bind(list.widthProperty().subtract(40));
      box.maxWidthProperty().bind(list.widthProperty().subtract(40));
      setText(null);
      setGraphic(box);
    }
  }
}
