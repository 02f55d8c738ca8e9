package io.fleetgate.console.network;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * The Network view; binds to a {@link NetworkViewModel}. Top: cluster, revision and the two ends of
 * a diff; below them the filters and the legend. Centre: the graph and the matrix. Right: the
 * selected workload (who can reach it, what it can reach) and the explanation of the highlighted
 * path.
 */
public final class NetworkView extends BorderPane {

  private final NetworkViewModel model;
  private final GraphPane graph;
  private final MatrixCanvas matrix;
  private final BooleanProperty dark;

  public NetworkView(NetworkViewModel model, BooleanProperty dark) {
    this.model = model;
    this.dark = dark;
    setId("network-view");
    setPadding(new Insets(12));
    graph = new GraphPane(model.selectedProperty()::set, model::explain);
    matrix = new MatrixCanvas(model::explain);
    setTop(new VBox(8, sources(), filters(), summary()));
    TabPane views = new TabPane();
    views.setId("network-views");
    views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    ScrollPane graphScroll = new ScrollPane(graph);
    graphScroll.setId("network-graph-scroll");
    ScrollPane matrixScroll = new ScrollPane(matrix);
    Tab graphTab = new Tab("Graph", graphScroll);
    graphTab.setId("network-tab-graph");
    Tab matrixTab = new Tab("Matrix", matrixScroll);
    matrixTab.setId("network-tab-matrix");
    ListView<NetworkSource.Finding> findings = new ListView<>(model.findings());
    findings.setId("network-findings");
    findings.setCellFactory(
        list ->
            new javafx.scene.control.ListCell<>() {
              @Override
              protected void updateItem(NetworkSource.Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(
                    empty || f == null
                        ? null
                        : f.severity() + "  " + f.kind() + "  " + f.subject() + ": " + f.message());
              }
            });
    Tab findingsTab = new Tab("Findings", findings);
    findingsTab.setId("network-tab-findings");
    views.getTabs().addAll(graphTab, matrixTab, findingsTab);
    SplitPane split = new SplitPane(views, details());
    split.setDividerPositions(0.76);
    setCenter(split);
    BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
    model.shownProperty().addListener((o, a, b) -> redraw());
    model.selectedProperty().addListener((o, a, b) -> redraw());
    model.pathProperty().addListener((o, a, b) -> redraw());
    dark.addListener((o, a, b) -> redraw());
  }

  /** Which graph tab is selected: for the screenshot of the matrix. */
  public void showMatrix(boolean on) {
    TabPane views = (TabPane) lookup("#network-views");
    views.getSelectionModel().select(on ? 1 : 0);
  }

  private void redraw() {
    NetworkViewModel.Shown shown = model.shown();
    graph.draw(shown, model.selectedProperty().get(), model.pathProperty().get());
    if (shown != null) {
      matrix.draw(NetworkGraph.matrix(shown.picture(), shown.edges()), dark.get());
    }
  }

