package io.fleetgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterPhaseTest {

  @ParameterizedTest
  @CsvSource({
    "Provisioned, PROVISIONED",
    "provisioning, PROVISIONING",
    "' Failed ', FAILED",
    "Exploded, UNKNOWN",
    "'', UNKNOWN",
  })
  void parsesClusterApiPhases(String phase, ClusterPhase expected) {
    assertThat(ClusterPhase.parse(phase)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PROVISIONED, Provisioned", "UNKNOWN, Unknown"})
  void displaysTheWayClusterApiSpellsIt(ClusterPhase phase, String display) {
    assertThat(phase.display()).isEqualTo(display);
  }
}
