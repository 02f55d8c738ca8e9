package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The patch matrix as CSV (RFC 4180: commas, CRLF line ends, a field holding a comma, quote, CR or
 * LF quoted with its quotes doubled) that is safe to open in a spreadsheet. Node versions and OS
 * images come from the clusters, so any field that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading {@code '} and can never run as a formula.
 *
 * <p>One line per cluster and patch level; a cluster with no nodes is one line saying so; an
 * unreachable cluster one line with state {@code unreachable}, empty figures (unknown, not zero)
 * and the reason; each cluster the platform could not list one {@code not-read} line. The
 * up-to-date columns are empty when the matrix judges no target.
 */
final class PatchCsv {

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

  private PatchCsv() {}

  static String write(
      List<RolloutStatus.MatrixCluster> clusters, List<String> notRead, boolean judged) {
    StringBuilder out = new StringBuilder();
    line(out, HEADER);
    for (RolloutStatus.MatrixCluster c : clusters) {
      if (!c.reachable()) {
        line(
            out,
            List.of(
                c.cluster(), "unreachable", "", "", "", "", "", "", "", "", "", text(c.reason())));
        continue;
      }
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
      for (RolloutStatus.MatrixRow l : c.levels()) {
        line(
            out,
            List.of(
                c.cluster(),
                "listed",
                text(l.kubeletVersion()),
                text(l.kernelVersion()),
                text(l.osImage()),
                Integer.toString(l.nodes()),
                judged ? Integer.toString(l.upToDate()) : "",
                Integer.toString(l.notReady()),
                Integer.toString(l.cordoned()),
                clusterUpToDate,
                Integer.toString(c.nodes()),
                ""));
      }
    }
    for (String problem : notRead) {
      line(out, List.of("", "not-read", "", "", "", "", "", "", "", "", "", text(problem)));
    }
    return out.toString();
  }

  private static String text(String value) {
    return value == null ? "" : value;
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
