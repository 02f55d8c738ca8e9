package io.fleetgate.console.rollout;

import atlantafx.base.theme.Styles;
import io.fleetgate.console.rollout.RolloutSource.MatrixTarget;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The fleet's patch matrix: the target nodes are judged against (a rollout, or versions typed in),
 * a filter (cluster name part, behind only), a table of cluster × Kubernetes version × kernel × OS
 * image with the nodes at each level, up to date, not Ready and cordoned — an unreachable cluster
 * as a line that says so — the clusters that could not be listed, and "Export CSV…".
 */
final class MatrixView extends VBox {

  static final String NO_TARGET = "No target";
  static final String VERSIONS = "Versions typed in…";

  MatrixView(PatchMatrixViewModel model) {
    super(8);
    setId("patch-matrix");

    ComboBox<String> target = new ComboBox<>();
    target.setId("matrix-target");
    target.setPrefWidth(230);
    Runnable choices =
        () -> {
          String was = target.getValue();
          target.getItems().setAll(NO_TARGET);
          model.rollouts().forEach(name -> target.getItems().add("Rollout " + name));
          target.getItems().add(VERSIONS);
          target.setValue(was == null ? label(model.targetProperty().get()) : was);
        };
    model.rollouts().addListener((ListChangeListener<String>) c -> choices.run());
    choices.run();
    model.targetProperty().addListener((o, a, b) -> target.setValue(label(b)));

    TextField kubernetes = field("matrix-kubernetes", "Kubernetes, e.g. v1.34.4");
    TextField kernel = field("matrix-kernel", "kernel, e.g. 6.8.0-88-generic");
    TextField os = field("matrix-os", "OS image");
    Button judge = new Button("Judge");
    judge.setId("matrix-judge");
    judge.setOnAction(
        e ->
            model.choose(
                new MatrixTarget.Versions(kubernetes.getText(), kernel.getText(), os.getText())));
    HBox versions = new HBox(6, kubernetes, kernel, os, judge);
    versions.setAlignment(Pos.CENTER_LEFT);
    versions.visibleProperty().bind(target.valueProperty().isEqualTo(VERSIONS));
    versions.managedProperty().bind(versions.visibleProperty());
    target.setOnAction(
        e -> {
          String chosen = target.getValue();
          if (chosen == null || chosen.equals(label(model.targetProperty().get()))) {
            return;
          }
          if (chosen.equals(NO_TARGET)) {
            model.choose(new MatrixTarget.Nothing());
          } else if (chosen.startsWith("Rollout ")) {
            model.choose(new MatrixTarget.OfRollout(chosen.substring("Rollout ".length())));
          }
        });

    TextField filter = field("matrix-filter", "cluster contains…");
    filter.textProperty().bindBidirectional(model.clusterFilterProperty());
    CheckBox behind = new CheckBox("Behind only");
    behind.setId("matrix-behind");
    behind.selectedProperty().bindBidirectional(model.behindOnlyProperty());
    behind.disableProperty().bind(model.judgedProperty().not());
    behind.setTooltip(
        new Tooltip("Levels with nodes not up to date, and every cluster that could not be read"));
    Button export = new Button("Export CSV…");
    export.setId("matrix-export");
    export.setTooltip(new Tooltip("Writes the lines shown, spreadsheet-safe"));
    export.setOnAction(e -> export(model));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Label targetLabel = new Label("Judge against");
    targetLabel.setMinWidth(Region.USE_PREF_SIZE);
    HBox controls = new HBox(8, targetLabel, target, versions, gap, filter, behind, export);
    controls.setAlignment(Pos.CENTER_LEFT);

    Label summary = new Label();
    summary.setId("matrix-summary");
    summary.textProperty().bind(model.summaryProperty());
    Label error = new Label();
    error.setId("matrix-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    Label exported = new Label();
    exported.setId("matrix-exported");
    exported.textProperty().bind(model.exportedProperty());
    exported.managedProperty().bind(exported.textProperty().isNotEmpty());

    TableView<MatrixLines.Line> table = new TableView<>(model.lines());
    table.setId("matrix-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No cluster matches the filter."));
    TableColumn<MatrixLines.Line, MatrixLines.Line> cluster = new TableColumn<>("Cluster");
    cluster.setCellValueFactory(
        c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
    cluster.setCellFactory(c -> new ClusterCell());
    cluster.setPrefWidth(210);
    table.getColumns().add(cluster);
    table.getColumns().add(column("Kubernetes", MatrixLines.Line::kubernetesVersion, 110));
    table.getColumns().add(column("Kernel", MatrixLines.Line::kernelVersion, 150));
    table.getColumns().add(column("OS image", MatrixLines.Line::osImage, 170));
    table.getColumns().add(column("Nodes", MatrixLines.Line::nodes, 72));
    table.getColumns().add(column("Up to date", MatrixLines.Line::upToDate, 90));
    table.getColumns().add(column("Not ready", MatrixLines.Line::notReady, 84));
    table.getColumns().add(column("Cordoned", MatrixLines.Line::cordoned, 84));
    table.getColumns().add(column("Detail", MatrixLines.Line::detail, 260));
    VBox.setVgrow(table, Priority.ALWAYS);

    Label unreachable = new Label();
    unreachable.setId("matrix-unreachable");
    unreachable.setWrapText(true);
    unreachable.setMinHeight(Region.USE_PREF_SIZE);
    unreachable.setTextFill(RolloutColors.of(Tone.BAD));
    unreachable.managedProperty().bind(unreachable.textProperty().isNotEmpty());
    model
        .lines()
        .addListener(
            (ListChangeListener<MatrixLines.Line>)
                c ->
                    unreachable.setText(
                        String.join(
                            "\n",
                            model.lines().stream()
                                .filter(l -> !l.reachable())
                                .map(l -> l.cluster() + " unreachable: " + l.detail())
                                .toList())));

    Label notReadTitle = new Label("Clusters the platform could not list");
    notReadTitle.getStyleClass().add(Styles.TEXT_BOLD);
    ListView<String> notRead = new ListView<>(model.notRead());
    notRead.setId("matrix-not-read");
    notRead.setPrefHeight(90);
    VBox notReadBox = new VBox(4, notReadTitle, notRead);
    notReadBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.notRead()));
    notReadBox.managedProperty().bind(notReadBox.visibleProperty());

