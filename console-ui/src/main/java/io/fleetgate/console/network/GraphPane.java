package io.fleetgate.console.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * Draws one {@link NetworkViewModel.Shown}: namespace boxes, workload nodes, edges with arrowheads
 * and port labels. Edges of the selected workload and the highlighted path are drawn on top and
 * labelled; with many edges only those are labelled, so labels never pile up.
 */
final class GraphPane extends Pane {

  /** Above this many edges only the selected workload's and the path's are labelled. */
  static final int LABELLED_EDGES = 40;

  private static final int LABEL_CHARS = 23;

  private final Consumer<String> onSelect;
  private final BiConsumer<String, String> onPathChosen;

  GraphPane(Consumer<String> onSelect, BiConsumer<String, String> onPath) {
    this.onSelect = onSelect;
    this.onPathChosen = onPath;
    setId("network-graph");
    setStyle("-fx-background-color: -color-bg-default;");
  }

  void draw(NetworkViewModel.Shown shown, String selected, NetworkViewModel.Path path) {
    getChildren().clear();
    if (shown == null) {
      return;
    }
    NetworkLayout layout = shown.layout();
    setPrefSize(layout.width(), layout.height());
    setMinSize(layout.width(), layout.height());
    for (NetworkLayout.Box box : layout.boxes()) {
      getChildren().add(box(box));
    }
    Map<String, NetworkLayout.Spot> spots = layout.spots();
    boolean focus = selected != null && !selected.isBlank() || path != null;
    List<Node> back = new ArrayList<>();
    List<Node> front = new ArrayList<>();
    boolean labelAll = shown.edges().size() <= LABELLED_EDGES;
    for (NetworkGraph.DrawnEdge e : shown.edges()) {
      NetworkLayout.Spot from = spots.get(e.src());
      NetworkLayout.Spot to = spots.get(e.dst());
      if (from == null || to == null) {
        continue;
      }
      boolean onPath = path != null && path.src().equals(e.src()) && path.dst().equals(e.dst());
      boolean touches = e.src().equals(selected) || e.dst().equals(selected);
      boolean strong = onPath || touches || !focus;
      Group edge = edge(e, from, to, onPath, strong, labelAll || onPath || touches);
      (onPath || touches ? front : back).add(edge);
    }
    getChildren().addAll(back);
    getChildren().addAll(front);
    for (NetworkLayout.Spot spot : spots.values()) {
      boolean onPath =
          path != null
              && (path.src().equals(spot.endpoint()) || path.dst().equals(spot.endpoint()));
      getChildren().add(node(spot, spot.endpoint().equals(selected) || onPath));
    }
  }

  private Node box(NetworkLayout.Box box) {
    Rectangle r = new Rectangle(box.x(), box.y(), box.w(), box.h());
    r.setArcWidth(14);
    r.setArcHeight(14);
    r.setStyle(
        "-fx-fill: -color-bg-subtle; -fx-stroke: "
            + (box.protectedNamespace() ? "#c2410c" : "-color-border-default")
            + "; -fx-stroke-width: "
            + (box.protectedNamespace() ? 2 : 1)
            + ";");
    if (box.protectedNamespace()) {
      r.getStrokeDashArray().setAll(8.0, 4.0);
    }
    Text title =
        new Text(
            box.x() + NetworkLayout.PAD,
            box.y() + 18,
            box.namespace() + (box.protectedNamespace() ? "  · protected" : ""));
    title.setStyle(
        "-fx-font-weight: bold; -fx-fill: "
            + (box.protectedNamespace() ? "#c2410c" : "-color-fg-muted")
            + ";");
    Group g = new Group(r, title);
    g.setId("ns-" + box.namespace());
    g.getStyleClass().add("network-namespace");
    return g;
  }

  private Node node(NetworkLayout.Spot spot, boolean emphasised) {
    Rectangle r =
        new Rectangle(spot.x(), spot.y(), NetworkLayout.NODE_WIDTH, NetworkLayout.NODE_HEIGHT);
    r.setArcWidth(8);
    r.setArcHeight(8);
    r.setStyle(
        "-fx-fill: -color-bg-default; -fx-stroke: "
            + (emphasised ? "#e8900c" : "-color-accent-emphasis")
            + "; -fx-stroke-width: "
            + (emphasised ? 3 : 1.2)
            + ";");
    String label = spot.label();
    if (label.length() > LABEL_CHARS) {
      label = label.substring(0, LABEL_CHARS - 1) + "…";
    }
    Text text = new Text(spot.x() + 8, spot.y() + (spot.kind().isEmpty() ? 23 : 16), label);
    text.setStyle("-fx-fill: -color-fg-default; -fx-font-size: 12px;");
    Text kind = new Text(spot.x() + 8, spot.y() + 31, spot.kind());
    kind.setStyle("-fx-fill: -color-fg-muted; -fx-font-size: 10px;");
    Group g = new Group(r, text, kind);
    g.setId("node-" + spot.endpoint());
    g.getStyleClass().add("network-node");
    g.setOnMouseClicked(e -> onSelect.accept(spot.endpoint()));
    g.setCursor(javafx.scene.Cursor.HAND);
    Tooltip.install(g, new Tooltip(spot.endpoint()));
    return g;
  }

