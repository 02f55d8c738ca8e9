package io.fleetgate.console.fleet;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The fleet grouped by provider and region, with search, a "needs attention" filter and the
 * summary; binds to a {@link FleetOverviewViewModel}. Group rows carry their counts; cluster rows
 * their health, sync outcome, revision, violations, drift and Kubernetes version.
 */
public final class FleetOverviewView extends BorderPane {

  /** A tree row: a group heading or a cluster. */
  public sealed interface Node {
    record Heading(FleetOverviewViewModel.Group group) implements Node {}

    record Cluster(FleetRow row) implements Node {}
  }

  public FleetOverviewView(FleetOverviewViewModel model) {
    this(model, null);
  }

  /**
   * @param detail the detail of the chosen cluster, shown below the table; null for none
   */
  public FleetOverviewView(FleetOverviewViewModel model, ClusterDetailViewModel detail) {
    setId("fleet-overview");
    setPadding(new Insets(12));

    TextField search = new TextField();
    search.setId("fleet-search");
    search.setPromptText("Filter by name, label, phase or sync outcome");
    search.setPrefColumnCount(26);
    search.textProperty().bindBidirectional(model.filterProperty());

    CheckBox attention = new CheckBox("Needs attention");
    attention.setId("fleet-attention");
    attention.selectedProperty().bindBidirectional(model.attentionOnlyProperty());

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
    HBox toolbar = new HBox(12, search, attention, summary, spacer, refresh);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(0, 0, 12, 0));
    setTop(toolbar);

    TreeTableView<Node> table = table(model);
    if (detail == null) {
      setCenter(table);
    } else {
      table
          .getSelectionModel()
          .selectedItemProperty()
          .addListener(
              (obs, old, item) -> {
                if (item != null && item.getValue() instanceof Node.Cluster c) {
                  detail.load(c.row().cluster().name());
                }
              });
      javafx.scene.control.SplitPane split =
          new javafx.scene.control.SplitPane(table, new ClusterDetailView(detail));
      split.setId("fleet-split");
      split.setOrientation(javafx.geometry.Orientation.VERTICAL);
      split.setDividerPositions(0.55);
      setCenter(split);
    }

