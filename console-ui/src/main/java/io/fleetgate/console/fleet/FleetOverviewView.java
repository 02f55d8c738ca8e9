package io.fleetgate.console.fleet;

import atlantafx.base.theme.Styles;
import io.fleetgate.api.ClusterSummary;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The fleet table with its search field and summary; binds to a {@link FleetOverviewViewModel}. */
public final class FleetOverviewView extends BorderPane {

  public FleetOverviewView(FleetOverviewViewModel model) {
    setId("fleet-overview");
    setPadding(new Insets(12));

    TextField search = new TextField();
    search.setId("fleet-search");
    search.setPromptText("Filter by name, provider, region, env or tier");
    search.setPrefColumnCount(28);
    search.textProperty().bindBidirectional(model.filterProperty());

    Label summary = new Label();
    summary.setId("fleet-summary");
    summary.textProperty().bind(model.summaryProperty());
    summary.getStyleClass().add(Styles.TEXT_MUTED);

    Button refresh = new Button("Refresh");
    refresh.setId("fleet-refresh");
    refresh.disableProperty().bind(model.loadingProperty());
    refresh.setOnAction(event -> model.refresh());

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(12, search, summary, spacer, refresh);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(0, 0, 12, 0));
    setTop(toolbar);

    setCenter(table(model));

    Label error = new Label();
    error.setId("fleet-error");
    error.setWrapText(true);
    error.getStyleClass().add(Styles.DANGER);
    error.textProperty().bind(model.errorProperty());
    error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));
    error.managedProperty().bind(error.visibleProperty());
    BorderPane.setMargin(error, new Insets(8, 0, 0, 0));
    setBottom(error);
  }

  private static TableView<ClusterSummary> table(FleetOverviewViewModel model) {
    TableView<ClusterSummary> table = new TableView<>(model.visibleRows());
    table.setId("fleet-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label placeholder = new Label();
    placeholder.textProperty().bind(model.emptyMessageProperty());
    table.setPlaceholder(placeholder);
    TableColumn<ClusterSummary, String> name = column("Cluster", ClusterSummary::name);
    name.setMinWidth(190);
    table.getColumns().add(name);
    table.getColumns().add(column("Provider", ClusterSummary::provider));
    table.getColumns().add(column("Region", ClusterSummary::region));
    table.getColumns().add(column("Env", ClusterSummary::env));
    table.getColumns().add(column("Tier", ClusterSummary::tier));
    table.getColumns().add(column("Phase", ClusterSummary::phase));
    table.getColumns().add(column("Kubernetes", ClusterSummary::kubernetesVersion));
    TableColumn<ClusterSummary, ClusterSummary> health = new TableColumn<>("Health");
    health.setCellValueFactory(
        cell -> new javafx.beans.property.SimpleObjectProperty<>(cell.getValue()));
    health.setCellFactory(column -> new HealthCell());
    table.getColumns().add(health);
    return table;
  }

  private static TableColumn<ClusterSummary, String> column(
      String title, Function<ClusterSummary, String> value) {
    TableColumn<ClusterSummary, String> column = new TableColumn<>(title);
    column.setCellValueFactory(
        cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  /** Shows reachability in words and colour. */
  private static final class HealthCell extends TableCell<ClusterSummary, ClusterSummary> {
    @Override
    protected void updateItem(ClusterSummary row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setText(null);
        setStyle(null);
        return;
      }
      setText(FleetOverviewViewModel.health(row));
      setStyle(
          row.reachable()
              ? "-fx-text-fill: -color-success-fg;"
              : "-fx-text-fill: -color-danger-fg;");
    }
  }
}
