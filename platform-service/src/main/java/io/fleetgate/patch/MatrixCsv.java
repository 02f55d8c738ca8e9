package io.fleetgate.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a matrix as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote,
 * CR or LF quoted with its quotes doubled) that is safe to open in a spreadsheet: node data comes
 * from the clusters, so a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return is prefixed with {@code '} and can never run as a formula.
 *
 * <p>One line per cluster and patch level; an unreachable cluster is one line with state {@code
 * unreachable} and the reason; a cluster that could not be listed for reading is one line with
 * state {@code not-read}. The up-to-date columns are empty when the target names nothing.
 */
public final class MatrixCsv {

  static final List<String> HEADER =
      List.of(
          "cluster",
          "state",
          "kubernetes_version",
          "kernel_version",
          "os_image",
          "nodes",
          "up_to_date",
          "not_ready",
          "cordoned",
          "cluster_up_to_date",
          "cluster_nodes",
          "detail");

  private MatrixCsv() {}

  public static String write(PatchMatrix matrix) {
    StringBuilder out = new StringBuilder();
    line(out, HEADER);
    boolean judged = matrix.target().names();
    for (ClusterPatchState cluster : matrix.clusters()) {
      switch (cluster) {
        case ClusterPatchState.Counted c -> {
          String clusterUpToDate = judged ? Integer.toString(c.upToDate()) : "";
          if (c.levels().isEmpty()) {
            line(
                out,
                List.of(
                    c.cluster(),
                    "listed",
                    "",
                    "",
                    "",
                    "0",
                    "",
                    "0",
                    "0",
                    clusterUpToDate,
                    "0",
                    "no nodes"));
          }
          for (LevelRow row : c.levels()) {
            line(
                out,
                List.of(
                    c.cluster(),
                    "listed",
                    row.level().kubernetesVersion(),
                    row.level().kernelVersion(),
                    row.level().osImage(),
                    Integer.toString(row.nodes()),
                    judged ? Integer.toString(row.upToDate()) : "",
                    Integer.toString(row.notReady()),
                    Integer.toString(row.cordoned()),
                    clusterUpToDate,
                    Integer.toString(c.nodes()),
                    ""));
          }
        }
        case ClusterPatchState.Unreachable u ->
            line(
                out,
                List.of(
                    u.cluster(), "unreachable", "", "", "", "", "", "", "", "", "", u.reason()));
      }
    }
    for (String problem : matrix.notRead()) {
      line(out, List.of("", "not-read", "", "", "", "", "", "", "", "", "", problem));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    List<String> written = new ArrayList<>(cells.size());
    for (String cell : cells) {
      written.add(cell(cell));
    }
    out.append(String.join(",", written)).append("\r\n");
  }

  /** One field: defused against formulas first, then quoted when RFC 4180 asks for it. */
  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\r") || safe.contains("\n")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
