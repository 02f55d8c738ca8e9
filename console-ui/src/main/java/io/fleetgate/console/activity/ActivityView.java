package io.fleetgate.console.activity;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The commit timeline, newest first, updated live; binds to an {@link ActivityViewModel}. */
public final class ActivityView extends BorderPane {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  public ActivityView(ActivityViewModel model) {
    setId("activity-view");
    setPadding(new Insets(12));
    Label status = new Label();
    status.setId("activity-status");
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.textProperty().bind(model.statusProperty());
    BorderPane.setMargin(status, new Insets(0, 0, 8, 0));
    setTop(status);

    TableView<ActivityViewModel.Journey> table = new TableView<>(model.journeys());
    table.setId("activity-table");
    table.setPlaceholder(new Label("No sync has finished since the console connected."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<ActivityViewModel.Journey, String> when = new TableColumn<>("First seen");
    when.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(c.getValue().firstSeen())));
    TableColumn<ActivityViewModel.Journey, String> commit = new TableColumn<>("Revision");
    commit.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().revision()));
    TableColumn<ActivityViewModel.Journey, ActivityViewModel.Journey> stage =
        new TableColumn<>("Journey");
    stage.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
    stage.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(ActivityViewModel.Journey journey, boolean empty) {
                super.updateItem(journey, empty);
                if (empty || journey == null) {
                  setText(null);
                  setStyle(null);
                  return;
                }
                setText(journey.stage());
                setWrapText(true);
                setStyle(
                    journey.appliedEverywhere()
                        ? "-fx-text-fill: -color-success-fg;"
                        : "-fx-text-fill: -color-warning-fg;");
              }
            });
    when.setPrefWidth(170);
    when.setMaxWidth(200);
    commit.setPrefWidth(130);
    commit.setMaxWidth(160);
    table.getColumns().addAll(java.util.List.of(when, commit, stage));
    setCenter(table);
  }
}
