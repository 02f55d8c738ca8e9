package io.fleetgate.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.RolloutStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutFormatTest {

  @Test
  void durationsReadAsPeopleSayThemAndUnknownAsADash() {
    assertThat(RolloutFormat.duration(null)).isEqualTo("—");
    assertThat(RolloutFormat.duration(45)).isEqualTo("45 s");
    assertThat(RolloutFormat.duration(134.4)).isEqualTo("2 min 14 s");
    assertThat(RolloutFormat.duration(8_040L)).isEqualTo("2 h 14 min");
    assertThat(RolloutFormat.duration(1_980L)).isEqualTo("33 min");
    assertThat(RolloutFormat.duration(3_600L)).isEqualTo("1 h");
    assertThat(RolloutFormat.duration(90_000L)).isEqualTo("1 d 1 h");
    assertThat(RolloutFormat.duration(-3)).isEqualTo("0 s");
  }

  @Test
  void burnRatesAndThresholds() {
    assertThat(RolloutFormat.burn(9.3)).isEqualTo("9.30×");
    assertThat(RolloutFormat.burn(14.4)).isEqualTo("14.4×");
    assertThat(RolloutFormat.burn(null)).isEqualTo("unknown");
    assertThat(RolloutFormat.threshold(6)).isEqualTo("6×");
    assertThat(RolloutFormat.threshold(14.4)).isEqualTo("14.4×");
  }

  @Test
  void phasesAsWordsAndLevelsMostNodesFirst() {
    assertThat(RolloutFormat.phase(RolloutStatus.Phase.ROLLBACK_HALTED))
        .isEqualTo("rollback halted");
    assertThat(RolloutFormat.levels(Map.of("b", 1, "a", 2, "c", 1)))
        .isEqualTo("2 × a\n1 × b\n1 × c");
    assertThat(RolloutFormat.levels(Map.of())).isEmpty();
    assertThat(RolloutFormat.revision("")).isEqualTo("not synced yet");
  }
}
