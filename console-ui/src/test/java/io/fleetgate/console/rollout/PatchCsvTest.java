package io.fleetgate.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.RolloutStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchCsvTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "=HYPERLINK(\"http://x\")|~\"'=HYPERLINK(\"\"http://x\"\")\"~",
        "+1|'+1",
        "-2+3|'-2+3",
        "@SUM(A1)|'@SUM(A1)",
        "Ubuntu 24.04, LTS|~\"Ubuntu 24.04, LTS\"~",
        "v1.34.4|v1.34.4",
        "a-b|a-b"
      })
  void aFieldFromAClusterCanNeverRunAsAFormulaAndIsQuotedAsRfc4180Asks(
      String value, String written) {
    assertThat(PatchCsv.cell(value)).isEqualTo(written);
  }

  @Test
  void tabsCarriageReturnsAndLineBreaksAreDefusedAndQuoted() {
    assertThat(PatchCsv.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(PatchCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    assertThat(PatchCsv.cell("6.8.0\n=1")).isEqualTo("\"6.8.0\n=1\"");
  }

  @Test
  void aHostileOsImageStaysOneInertField() {
    String csv =
        PatchCsv.write(
            List.of(
                new RolloutStatus.MatrixCluster(
                    "fleet/evil",
                    true,
                    "",
                    1,
                    0,
                    List.of(
                        new RolloutStatus.MatrixRow(
                            "v1.34.4", "6.8.0", "=cmd|' /C calc'!A0", 1, 0, 0, 0)))),
            List.of(),
            true);

    assertThat(csv.split("\r\n")[1])
        .isEqualTo("fleet/evil,listed,v1.34.4,6.8.0,'=cmd|' /C calc'!A0,1,0,0,0,0,1,");
  }

  @Test
  void aClusterWithNoNodesAndOneNotListedEachHaveALine() {
    String csv =
        PatchCsv.write(
            List.of(new RolloutStatus.MatrixCluster("fleet/empty", true, "", 0, 0, List.of())),
            List.of("fleet/hidden: the platform may not list its nodes"),
            false);

    assertThat(csv.split("\r\n"))
        .containsExactly(
            String.join(",", PatchCsv.HEADER),
            "fleet/empty,listed,,,,0,,0,0,,0,no nodes",
            ",not-read,,,,,,,,,,fleet/hidden: the platform may not list its nodes");
  }
}
