package io.fleetgate.console.reports;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.stage.FileChooser;

/** Scope, Preview, Export and Cancel above the report's HTML; binds to a view model. */
public final class ReportsView extends BorderPane {

  public ReportsView(ReportsViewModel model) {
    setId("reports-view");
    setPadding(new Insets(12));
    DatePicker from = new DatePicker();
    from.setId("reports-from");
    from.valueProperty().bindBidirectional(model.fromProperty());
    DatePicker to = new DatePicker();
    to.setId("reports-to");
    to.valueProperty().bindBidirectional(model.toProperty());
    TextField cluster = new TextField();
    cluster.setId("reports-cluster");
    cluster.setPromptText("All clusters");
    cluster.textProperty().bindBidirectional(model.clusterProperty());
    TextField control = new TextField();
    control.setId("reports-control");
    control.setPromptText("All controls, or e.g. PCI-DSS-v4.0:1.3.1");
    control.setPrefColumnCount(16);
    cluster.setPrefColumnCount(10);
    from.setPrefWidth(140);
    to.setPrefWidth(140);
    control.textProperty().bindBidirectional(model.controlProperty());

    Button preview = new Button("Preview");
    preview.setId("reports-preview");
    preview.setDefaultButton(true);
    preview.setOnAction(e -> model.preview());
    MenuButton export = new MenuButton("Export");
    export.setId("reports-export");
    for (String format : ReportsViewModel.EXPORTS) {
      MenuItem item = new MenuItem(format.toUpperCase(java.util.Locale.ROOT));
      item.setOnAction(
          e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("fleetgate-audit-report." + extension(format));
            var file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
              model.export(format, file.toPath());
            }
          });
      export.getItems().add(item);
    }
    Button cancel = new Button("Cancel");
    cancel.setId("reports-cancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.visibleProperty().bind(model.busyProperty());
    preview.disableProperty().bind(model.busyProperty());
    export.disableProperty().bind(model.busyProperty());
    ProgressIndicator progress = new ProgressIndicator();
    progress.setPrefSize(20, 20);
    progress.visibleProperty().bind(model.busyProperty());

    HBox scope =
        new HBox(
            8,
            new Label("From"),
            from,
            new Label("to"),
            to,
            cluster,
            control,
            preview,
            export,
            cancel,
            progress);
    scope.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.Node node : scope.getChildren()) {
      if (node instanceof javafx.scene.control.Control c && !(node instanceof TextField)) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      }
    }
    Label status = new Label();
    status.setId("reports-status");
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.textProperty().bind(model.statusProperty());
    Label error = new Label();
    error.setId("reports-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));
    error.managedProperty().bind(error.visibleProperty());
    VBox top = new VBox(6, scope, status, error);
    top.setPadding(new Insets(0, 0, 8, 0));
    setTop(top);

    WebView page = new WebView();
    page.setId("reports-page");
    model.htmlProperty().addListener((obs, old, now) -> page.getEngine().loadContent(now));
    setCenter(page);
  }

  private static String extension(String format) {
    return switch (format) {
      case "junit" -> "xml";
      case "openreports" -> "yaml";
      default -> format;
    };
  }
}
