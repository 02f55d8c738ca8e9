package io.fleetgate.console.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrendCanvasTest {

  @Test
  void axisStepsAreRoundNumbers() {
    assertThat(TrendCanvas.niceStep(5.5)).isEqualTo(10);
    assertThat(TrendCanvas.niceStep(4.2)).isEqualTo(5);
    assertThat(TrendCanvas.niceStep(0.31)).isEqualTo(0.5);
    assertThat(TrendCanvas.niceStep(0.2))
        .isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(TrendCanvas.niceStep(0)).isEqualTo(1);
  }
}
