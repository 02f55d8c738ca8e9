package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parser on output captured from cyclonus v0.5.6: a model of x/a, x/b (serving 80/TCP only) and
 * y-1/a, a policy admitting x/b to x/a on TCP 80, probes 80/TCP then 53/UDP.
 */
class TruthTableParserTest {

  private static final PortProtocol HTTP = PortProtocol.parse("80/TCP");
  private static final PortProtocol DNS = PortProtocol.parse("53/UDP");
  private static final PodRef XA = PodRef.parse("x/a");
  private static final PodRef XB = PodRef.parse("x/b");
  private static final PodRef YA = PodRef.parse("y-1/a");

  private static String captured;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in =
        TruthTableParserTest.class.getResourceAsStream("/netpol/peer/cyclonus-v0.5.6-probe.txt")) {
      captured = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEveryCellOfEveryProbeWithItsThreeVerdicts() {
    List<Verdict> verdicts = TruthTableParser.parse(captured, List.of(HTTP, DNS));

    assertThat(verdicts).hasSize(18);
    assertThat(verdicts)
        .contains(
            new Verdict(
                XB, XA, HTTP, Connectivity.ALLOWED, Connectivity.ALLOWED, Connectivity.ALLOWED),
            new Verdict(
                YA, XA, HTTP, Connectivity.BLOCKED, Connectivity.ALLOWED, Connectivity.BLOCKED),
            new Verdict(
                XB, XA, DNS, Connectivity.BLOCKED, Connectivity.ALLOWED, Connectivity.BLOCKED),
            new Verdict(
                XA,
                XB,
                DNS,
                Connectivity.INVALID_PORT_PROTOCOL,
                Connectivity.UNKNOWN,
                Connectivity.INVALID_PORT_PROTOCOL),
            new Verdict(
                XA, YA, DNS, Connectivity.ALLOWED, Connectivity.ALLOWED, Connectivity.ALLOWED));
  }

  @Test
  void failsWhenTheProbeSectionIsMissing() {
    assertThatThrownBy(
            () -> TruthTableParser.parse(captured.replace("probe:", ""), List.of(HTTP, DNS)))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("no 'probe:' line")
        .hasMessageContaining("update TruthTableParser");
  }

  @Test
  void failsOnAnUnknownSymbolNamingTheLine() {
    String changed = captured.replaceFirst("\\| x/b   \\| \\.", "| x/b   | Y");

    assertThatThrownBy(() -> TruthTableParser.parse(changed, List.of(HTTP, DNS)))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("line 7: unknown cell 'Y'");
  }

  @Test
  void failsWhenTablesAreMissingForAProbe() {
    assertThatThrownBy(
            () ->
                TruthTableParser.parse(captured, List.of(HTTP, DNS, PortProtocol.parse("81/TCP"))))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("for each of the 3 probes, found 6");
  }

  @Test
  void failsWhenColumnsAndRowsNoLongerAgree() {
    String changed = captured.replaceFirst("\\| Y-1/A \\|", "| Z/A   |");

    assertThatThrownBy(() -> TruthTableParser.parse(changed, List.of(HTTP, DNS)))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("column 3 is 'Z/A' but row 3 is y-1/a");
  }

  @Test
  void failsOnTextBetweenTheTables() {
    String changed = captured.replaceFirst("\n\nEgress:", "\nsomething new\n\nEgress:");

    assertThatThrownBy(() -> TruthTableParser.parse(changed, List.of(HTTP, DNS)))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("unexpected 'something new'");
  }
}
