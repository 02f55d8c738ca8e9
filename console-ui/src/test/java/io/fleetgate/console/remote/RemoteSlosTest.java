package io.fleetgate.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.client.model.SloCluster;
import io.fleetgate.client.model.SloLastKnown;
import io.fleetgate.console.slo.SloSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the platform answers for one cluster of an SLO, as the SLO view takes it. */
class RemoteSlosTest {

  private static final OffsetDateTime READ =
      OffsetDateTime.of(2026, 3, 15, 11, 40, 0, 0, ZoneOffset.UTC);

  @Test
  void anUnknownClusterKeepsItsReasonAndTheFiguresLastReadBesideIt() {
    SloCluster c =
        new SloCluster()
            .cluster("shanghai-prod")
            .state(SloCluster.StateEnum.UNKNOWN)
            .reason("http://prometheus:9090/ did not answer within 10 s")
            .firing(List.of())
            .burnRates(Map.of())
            .lastKnown(
                new SloLastKnown()
                    .at(READ)
                    .errorRatio(new BigDecimal("0.00069"))
                    .budgetRemaining(new BigDecimal("0.31"))
                    .burnRates(Map.of("1h", new BigDecimal("0.9"))));

    SloSource.ClusterFigures figures = RemoteSlos.cluster(c);

    assertThat(figures.figures())
        .isEqualTo(
            new SloSource.Unknown(
                "http://prometheus:9090/ did not answer within 10 s",
                new SloSource.LastKnown(
                    Instant.parse("2026-03-15T11:40:00Z"), 0.31, Map.of("1h", 0.9))));
  }

  @Test
  void anUnknownClusterNeverReadHasNoLastFigures() {
    SloCluster c =
        new SloCluster()
            .cluster("shanghai-prod")
            .state(SloCluster.StateEnum.UNKNOWN)
            .reason("refused")
            .firing(List.of())
            .burnRates(Map.of());

    assertThat(RemoteSlos.cluster(c).figures()).isEqualTo(new SloSource.Unknown("refused"));
  }
}