  private Node sources() {
    ComboBox<String> cluster = new ComboBox<>(model.clusters());
    cluster.setId("network-cluster");
    cluster.setPromptText("cluster");
    cluster.valueProperty().bindBidirectional(model.clusterProperty());
    ComboBox<String> revision = revisionPicker("network-revision", "synced revision");
    revision.valueProperty().bindBidirectional(model.revisionProperty());
    ComboBox<String> from = revisionPicker("network-diff-from", "diff from…");
    from.valueProperty().bindBidirectional(model.diffFromProperty());
    ComboBox<String> to = revisionPicker("network-diff-to", "…to");
    to.valueProperty().bindBidirectional(model.diffToProperty());
    Button show = new Button("Show");
    show.setId("network-load");
    show.getStyleClass().add(Styles.ACCENT);
    show.setDefaultButton(true);
    show.setOnAction(e -> model.load());
    Button clear = new Button("Clear diff");
    clear.setId("network-clear-diff");
    clear.setOnAction(
        e -> {
          from.setValue(null);
          to.setValue(null);
          model.load();
        });
    HBox row =
        new HBox(
            8,
            label("Cluster"),
            cluster,
            label("Revision"),
            revision,
            label("Diff"),
            from,
            to,
            show,
            clear);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private ComboBox<String> revisionPicker(String id, String prompt) {
    ComboBox<String> picker = new ComboBox<>(model.revisions());
    picker.setId(id);
    picker.setEditable(true);
    picker.setPromptText(prompt);
    picker.setPrefWidth(190);
    return picker;
  }

  private Node filters() {
    ChoiceBox<String> namespace = new ChoiceBox<>(model.namespaces());
    namespace.setId("network-filter-namespace");
    namespace.valueProperty().bindBidirectional(model.namespaceProperty());
    namespace.setMinWidth(150);
    TextField port = new TextField();
    port.setId("network-filter-port");
    port.setPromptText("port, e.g. 5432 or udp 53");
    port.setPrefColumnCount(14);
    port.textProperty().bindBidirectional(model.portProperty());
    ChoiceBox<String> finding = new ChoiceBox<>(model.findingKinds());
    finding.setId("network-filter-finding");
    finding.valueProperty().bindBidirectional(model.findingProperty());
    finding.setMinWidth(150);
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox row =
        new HBox(
            8,
            label("Namespace"),
            namespace,
            label("Port"),
            port,
            label("Finding"),
            finding,
            gap,
            legend());
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static Node legend() {
    HBox legend =
        new HBox(
            12,
            swatch("allowed", NetworkColors.ALLOWED, false),
            swatch("opened", NetworkColors.OPENED, false),
            swatch("closed", NetworkColors.CLOSED, true),
            swatch("path", NetworkColors.PATH, false),
            swatch("protected namespace", NetworkColors.PROTECTED, true));
    legend.setId("network-legend");
    legend.setAlignment(Pos.CENTER_RIGHT);
    return legend;
  }

  private static Node swatch(String text, javafx.scene.paint.Color color, boolean dashed) {
    Line line = new Line(0, 0, 22, 0);
    line.setStroke(color);
    line.setStrokeWidth(3);
    if (dashed) {
      line.getStrokeDashArray().setAll(6.0, 4.0);
    }
    Label label = new Label(text, line);
    label.getStyleClass().add(Styles.TEXT_SMALL);
    return label;
  }

  private Node summary() {
    Label summary = new Label();
    summary.setId("network-summary");
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    summary.textProperty().bind(model.summaryProperty());
    Label error = new Label();
    error.setId("network-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    return new VBox(2, summary, error);
  }

  private Node details() {
    Label selected = new Label();
    selected.setId("network-selected");
    selected.getStyleClass().add(Styles.TEXT_BOLD);
    selected.setWrapText(true);
    selected
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    model.selectedProperty().get() == null
                            || model.selectedProperty().get().isBlank()
                        ? "Select a workload"
                        : model.selectedProperty().get(),
                model.selectedProperty()));
    ListView<String> reaching = pathList("network-reaching", model.reaching(), true);
    ListView<String> reachable = pathList("network-reachable", model.reachable(), false);
    TextArea explanation = new TextArea();
    explanation.setId("network-explanation");
    explanation.setEditable(false);
    explanation.setWrapText(true);
    explanation.setPrefRowCount(9);
    explanation.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
    explanation.textProperty().bind(model.explanationProperty());
    VBox box =
        new VBox(
            6,
            selected,
            heading("Can reach it"),
            reaching,
            heading("It can reach"),
            reachable,
            heading("Explanation of the highlighted path"),
            explanation);
    VBox.setVgrow(reaching, Priority.SOMETIMES);
    VBox.setVgrow(reachable, Priority.SOMETIMES);
    VBox.setVgrow(explanation, Priority.ALWAYS);
    box.setPadding(new Insets(0, 0, 0, 8));
    box.setMinWidth(260);
    return box;
  }

  /** A list of peers; choosing one highlights and explains its path with the selected workload. */
  private ListView<String> pathList(
      String id, javafx.collections.ObservableList<String> items, boolean inbound) {
    ListView<String> list = new ListView<>(items);
    list.setId(id);
    list.setPrefHeight(90);
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, item) -> {
              if (item == null) {
                return;
              }
              String peer = item.split("\\s{3}", 2)[0];
              String self = model.selectedProperty().get();
              if (inbound) {
                model.explain(peer, self);
              } else {
                model.explain(self, peer);
              }
            });
    return list;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add(Styles.TEXT_BOLD);
    return label;
  }

  private static Label label(String text) {
    Label label = new Label(text);
    label.getStyleClass().add(Styles.TEXT_MUTED);
    label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    return label;
  }
}