    getChildren().addAll(controls, summary, error, exported, table, unreachable, notReadBox);
  }

  private static String label(MatrixTarget target) {
    return switch (target) {
      case MatrixTarget.Nothing n -> NO_TARGET;
      case MatrixTarget.OfRollout r -> "Rollout " + r.name();
      case MatrixTarget.Versions v -> VERSIONS;
    };
  }

  private static TextField field(String id, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.setPrefColumnCount(14);
    return field;
  }

  private void export(PatchMatrixViewModel model) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the patch matrix");
    chooser.setInitialFileName("patch-matrix.csv");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      model.export(file.toPath());
    }
  }

  private static TableColumn<MatrixLines.Line, String> column(
      String title, Function<MatrixLines.Line, String> value, double width) {
    TableColumn<MatrixLines.Line, String> c = new TableColumn<>(title);
    c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC, Styles.DANGER);
                if (!empty && ("unknown".equals(text) || "—".equals(text))) {
                  getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
                }
                if (!empty && "unreachable".equals(text)) {
                  getStyleClass().add(Styles.DANGER);
                }
              }
            });
    c.setPrefWidth(width);
    return c;
  }

  /**
   * A cluster's name after a dot: amber when the line is behind, red when it could not be read,
   * green when up to date, grey when nothing is judged.
   */
  private static final class ClusterCell extends TableCell<MatrixLines.Line, MatrixLines.Line> {
    @Override
    protected void updateItem(MatrixLines.Line line, boolean empty) {
      super.updateItem(line, empty);
      if (empty || line == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Tone tone =
          !line.reachable()
              ? Tone.BAD
              : line.behind()
                  ? Tone.WAITING
                  : line.upToDate().equals("—") ? Tone.NEUTRAL : Tone.GOOD;
      setGraphic(new javafx.scene.shape.Circle(5, RolloutColors.of(tone)));
      setText(line.cluster());
    }
  }
}
