package io.fleetgate.console.policy;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Findings (filterable by text and severity) above the waivers; binds to a view model. */
public final class PolicyView extends BorderPane {

  public PolicyView(PolicyViewModel model) {
    setId("policy-view");
    setPadding(new Insets(12));
    TextField search = new TextField();
    search.setId("policy-search");
    search.setPromptText("Filter by cluster, object, policy, control or file");
    search.setPrefColumnCount(28);
    search.textProperty().bindBidirectional(model.filterProperty());
    ComboBox<String> severity = new ComboBox<>();
    severity.setId("policy-severity");
    severity.getItems().setAll(PolicyViewModel.SEVERITIES);
    severity.valueProperty().bindBidirectional(model.severityProperty());
    severity.setPrefWidth(120);
    Label summary = new Label();
    summary.setId("policy-summary");
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    summary.textProperty().bind(model.summaryProperty());
    summary.setWrapText(true);
    Button refresh = new Button("Refresh");
    refresh.setMinWidth(Region.USE_PREF_SIZE);
    refresh.setOnAction(e -> model.refresh());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(12, search, severity, spacer, refresh);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(8, toolbar, summary);
    top.setPadding(new Insets(0, 0, 12, 0));
    setTop(top);

    TableView<PolicySource.FindingRow> findings = new TableView<>(model.visibleFindings());
    findings.setId("policy-findings");
    findings.setPlaceholder(new Label("No findings: every object passed every policy."));
    findings.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    findings.getColumns().add(column("Decision", PolicySource.FindingRow::decision, 90));
    findings.getColumns().add(column("Severity", PolicySource.FindingRow::severity, 85));
    findings.getColumns().add(column("Cluster", PolicySource.FindingRow::cluster, 130));
    findings.getColumns().add(column("Object", PolicySource.FindingRow::object, 170));
    findings.getColumns().add(column("Policy", PolicySource.FindingRow::policy, 165));
    findings.getColumns().add(column("Controls", f -> String.join(", ", f.controls()), 200));
    findings.getColumns().add(column("Source", PolicySource.FindingRow::source, 210));
    findings.getColumns().add(column("Message", PolicySource.FindingRow::message, 300));

    TableView<PolicySource.WaiverRow> waivers = new TableView<>(model.waivers());
    waivers.setId("policy-waivers");
    waivers.setPlaceholder(new Label("No waivers in the repository (waivers.yaml)."));
    waivers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    waivers.getColumns().add(column("Policy", PolicySource.WaiverRow::policy));
    waivers.getColumns().add(column("Object", PolicySource.WaiverRow::object));
    waivers.getColumns().add(column("Owner", PolicySource.WaiverRow::owner));
    waivers.getColumns().add(column("Expires", PolicySource.WaiverRow::expires));
    waivers.getColumns().add(column("State", w -> w.active() ? "active" : "expired"));
    waivers.getColumns().add(column("Declared at", PolicySource.WaiverRow::declaredAt));
    waivers.getColumns().add(column("Reason", PolicySource.WaiverRow::reason));

    Label waiversTitle = new Label("Waivers");
    waiversTitle.getStyleClass().add(Styles.TITLE_4);
    SplitPane split = new SplitPane(findings, new VBox(6, waiversTitle, waivers));
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.68);
    setCenter(split);

    Label error = new Label();
    error.setId("policy-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));
    error.managedProperty().bind(error.visibleProperty());
    setBottom(error);
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  private static <T> TableColumn<T, String> column(
      String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = column(title, value);
    column.setPrefWidth(width);
    return column;
  }
}
