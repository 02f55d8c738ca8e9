package io.fleetgate.console.slo;

import static io.fleetgate.console.slo.SloModels.known;
import static io.fleetgate.console.slo.SloModels.on;
import static io.fleetgate.console.slo.SloModels.slo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RiskTest {

  @Test
  void aClusterIsQuietBurningOverspentOrUnknown() {
    assertThat(Risk.of(known(0.8, 0.5))).isEqualTo(Risk.QUIET);
    assertThat(Risk.of(known(0.8, 2.0))).isEqualTo(Risk.BURNING);
    assertThat(Risk.of(known(0.8, 0.5, "ticket"))).isEqualTo(Risk.BURNING);
    assertThat(Risk.of(known(-0.1, 0.5))).isEqualTo(Risk.OVERSPENT);
    assertThat(Risk.of(new SloSource.Unknown("down"))).isEqualTo(Risk.UNKNOWN);
  }

  @Test
  void anSloIsAsRiskyAsItsWorstClusterAndNeverQuietWhileOneIsUnknown() {
    assertThat(Risk.of(slo("a", on("x", known(0.8, 0.5)), on("y", known(0.8, 20, "page")))))
        .isEqualTo(Risk.BURNING);
    assertThat(Risk.of(slo("a", on("x", known(0.8, 0.5)), on("y", new SloSource.Unknown("down")))))
        .isEqualTo(Risk.UNKNOWN);
    assertThat(Risk.of(slo("a"))).isEqualTo(Risk.UNKNOWN);
    assertThat(Risk.of(slo("a", on("x", known(-0.2, 20)), on("y", new SloSource.Unknown("down")))))
        .as("overspent where it is known")
        .isEqualTo(Risk.OVERSPENT);
    assertThat(Risk.known(slo("a", on("x", known(0.8, 0.5)), on("y", new SloSource.Unknown("d")))))
        .isEqualTo(Risk.QUIET);
  }
}
