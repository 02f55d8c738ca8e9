package io.fleetgate.console.fleet;

import atlantafx.base.theme.Styles;
import io.fleetgate.api.ArgoCdStatus;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A cluster's objects (change, health), the chosen object's diff, and its events; below the
 * objects, on a platform that syncs through Argo CD, Argo CD's Applications for the cluster.
 */
public final class ClusterDetailView extends BorderPane {

  public ClusterDetailView(ClusterDetailViewModel model) {
    setId("cluster-detail");
    setPadding(new Insets(8, 0, 0, 0));
    Label title = new Label();
    title.setId("cluster-detail-title");
    title.getStyleClass().add(Styles.TEXT_BOLD);
    title.textProperty().bind(model.titleProperty());
    setTop(title);

    TableView<ClusterSource.ObjectRow> objects = new TableView<>(model.objects());
    objects.setId("cluster-objects");
    objects.setPlaceholder(new Label("Choose a cluster in the table above."));
    objects.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    objects.getColumns().add(column("Object", ClusterSource.ObjectRow::object));
    objects.getColumns().add(column("Bundle", ClusterSource.ObjectRow::bundle));
    objects.getColumns().add(column("Change", ClusterSource.ObjectRow::change));
    objects.getColumns().add(column("Health", ClusterSource.ObjectRow::health));
    objects.getColumns().add(column("Source", ClusterSource.ObjectRow::source));
    objects
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, row) -> model.selectedProperty().set(row));

    TextArea diff = new TextArea();
    diff.setId("cluster-diff");
    diff.setEditable(false);
    diff.setWrapText(true);
    diff.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
    diff.textProperty().bind(model.diffProperty());

    TableView<ClusterSource.EventRow> events = new TableView<>(model.events());
    events.setId("cluster-events");
    events.setPlaceholder(new Label("No Warning events about synced objects."));
    events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    events.getColumns().add(column("Object", ClusterSource.EventRow::object));
    events.getColumns().add(column("Reason", ClusterSource.EventRow::reason));
    events.getColumns().add(column("Count", e -> Integer.toString(e.count())));
    events.getColumns().add(column("Message", ClusterSource.EventRow::message));

    SplitPane right = new SplitPane(diff, events);
    right.setOrientation(javafx.geometry.Orientation.VERTICAL);
    SplitPane split = new SplitPane(objects, right);
    split.setDividerPositions(0.6);
    // Argo CD's Applications across the whole width below, on a platform that syncs through it.
    VBox argoCd = argoCd(model);
    SplitPane whole = new SplitPane(split);
    whole.setOrientation(javafx.geometry.Orientation.VERTICAL);
    model
        .argoCdShownProperty()
        .addListener(
            (obs, was, shown) -> {
              if (shown && !whole.getItems().contains(argoCd)) {
                whole.getItems().add(argoCd);
                whole.setDividerPositions(0.5);
              } else if (!shown) {
                whole.getItems().remove(argoCd);
              }
            });
    BorderPane.setMargin(whole, new Insets(6, 0, 0, 0));
    setCenter(whole);
  }

  /** Argo CD's Applications for the cluster: sync status, health, last operation, message. */
  private static VBox argoCd(ClusterDetailViewModel model) {
    Label summary = new Label();
    summary.setId("cluster-argocd-summary");
    summary.getStyleClass().add(Styles.TEXT_BOLD);
    summary.setWrapText(true);
    summary.setMaxWidth(Double.MAX_VALUE);
    summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    summary.textProperty().bind(model.argoCdSummaryProperty());
    TableView<ArgoCdStatus.Application> table = new TableView<>(model.applications());
    table.setId("cluster-argocd");
    Label empty = new Label();
    empty.textProperty().bind(model.argoCdEmptyProperty());
    table.setPlaceholder(empty);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .addAll(
            List.of(
                sized(column("Application", ArgoCdStatus.Application::name), 250),
                sized(column("Bundle", ArgoCdStatus.Application::bundle), 120),
                sized(
                    marked(
                        "Sync",
                        a -> ArgoCdSummary.sync(a.sync()),
                        a -> a.sync() == ArgoCdStatus.Sync.SYNCED),
                    95),
                sized(
                    marked(
                        "Health",
                        a -> ArgoCdSummary.health(a.health()),
                        a -> a.health() == ArgoCdStatus.Health.HEALTHY),
                    105),
                sized(
                    marked(
                        "Last sync",
                        a -> ArgoCdSummary.operation(a.operation()),
                        a ->
                            a.operation() != ArgoCdStatus.Operation.FAILED
                                && a.operation() != ArgoCdStatus.Operation.ERROR),
                    95),
                sized(column("Revision", a -> ArgoCdSummary.revision(a.targetRevision())), 115),
                sized(column("Resources", a -> Integer.toString(a.resources())), 85),
                column("Message", ArgoCdSummary::message)));
    VBox box = new VBox(4, summary, table);
    box.setId("cluster-argocd-pane");
    box.setPadding(new Insets(4, 0, 0, 0));
    VBox.setVgrow(table, Priority.ALWAYS);
    return box;
  }

  /**
   * A column that keeps its width: laid out while hidden, a constrained table would otherwise
   * shrink it to nothing and give all later room to the last column.
   */
  private static <T> TableColumn<T, String> sized(TableColumn<T, String> column, double width) {
    column.setPrefWidth(width);
    column.setMinWidth(width);
    return column;
  }

  /** A column whose cell reads green when {@code good}, amber otherwise. */
  private static TableColumn<ArgoCdStatus.Application, String> marked(
      String title,
      Function<ArgoCdStatus.Application, String> value,
      java.util.function.Predicate<ArgoCdStatus.Application> good) {
    TableColumn<ArgoCdStatus.Application, String> column = column(title, value);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                var row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || text == null || row == null) {
                  setText(null);
                  setStyle(null);
                  return;
                }
                setText(text);
                setStyle(
                    good.test(row)
                        ? "-fx-text-fill: -color-success-fg;"
                        : "-fx-text-fill: -color-warning-fg; -fx-font-weight: bold;");
              }
            });
    return column;
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
