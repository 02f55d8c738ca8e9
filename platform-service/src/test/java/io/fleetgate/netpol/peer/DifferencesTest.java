package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DifferencesTest {

  private static final Verdict.Cell CELL =
      new Verdict.Cell(PodRef.parse("x/a"), PodRef.parse("y/b"), PortProtocol.parse("80/TCP"));
  private static final Verdict.Cell SELF =
      new Verdict.Cell(PodRef.parse("x/a"), PodRef.parse("x/a"), PortProtocol.parse("53/UDP"));

  @Test
  void listsOnlyCellsWhereTheAnalysersDisagreeAsAnAlignedTable() {
    Differences d = new Differences(List.of("specification", "cyclonus", "fleetgate"));
    d.compare(CELL, List.of(Connectivity.ALLOWED, Connectivity.BLOCKED, Connectivity.ALLOWED));
    d.compare(SELF, List.of(Connectivity.BLOCKED, Connectivity.BLOCKED, Differences.NO_VERDICT));

    assertThat(d.cells()).containsExactly(CELL);
    assertThat(d.render("s"))
        .isEqualTo(
            """
            s: 1 cell differs
              source destination probe  specification cyclonus fleetgate
              x/a    y/b         80/TCP allowed       blocked  allowed
            """);
  }

  @Test
  void rendersNothingWhenAllAgree() {
    Differences d = new Differences(List.of("a", "b"));
    d.compare(CELL, List.of(Connectivity.BLOCKED, Connectivity.BLOCKED));

    assertThat(d.isEmpty()).isTrue();
    assertThat(d.render("s")).isEmpty();
  }
}
