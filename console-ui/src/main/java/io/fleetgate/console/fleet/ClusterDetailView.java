package io.fleetgate.console.fleet;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;

/** A cluster's objects (change, health), the chosen object's diff, and its events. */
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
    BorderPane.setMargin(split, new Insets(6, 0, 0, 0));
    setCenter(split);
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
