package io.fleetgate.console.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the graph draws each namespace and workload: namespaces as boxes flowed left to right in
 * rows no wider than {@code maxWidth}, workloads in a near-square grid inside their box, both in
 * name order (boxes about as tall as they are wide), so the same model is always drawn the same way
 * and a node never moves because an edge changed. Address ranges outside the cluster get a box of
 * their own, last. Pure.
 */
public final class NetworkLayout {

  public static final String OUTSIDE = "outside the cluster";
  public static final double NODE_WIDTH = 150;
  public static final double NODE_HEIGHT = 38;
  static final double GAP = 16;

  /** Between namespace boxes: room for an edge's label. */
  static final double BOX_GAP = 80;

  static final double PAD = 12;
  static final double HEADER = 26;

  /** A namespace's box. */
  public record Box(
      String namespace, boolean protectedNamespace, double x, double y, double w, double h) {}

  /** A node's top-left corner. */
  /**
   * @param label the workload's name (or the address range)
   * @param kind the workload's kind, or "" for an address range
   */
  public record Spot(
      String endpoint, String label, String kind, String namespace, double x, double y) {
    public double centerX() {
      return x + NODE_WIDTH / 2;
    }

    public double centerY() {
      return y + NODE_HEIGHT / 2;
    }
  }

  private final List<Box> boxes;
  private final Map<String, Spot> spots;
  private final double width;
  private final double height;

  private NetworkLayout(List<Box> boxes, Map<String, Spot> spots, double width, double height) {
    this.boxes = List.copyOf(boxes);
    this.spots = spots;
    this.width = width;
    this.height = height;
  }

  /**
   * Lays out the nodes, the groups and every edge end that is no workload (an address range).
   *
   * @param extraEdges edges drawn besides the picture's (a diff's closed ones), whose ends need a
   *     place too
   */
  public static NetworkLayout of(
      NetworkSource.Picture picture, List<NetworkSource.Edge> extraEdges, double maxWidth) {
    Map<String, TreeMap<String, String[]>> members = new TreeMap<>();
    Map<String, Boolean> protectedness = new TreeMap<>();
    for (NetworkSource.Group g : picture.groups()) {
      protectedness.put(g.namespace(), g.protectedNamespace());
    }
    java.util.Set<String> known = new java.util.HashSet<>();
    for (NetworkSource.Node n : picture.nodes()) {
      members
          .computeIfAbsent(n.namespace(), k -> new TreeMap<>())
          .put(n.endpoint(), new String[] {n.name(), n.kind()});
      known.add(n.endpoint());
    }
    TreeSet<String> outside = new TreeSet<>();
    List<NetworkSource.Edge> all = new ArrayList<>(picture.edges());
    all.addAll(extraEdges);
    for (NetworkSource.Edge e : all) {
      for (String end : List.of(e.src(), e.dst())) {
        if (!known.contains(end)) {
          if (end.contains("/")) {
            // a workload only the other revision has: its namespace is before the slash
            String ns = end.substring(0, end.indexOf('/'));
            String rest = end.substring(ns.length() + 1);
            int bracket = rest.indexOf('[');
            members
                .computeIfAbsent(ns, k -> new TreeMap<>())
                .put(
                    end,
                    bracket < 0
                        ? new String[] {rest, ""}
                        : new String[] {
                          rest.substring(0, bracket), rest.substring(bracket + 1).replace("]", "")
                        });
          } else {
            outside.add(end);
          }
        }
      }
    }
    List<Box> boxes = new ArrayList<>();
    Map<String, Spot> spots = new LinkedHashMap<>();
    List<Map.Entry<String, Map<String, String[]>>> groups = new ArrayList<>();
    members.forEach((ns, m) -> groups.add(Map.entry(ns, m)));
    if (!outside.isEmpty()) {
      Map<String, String[]> addresses = new TreeMap<>();
      // An address range on two lines: its first address, then "to" its last.
      outside.forEach(
          a -> {
            int dash = a.indexOf('-');
            addresses.put(
                a,
                dash < 0
                    ? new String[] {a, ""}
                    : new String[] {a.substring(0, dash), "to " + a.substring(dash + 1)});
          });
      groups.add(Map.entry(OUTSIDE, addresses));
    }
    double x = BOX_GAP / 2;
    double y = BOX_GAP / 2;
    double rowHeight = 0;
    double width = 0;
    for (var group : groups) {
      int n = group.getValue().size();
      // About as tall as wide in pixels: a node and its gap are some three times wider than tall.
      int columns =
          Math.max(1, (int) Math.ceil(Math.sqrt(n * (NODE_HEIGHT + GAP) / (NODE_WIDTH + GAP))));
      int rows = (n + columns - 1) / columns;
      double w = PAD * 2 + columns * NODE_WIDTH + (columns - 1) * GAP;
      double h = HEADER + PAD + rows * NODE_HEIGHT + (rows - 1) * GAP + PAD;
      String ns = group.getKey();
      boolean isProtected = protectedness.getOrDefault(ns, false);
      // Wide enough for its title (bold, about 8.4 px a character) and the protected mark.
      w = Math.max(w, PAD * 2 + (ns.length() + (isProtected ? 13 : 0)) * 8.4);
      if (x > BOX_GAP / 2 && x + w > maxWidth) {
        x = BOX_GAP / 2;
        y += rowHeight + BOX_GAP;
        rowHeight = 0;
      }
      boxes.add(new Box(ns, isProtected, x, y, w, h));
      int i = 0;
      for (var member : group.getValue().entrySet()) {
        int c = i % columns;
        int r = i / columns;
        spots.put(
            member.getKey(),
            new Spot(
                member.getKey(),
                member.getValue()[0],
                member.getValue()[1],
                ns,
                x + PAD + c * (NODE_WIDTH + GAP),
                y + HEADER + PAD + r * (NODE_HEIGHT + GAP)));
        i++;
      }
      x += w + BOX_GAP;
      width = Math.max(width, x - BOX_GAP / 2);
      rowHeight = Math.max(rowHeight, h);
    }
    return new NetworkLayout(boxes, spots, width, y + rowHeight + BOX_GAP / 2);
  }

  public List<Box> boxes() {
    return boxes;
  }

  public Map<String, Spot> spots() {
    return spots;
  }

  public double width() {
    return width;
  }

  public double height() {
    return height;
  }
}
