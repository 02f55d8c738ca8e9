package io.fleetgate.netpol.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The cells where analysers disagree, rendered as a table a reader can check by hand: one row per
 * cell, one column per analyser ({@code allowed}/{@code blocked} or Cyclonus' other outcomes).
 */
final class Differences {

  private final List<String> columns;
  private final Map<Verdict.Cell, List<String>> rows = new TreeMap<>();

  Differences(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Shown for an analyser that has no verdict on the cell; it takes no part in the comparison. */
  static final String NO_VERDICT = "-";

  /** Adds the cell when the verdicts of the columns are not all equal. */
  void compare(Verdict.Cell cell, List<?> verdicts) {
    if (verdicts.size() != columns.size()) {
      throw new IllegalArgumentException(verdicts.size() + " verdicts for " + columns);
    }
    if (verdicts.stream().filter(v -> !NO_VERDICT.equals(v)).distinct().count() > 1) {
      rows.put(cell, verdicts.stream().map(Differences::word).toList());
    }
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  List<Verdict.Cell> cells() {
    return List.copyOf(rows.keySet());
  }

  /** The table, headed by the scenario; empty when nothing differs. */
  String render(String title) {
    if (rows.isEmpty()) {
      return "";
    }
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("source", "destination", "probe"));
    header.addAll(columns);
    table.add(header);
    rows.forEach(
        (cell, words) -> {
          List<String> row =
              new ArrayList<>(
                  List.of(
                      cell.source().toString(),
                      cell.destination().toString(),
                      cell.probe().toString()));
          row.addAll(words);
          table.add(row);
        });
    int[] widths = new int[header.size()];
    for (List<String> row : table) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder(title).append(": ").append(rows.size());
    out.append(rows.size() == 1 ? " cell differs\n" : " cells differ\n");
    Function<List<String>, String> line =
        row -> {
          StringBuilder b = new StringBuilder(" ");
          for (int i = 0; i < row.size(); i++) {
            b.append(' ').append(String.format("%-" + widths[i] + "s", row.get(i)));
          }
          return b.toString().stripTrailing();
        };
    for (List<String> row : table) {
      out.append(line.apply(row)).append('\n');
    }
    return out.toString();
  }

  private static String word(Object verdict) {
    return verdict instanceof Connectivity c
        ? c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        : String.valueOf(verdict);
  }
}
