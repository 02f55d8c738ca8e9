package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The patch matrix as the table shows it, filtered; pure. */
public final class MatrixLines {

  private MatrixLines() {}

  /**
   * One line of the table: a cluster at one patch level, or a cluster that could not be read.
   *
   * @param behind whether some of its nodes are not up to date against the target
   */
  public record Line(
      String cluster,
      boolean reachable,
      String kubernetesVersion,
      String kernelVersion,
      String osImage,
      String nodes,
      String upToDate,
      String notReady,
      String cordoned,
      boolean behind,
      String detail) {}

  /** What the table shows: the clusters kept by the filter, with the levels kept. */
  public record Filter(String cluster, boolean behindOnly) {
    public Filter {
      cluster = cluster == null ? "" : cluster.strip();
    }
  }

  /**
   * The clusters the filter keeps, each with the levels it keeps. "Behind only" keeps the levels
   * with nodes not up to date and every cluster that could not be read (it may be behind too: not
   * knowing is never shown as being up to date); with no target it cannot judge and keeps all.
   */
  static List<RolloutStatus.MatrixCluster> kept(RolloutStatus.Matrix matrix, Filter filter) {
    boolean judged = judged(matrix);
    String needle = filter.cluster().toLowerCase(Locale.ROOT);
    List<RolloutStatus.MatrixCluster> kept = new ArrayList<>();
    for (RolloutStatus.MatrixCluster c : matrix.clusters()) {
      if (!c.cluster().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (!filter.behindOnly() || !judged || !c.reachable()) {
        kept.add(c);
        continue;
      }
      List<RolloutStatus.MatrixRow> behind =
          c.levels().stream().filter(l -> l.upToDate() < l.nodes()).toList();
      if (!behind.isEmpty()) {
        kept.add(
            new RolloutStatus.MatrixCluster(
                c.cluster(), true, c.reason(), c.nodes(), c.upToDate(), behind));
      }
    }
    return kept;
  }

  static boolean judged(RolloutStatus.Matrix matrix) {
    return matrix.target() != null && !matrix.target().isBlank();
  }

  static List<Line> lines(List<RolloutStatus.MatrixCluster> clusters, boolean judged) {
    List<Line> lines = new ArrayList<>();
    for (RolloutStatus.MatrixCluster c : clusters) {
      if (!c.reachable()) {
        String why = c.reason() == null || c.reason().isBlank() ? "no reason given" : c.reason();
        lines.add(
            new Line(
                c.cluster(),
                false,
                "unreachable",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
                false,
                why));
        continue;
      }
      if (c.levels().isEmpty()) {
        lines.add(
            new Line(
                c.cluster(),
                true,
                "",
                "",
                "",
                "0",
                judged ? "0" : "—",
                "0",
                "0",
                false,
                "no nodes"));
      }
      for (RolloutStatus.MatrixRow l : c.levels()) {
        boolean behind = judged && l.upToDate() < l.nodes();
        lines.add(
            new Line(
                c.cluster(),
                true,
                l.kubeletVersion(),
                l.kernelVersion(),
                l.osImage(),
                Integer.toString(l.nodes()),
                judged ? Integer.toString(l.upToDate()) : "—",
                Integer.toString(l.notReady()),
                Integer.toString(l.cordoned()),
                behind,
                behind ? (l.nodes() - l.upToDate()) + " behind" : ""));
      }
    }
    return lines;
  }
}
