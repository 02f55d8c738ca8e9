package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixCsvTest {

  record Case(String name, String value, String cell) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cells() {
    return Stream.of(
        new Case("plain text as it is", "Ubuntu 24.04.1 LTS", "Ubuntu 24.04.1 LTS"),
        new Case("empty as empty", "", ""),
        new Case(
            "a formula defused", "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        new Case("plus defused", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        new Case("minus defused", "-2+3", "'-2+3"),
        new Case("at defused", "@SUM(A1)", "'@SUM(A1)"),
        new Case("leading tab defused", "\t=1", "'\t=1"),
        new Case("leading carriage return defused and quoted", "\r=1", "\"'\r=1\""),
        new Case("a comma quoted", "a,b", "\"a,b\""),
        new Case("a quote doubled", "say \"hi\"", "\"say \"\"hi\"\"\""),
        new Case("a line break quoted", "one\ntwo", "\"one\ntwo\""),
        new Case("a formula further in is text", "x=1", "x=1"),
        new Case("a leading space is not a formula", " =1", " =1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void writesEachCellSafely(Case c) {
    assertThat(MatrixCsv.cell(c.value())).isEqualTo(c.cell());
  }

  @Test
  void hostileNodeDataNeverStartsACellWithAFormulaCharacter() {
    NodePatchLevel hostile =
        new NodePatchLevel(
            "fleet/=evil",
            "@node",
            "=cmd|' /C calc'!A0",
            "+kernel",
            "-osimage," + "x".repeat(10_000),
            "\truntime",
            NodeReadiness.READY,
            true);
    String csv =
        MatrixCsv.write(
            PatchMatrix.of(
                List.of(NodeListing.listed("fleet/=evil", List.of(hostile))),
                new PatchTarget("v1.34.3", null, null),
                List.of("=not read")));
    for (String line : csv.split("\r\n")) {
      for (String cell : cells(line)) {
        assertThat(cell)
            .as("cell of %s", line)
            .doesNotStartWith("=")
            .doesNotStartWith("+")
            .doesNotStartWith("-")
            .doesNotStartWith("@")
            .doesNotStartWith("\t");
      }
    }
    assertThat(csv).contains("'=cmd|' /C calc'!A0").contains("\"'-osimage,xxx");
    assertThat(csv).doesNotContain("x".repeat(FieldBound.MAX_CODE_POINTS));
    assertThat(csv).contains("…");
  }

  @Test
  void writesTheHeaderAndOneLinePerClusterAndLevelWithCrlf() {
    String csv =
        MatrixCsv.write(
            PatchMatrix.of(
                List.of(
                    NodeListing.listed(
                        "fleet/a", List.of(PatchMatrixTest.node("fleet/a", "n1", "v1.34.3"))),
                    NodeListing.unreachable("fleet/b", "connection refused")),
                new PatchTarget("v1.34.3", null, null),
                List.of()));
    assertThat(csv.split("\r\n"))
        .containsExactly(
            String.join(",", MatrixCsv.HEADER),
            "fleet/a,listed,v1.34.3,6.8.0-51-generic,Ubuntu 24.04.1 LTS,1,1,0,0,1,1,",
            "fleet/b,unreachable,,,,,,,,,,connection refused");
    assertThat(csv).endsWith("\r\n");
  }

  /** Splits one CSV line into its cells, RFC 4180 quoting undone. */
  static List<String> cells(String line) {
    List<String> cells = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