    io.fleetgate.console.ui.ErrorPane error =
        new io.fleetgate.console.ui.ErrorPane(
            "fleet-error", model.errorProperty(), model.errorDetailsProperty());
    BorderPane.setMargin(error, new Insets(8, 0, 0, 0));
    setBottom(error);
  }

  private static TreeTableView<Node> table(FleetOverviewViewModel model) {
    TreeItem<Node> root = new TreeItem<>();
    TreeTableView<Node> table = new TreeTableView<>(root);
    table.setId("fleet-table");
    table.setShowRoot(false);
    table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label placeholder = new Label();
    placeholder.textProperty().bind(model.emptyMessageProperty());
    table.setPlaceholder(placeholder);

    TreeTableColumn<Node, String> name =
        column(
            "Cluster",
            node ->
                switch (node) {
                  case Node.Heading h -> h.group().title();
                  case Node.Cluster c -> c.row().cluster().name();
                });
    name.setMinWidth(260);
    table.getColumns().add(name);
    table.getColumns().add(clusterColumn("Env", r -> r.cluster().env()));
    table.getColumns().add(clusterColumn("Tier", r -> r.cluster().tier()));
    table.getColumns().add(clusterColumn("Phase", r -> r.cluster().phase()));
    TreeTableColumn<Node, String> health = clusterColumn("Health", FleetOverviewViewModel::health);
    health.setCellFactory(column -> new StatusCell(text -> text.equals("Reachable")));
    table.getColumns().add(health);
    TreeTableColumn<Node, String> sync = clusterColumn("Sync", FleetOverviewViewModel::sync);
    sync.setCellFactory(column -> new StatusCell(text -> text.equals("synced")));
    sync.setMinWidth(170);
    table.getColumns().add(sync);
    TreeTableColumn<Node, String> revision = clusterColumn("Revision", FleetRow::revision);
    revision.setMinWidth(120);
    table.getColumns().add(revision);
    TreeTableColumn<Node, String> kubernetes =
        clusterColumn("Kubernetes", r -> r.cluster().kubernetesVersion());
    kubernetes.setMinWidth(110);
    table.getColumns().add(kubernetes);

    TreeFiller filler = new TreeFiller(root, model);
    model
        .groups()
        .addListener((ListChangeListener<FleetOverviewViewModel.Group>) change -> filler.changed());
    filler.changed();
    return table;
  }

  /**
   * Keeps the tree in line with the view model's groups. Items of groups and clusters that are
   * still there are reused, so a refresh touches only what changed; new cluster rows are created at
   * most {@link #NEW_ROWS_PER_PULSE} per pulse, so a thousand clusters arriving at once stream in
   * over a few frames instead of stalling one.
   */
  static final class TreeFiller extends javafx.animation.AnimationTimer {
    static final int NEW_ROWS_PER_PULSE = 150;

    private final TreeItem<Node> root;
    private final FleetOverviewViewModel model;
    private final java.util.Map<String, TreeItem<Node>> headings = new java.util.HashMap<>();
    private final java.util.Map<String, TreeItem<Node>> clusters = new java.util.HashMap<>();
    private boolean running;

    TreeFiller(TreeItem<Node> root, FleetOverviewViewModel model) {
      this.root = root;
      this.model = model;
    }

    /** The groups changed: catch up now, and over the next pulses if much is new. */
    void changed() {
      if (!step() && !running) {
        running = true;
        start();
      }
    }

    @Override
    public void handle(long now) {
      if (step()) {
        running = false;
        stop();
      }
    }

    /** One step towards the groups; true when the tree shows them all. */
    private boolean step() {
      int budget = NEW_ROWS_PER_PULSE;
      boolean complete = true;
      var wantedHeadings = new java.util.ArrayList<TreeItem<Node>>();
      var seenHeadings = new java.util.HashSet<String>();
      var seenClusters = new java.util.HashSet<String>();
      for (FleetOverviewViewModel.Group group : model.groups()) {
        String key = group.provider() + "\n" + group.region();
        seenHeadings.add(key);
        TreeItem<Node> heading =
            headings.computeIfAbsent(
                key,
                k -> {
                  TreeItem<Node> item = new TreeItem<>();
                  item.setExpanded(true);
                  return item;
                });
        Node.Heading value = new Node.Heading(group);
        if (!value.equals(heading.getValue())) {
          heading.setValue(value);
        }
        var kids = new java.util.ArrayList<TreeItem<Node>>(group.rows().size());
        for (FleetRow row : group.rows()) {
          String name = row.cluster().namespace() + "/" + row.cluster().name();
          TreeItem<Node> item = clusters.get(name);
          if (item == null) {
            if (budget == 0) {
              complete = false;
              continue;
            }
            budget--;
            item = new TreeItem<>();
            clusters.put(name, item);
          }
          seenClusters.add(name);
          Node.Cluster cluster = new Node.Cluster(row);
          if (!cluster.equals(item.getValue())) {
            item.setValue(cluster);
          }
          kids.add(item);
        }
        if (!heading.getChildren().equals(kids)) {
          heading.getChildren().setAll(kids);
        }
        wantedHeadings.add(heading);
      }
      headings.keySet().retainAll(seenHeadings);
      if (complete) {
        clusters.keySet().retainAll(seenClusters);
      }
      if (!root.getChildren().equals(wantedHeadings)) {
        root.getChildren().setAll(wantedHeadings);
      }
      return complete;
    }
  }

  private static TreeTableColumn<Node, String> column(String title, Function<Node, String> value) {
    TreeTableColumn<Node, String> column = new TreeTableColumn<>(title);
    column.setCellValueFactory(
        cell -> {
          TreeItem<Node> item = cell.getValue();
          return new ReadOnlyStringWrapper(
              item == null || item.getValue() == null ? "" : value.apply(item.getValue()));
        });
    return column;
  }

  private static TreeTableColumn<Node, String> clusterColumn(
      String title, Function<FleetRow, String> value) {
    return column(title, node -> node instanceof Node.Cluster c ? value.apply(c.row()) : "");
  }

  /** Words in colour: green when good, red otherwise. */
  private static final class StatusCell extends TreeTableCell<Node, String> {
    private final java.util.function.Predicate<String> good;

    StatusCell(java.util.function.Predicate<String> good) {
      this.good = good;
    }

    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      if (empty || text == null || text.isEmpty()) {
        setText(null);
        setStyle(null);
        return;
      }
      setText(text);
      setStyle(
          good.test(text)
              ? "-fx-text-fill: -color-success-fg;"
              : "-fx-text-fill: -color-danger-fg;");
    }
  }
}
