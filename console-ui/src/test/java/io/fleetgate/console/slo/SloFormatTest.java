package io.fleetgate.console.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SloFormatTest {

  @Test
  void aBudgetSaysWhatIsLeftOrOverspentAndUnknownIsNeverZero() {
    assertThat(SloFormat.budget(0.42)).isEqualTo("42.0 % left");
    assertThat(SloFormat.budget(-0.125)).isEqualTo("12.5 % overspent");
    assertThat(SloFormat.budget(null)).isEqualTo("unknown");
    assertThat(SloFormat.ratio(null)).isEqualTo("unknown");
  }

  @Test
  void targetsBurnRatesAndDurations() {
    assertThat(SloFormat.target(0.999)).isEqualTo("99.9 %");
    assertThat(SloFormat.target(0.99)).isEqualTo("99 %");
    assertThat(SloFormat.burn(20.04)).isEqualTo("20.0×");
    assertThat(SloFormat.burn(0.5)).isEqualTo("0.50×");
    assertThat(SloFormat.burn(null)).isEqualTo("—");
    assertThat(SloFormat.duration(3L * 86400 + 4 * 3600 + 59)).isEqualTo("3 d 4 h");
    assertThat(SloFormat.duration(5L * 3600 + 20 * 60)).isEqualTo("5 h 20 min");
    assertThat(SloFormat.duration(720L)).isEqualTo("12 min");
    assertThat(SloFormat.duration(null)).isEqualTo("—");
    assertThat(SloFormat.alert(SloModels.ALERTS.getFirst())).isEqualTo("page 14.4× over 1h and 5m");
  }
}
