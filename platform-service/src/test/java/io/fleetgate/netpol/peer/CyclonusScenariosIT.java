package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Cyclonus on every cross-check scenario gives the verdicts the NetworkPolicy semantics
 * give, except the documented cells where it is known to differ, which must still differ.
 */
class CyclonusScenariosIT {

  private static Cyclonus cyclonus;

  @BeforeAll
  static void locate() {
    cyclonus = Cyclonus.fromToolCache(Duration.ofSeconds(60));
  }

  static List<PeerScenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void cyclonusGivesTheSpecifiedVerdicts(PeerScenario scenario, @TempDir Path work) {
    Map<Verdict.Cell, Verdict> verdicts = byCell(cyclonus.probe(scenario, work));
    assertThat(verdicts.keySet())
        .as("Cyclonus answers every cell of %s once", scenario)
        .containsExactlyInAnyOrderElementsOf(scenario.cells());

    Differences fromSpec = new Differences(List.of("specification", "cyclonus"));
    Differences fromKnown = new Differences(List.of("expected of cyclonus", "cyclonus"));
    for (Verdict.Cell cell : scenario.cells()) {
      Connectivity printed = verdicts.get(cell).combined();
      fromSpec.compare(cell, List.of(scenario.expected(cell), printed));
      fromKnown.compare(cell, List.of(scenario.expectedOfCyclonus(cell), printed));
    }
    assertThat(fromKnown.isEmpty()).as(fromKnown.render(scenario.name())).isTrue();
    assertThat(fromSpec.isEmpty())
        .as("%s documents a Cyclonus deviation; it must still show", scenario)
        .isEqualTo(scenario.cyclonusDeviation().isEmpty());
  }

  private static Map<Verdict.Cell, Verdict> byCell(List<Verdict> verdicts) {
    Map<Verdict.Cell, Verdict> byCell = new HashMap<>();
    for (Verdict v : verdicts) {
      assertThat(byCell.put(v.cell(), v)).as("a second verdict for %s", v.cell()).isNull();
    }
    return byCell;
  }
}
