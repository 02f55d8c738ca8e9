package io.fleetgate.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a matrix as a table for a terminal: one line per cluster and patch level, the cluster's
 * "up to date / nodes" on its first line, an unreachable cluster as one line saying why. Control
 * and bidirectional-formatting characters from node data are shown as {@code ?}, so a node name
 * cannot move the cursor or recolour the terminal; columns are cut to {@value #WIDEST} characters.
 */
public final class MatrixText {

  static final int WIDEST = 40;

  private static final List<String> HEADER =
      List.of(
          "CLUSTER",
          "UP TO DATE",
          "KUBERNETES",
          "KERNEL",
          "OS IMAGE",
          "NODES",
          "NOT READY",
          "CORDONED");

  private MatrixText() {}

  public static String write(PatchMatrix matrix) {
    StringBuilder out = new StringBuilder();
    out.append(
        matrix.target().names()
            ? "Patch matrix against " + shown(matrix.target().describe()) + "\n\n"
            : "Patch matrix (no target given: nodes counted, not judged)\n\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    List<String> unreachable = new ArrayList<>();
    for (ClusterPatchState cluster : matrix.clusters()) {
      switch (cluster) {
        case ClusterPatchState.Counted c -> {
          String summary = c.judged() ? c.upToDate() + "/" + c.nodes() : "-/" + c.nodes();
          if (c.levels().isEmpty()) {
            rows.add(List.of(c.cluster(), summary, "-", "-", "-", "0", "0", "0"));
          }
          boolean first = true;
          for (LevelRow row : c.levels()) {
            rows.add(
                List.of(
                    first ? c.cluster() : "",
                    first ? summary : "",
                    orDash(row.level().kubernetesVersion()),
                    orDash(row.level().kernelVersion()),
                    orDash(row.level().osImage()),
                    Integer.toString(row.nodes()),
                    Integer.toString(row.notReady()),
                    Integer.toString(row.cordoned())));
            first = false;
          }
        }
        case ClusterPatchState.Unreachable u -> {
          rows.add(List.of(u.cluster(), "unreachable", "", "", "", "", "", ""));
          unreachable.add(u.cluster() + " unreachable (" + shown(u.reason()) + ")");
        }
      }
    }
    table(rows, out);
    if (matrix.clusters().isEmpty()) {
      out.append("(no cluster matches)\n");
    }
    if (!unreachable.isEmpty() || !matrix.notRead().isEmpty()) {
      out.append('\n');
      unreachable.forEach(line -> out.append(line).append('\n'));
      matrix.notRead().forEach(line -> out.append("not read: ").append(shown(line)).append('\n'));
    }
    return out.toString();
  }

  private static void table(List<List<String>> rows, StringBuilder out) {
    int columns = HEADER.size();
    int[] widths = new int[columns];
    List<List<String>> cells = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> shownRow = row.stream().map(MatrixText::column).toList();
      cells.add(shownRow);
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], length(shownRow.get(i)));
      }
    }
    for (List<String> row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        line.append(cell).append(" ".repeat(widths[i] - length(cell) + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String column(String value) {
    String safe = shown(value);
    if (length(safe) <= WIDEST) {
      return safe;
    }
    return safe.substring(0, safe.offsetByCodePoints(0, WIDEST - 1)) + FieldBound.ELLIPSIS;
  }

  /** Control, formatting (bidi) and line-separator characters replaced by {@code ?}. */
  static String shown(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              boolean hidden =
                  Character.isISOControl(cp)
                      || type == Character.FORMAT
                      || type == Character.LINE_SEPARATOR
                      || type == Character.PARAGRAPH_SEPARATOR;
              out.appendCodePoint(hidden ? '?' : cp);
            });
    return out.toString();
  }

  private static String orDash(String value) {
    return value.isEmpty() ? "-" : value;
  }

  private static int length(String value) {
    return value.codePointCount(0, value.length());
  }
}
