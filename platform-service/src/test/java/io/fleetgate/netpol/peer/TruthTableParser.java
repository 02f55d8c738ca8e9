package io.fleetgate.netpol.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@code cyclonus analyze --mode probe --probe-path MODEL} (v0.5.6): after a
 * {@code probe:} line, for each probe of the model in order, three tables headed {@code Ingress:},
 * {@code Egress:} and {@code Combined:}; then one more triple for the pods read from a cluster,
 * which is empty here. Each table has a header row of destination pods (upper-cased by the table
 * writer) and one row per source pod, {@code namespace/name}, whose cells are {@link Connectivity}
 * symbols. Anything else is a change of shape and fails with the line it stopped at.
 */
final class TruthTableParser {

  private static final List<String> SECTIONS = List.of("Ingress:", "Egress:", "Combined:");

  private TruthTableParser() {}

  /** The verdicts of every probe, in probe order, each table row by row. */
  static List<Verdict> parse(String stdout, List<PortProtocol> probes) {
    List<Table> tables = tables(stdout);
    List<Table> filled = tables.stream().filter(t -> !t.rows().isEmpty()).toList();
    if (filled.size() != 3 * probes.size()) {
      throw shape(
          "expected 3 filled tables (Ingress, Egress, Combined) for each of the "
              + probes.size()
              + " probes, found "
              + filled.size());
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      Table ingress = filled.get(3 * i);
      Table egress = filled.get(3 * i + 1);
      Table combined = filled.get(3 * i + 2);
      expectSection(ingress, "Ingress:");
      expectSection(egress, "Egress:");
      expectSection(combined, "Combined:");
      for (int r = 0; r < combined.rows().size(); r++) {
        Row row = combined.rows().get(r);
        for (int c = 0; c < combined.columns().size(); c++) {
          verdicts.add(
              new Verdict(
                  row.source(),
                  combined.columns().get(c),
                  probes.get(i),
                  ingress.symbol(r, c),
                  egress.symbol(r, c),
                  row.cells().get(c)));
        }
      }
    }
    return verdicts;
  }

  private static void expectSection(Table table, String section) {
    if (!table.section().equals(section)) {
      throw shape(
          "line "
              + table.line()
              + ": expected a table headed "
              + section
              + ", found "
              + table.section());
    }
  }

  private static List<Table> tables(String stdout) {
    String[] lines = stdout.split("\n", -1);
    int start = 0;
    while (start < lines.length && !lines[start].strip().equals("probe:")) {
      start++;
    }
    if (start == lines.length) {
      throw shape("no 'probe:' line; was the command 'analyze --mode probe'?");
    }
    List<Table> tables = new ArrayList<>();
    for (int i = start + 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (SECTIONS.contains(line)) {
        int end = i + 1;
        while (end < lines.length && isTableLine(lines[end])) {
          end++;
        }
        tables.add(table(line, i + 2, lines, i + 1, end));
        i = end - 1;
      } else if (!line.isEmpty()) {
        throw shape("line " + (i + 1) + ": unexpected '" + line + "'");
      }
    }
    return tables;
  }

  private static boolean isTableLine(String line) {
    return line.startsWith("+") || line.startsWith("|");
  }

  private static Table table(String section, int firstLine, String[] lines, int from, int to) {
    List<String[]> rows = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (lines[i].startsWith("|")) {
        rows.add(cells(lines[i]));
        numbers.add(i + 1);
      }
    }
    if (rows.isEmpty()) {
      throw shape("line " + firstLine + ": the " + section + " table has no header row");
    }
    String[] header = rows.get(0);
    List<Row> body = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      body.add(row(rows.get(r), header.length, numbers.get(r)));
    }
    List<PodRef> columns = new ArrayList<>();
    for (int c = 1; c < header.length; c++) {
      PodRef source = body.size() >= c ? body.get(c - 1).source() : null;
      if (source == null || !header[c].equalsIgnoreCase(source.toString())) {
        throw shape(
            "line "
                + numbers.get(0)
                + ": column "
                + c
                + " is '"
                + header[c]
                + "' but row "
                + c
                + " is "
                + source
                + "; the table is no longer square in one pod order");
      }
      columns.add(source);
    }
    if (body.size() != columns.size()) {
      throw shape(
          "line "
              + numbers.get(0)
              + ": "
              + body.size()
              + " rows for "
              + columns.size()
              + " columns");
    }
    return new Table(section, firstLine - 1, columns, body);
  }

  private static Row row(String[] cells, int width, int line) {
    if (cells.length != width) {
      throw shape("line " + line + ": " + cells.length + " cells where the header has " + width);
    }
    PodRef source;
    try {
      source = PodRef.parse(cells[0]);
    } catch (IllegalArgumentException e) {
      throw shape("line " + line + ": '" + cells[0] + "' is not a pod");
    }
    List<Connectivity> values = new ArrayList<>();
    for (int c = 1; c < cells.length; c++) {
      String symbol = cells[c];
      values.add(
          Connectivity.bySymbol(symbol)
              .orElseThrow(() -> shape("line " + line + ": unknown cell '" + symbol + "'")));
    }
    return new Row(source, values);
  }

  private static String[] cells(String line) {
    String inner = line.strip();
    inner =
        inner.substring(
            1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
    String[] parts = inner.split("\\|", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
    }
    return parts;
  }

  private static CyclonusException shape(String detail) {
    return new CyclonusException(
        "Cyclonus' probe output changed shape: "
            + detail
            + ". The parser reads cyclonus v0.5.6; if CYCLONUS_VERSION in bin/setup changed,"
            + " update TruthTableParser to the new output.");
  }

  private record Row(PodRef source, List<Connectivity> cells) {}

  private record Table(String section, int line, List<PodRef> columns, List<Row> rows) {
    Connectivity symbol(int row, int column) {
      return rows.get(row).cells().get(column);
    }
  }
}