  private Group edge(
      NetworkGraph.DrawnEdge e,
      NetworkLayout.Spot from,
      NetworkLayout.Spot to,
      boolean onPath,
      boolean strong,
      boolean labelled) {
    double[] a = anchor(from, to);
    double[] b = anchor(to, from);
    // Bow each edge to its left, more the longer it is: A→B and B→A part, and a long edge arcs
    // over the nodes between its ends instead of running through them.
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double length = Math.max(1, Math.hypot(dx, dy));
    double bow = Math.min(0.22 * length, 110) + 6;
    double cx = (a[0] + b[0]) / 2 + dy / length * bow;
    double cy = (a[1] + b[1]) / 2 - dx / length * bow;
    QuadCurve line = new QuadCurve(a[0], a[1], cx, cy, b[0], b[1]);
    line.setFill(null);
    javafx.scene.paint.Color color = onPath ? NetworkColors.PATH : NetworkColors.of(e.change());
    line.setStroke(color);
    line.setStrokeWidth(onPath ? 3.5 : e.change() == NetworkGraph.Change.UNCHANGED ? 1.4 : 2.5);
    if (e.change() == NetworkGraph.Change.CLOSED) {
      line.getStrokeDashArray().setAll(7.0, 5.0);
    }
    Polygon head = arrow(new double[] {cx, cy}, b);
    head.setFill(color);
    Group g = new Group(line, head);
    g.setOpacity(strong ? 1 : 0.18);
    if (labelled) {
      Label tag = new Label(e.label().replace("All Connections", "all"));
      tag.getStyleClass().add("network-edge-label");
      tag.setStyle(
          "-fx-background-color: "
              + web(color)
              + "; -fx-text-fill: white; -fx-font-size: 11px; -fx-padding: 1 5 1 5;"
              + " -fx-background-radius: 8;");
      double mx = 0.25 * a[0] + 0.5 * cx + 0.25 * b[0];
      double my = 0.25 * a[1] + 0.5 * cy + 0.25 * b[1];
      tag.layoutXProperty().bind(tag.widthProperty().divide(-2).add(mx));
      tag.layoutYProperty().bind(tag.heightProperty().divide(-2).add(my));
      g.getChildren().add(tag);
    }
    g.setId("edge-" + e.src() + "->" + e.dst());
    g.getStyleClass().add("network-edge");
    g.setOnMouseClicked(ev -> onPathChosen.accept(e.src(), e.dst()));
    g.setCursor(javafx.scene.Cursor.HAND);
    Tooltip.install(g, new Tooltip(e.src() + " → " + e.dst() + "\n" + e.label()));
    return g;
  }

  private static String web(javafx.scene.paint.Color c) {
    return String.format(
        "#%02x%02x%02x",
        (int) Math.round(c.getRed() * 255),
        (int) Math.round(c.getGreen() * 255),
        (int) Math.round(c.getBlue() * 255));
  }

  /** Where a line from {@code self} toward {@code other} leaves self's rectangle. */
  private static double[] anchor(NetworkLayout.Spot self, NetworkLayout.Spot other) {
    double cx = self.centerX();
    double cy = self.centerY();
    double dx = other.centerX() - cx;
    double dy = other.centerY() - cy;
    double hw = NetworkLayout.NODE_WIDTH / 2;
    double hh = NetworkLayout.NODE_HEIGHT / 2;
    if (dx == 0 && dy == 0) {
      return new double[] {cx, cy};
    }
    double scale =
        Math.min(
            dx == 0 ? Double.MAX_VALUE : hw / Math.abs(dx),
            dy == 0 ? Double.MAX_VALUE : hh / Math.abs(dy));
    return new double[] {cx + dx * scale, cy + dy * scale};
  }

  private static Polygon arrow(double[] a, double[] b) {
    double angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    double size = 9;
    double x1 = b[0] - size * Math.cos(angle - Math.PI / 7);
    double y1 = b[1] - size * Math.sin(angle - Math.PI / 7);
    double x2 = b[0] - size * Math.cos(angle + Math.PI / 7);
    double y2 = b[1] - size * Math.sin(angle + Math.PI / 7);
    return new Polygon(b[0], b[1], x1, y1, x2, y2);
  }
}
