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
 * Issue 15's cross-check: every scenario of {@code netpol/peer/scenarios.yaml} is written to disk
 * for the real Cyclonus ({@code cyclonus analyze --mode probe}) and for Fleetgate's engine (read as
 * {@code fleetgate netpol --dir} reads a directory), and their verdicts are compared pod × pod ×
 * port × protocol. Fleetgate must give the specification's verdict on every cell; Cyclonus must
 * too, except on the cells a scenario documents as its known deviation, which must still deviate
 * (so a fixed Cyclonus, or a stale note, fails here). A failure prints the cells that differ with
 * all three verdicts side by side.
 */
class NetpolCrossCheckIT {

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
  void fleetgateAndCyclonusAgreeWhereTheSpecificationDoes(
      PeerScenario scenario, @TempDir Path work) {
    Map<Verdict.Cell, Verdict> fromCyclonus =
        byCell(cyclonus.probe(scenario, work.resolve("cyclonus")));
    assertThat(fromCyclonus.keySet())
        .as("Cyclonus answers every cell of %s once", scenario)
        .containsExactlyInAnyOrderElementsOf(scenario.cells());
    Map<Verdict.Cell, Connectivity> fromFleetgate =
        FleetgateEngine.verdicts(scenario, work.resolve("fleetgate"));

    Differences all = new Differences(List.of("specification", "cyclonus", "fleetgate"));
    Differences cyclonusUnexpected = new Differences(List.of("expected of cyclonus", "cyclonus"));
    Differences fleetgateWrong = new Differences(List.of("specification", "fleetgate"));
    boolean deviationShows = false;
    for (Verdict.Cell cell : scenario.cells()) {
      Connectivity spec = scenario.expected(cell);
      Connectivity peer = fromCyclonus.get(cell).combined();
      Connectivity ours = cell.toItself() ? null : fromFleetgate.get(cell);
      all.compare(cell, List.of(spec, peer, ours == null ? Differences.NO_VERDICT : ours));
      cyclonusUnexpected.compare(cell, List.of(scenario.expectedOfCyclonus(cell), peer));
      if (ours != null) {
        fleetgateWrong.compare(cell, List.of(spec, ours));
      }
      deviationShows |= peer != spec;
    }
    String table = all.render(scenario.name());
    assertThat(fleetgateWrong.cells())
        .as("Fleetgate departs from the specification\n%s", table)
        .isEmpty();
    assertThat(cyclonusUnexpected.cells()).as("Cyclonus answers unexpectedly\n%s", table).isEmpty();
    assertThat(deviationShows)
        .as("%s documents a Cyclonus deviation, which must still show\n%s", scenario, table)
        .isEqualTo(scenario.cyclonusDeviation().isPresent());
  }

  private static Map<Verdict.Cell, Verdict> byCell(List<Verdict> verdicts) {
    Map<Verdict.Cell, Verdict> byCell = new HashMap<>();
    for (Verdict v : verdicts) {
      assertThat(byCell.put(v.cell(), v)).as("a second verdict for %s", v.cell()).isNull();
    }
    return byCell;
  }
}
