package io.fleetgate.console.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** SLOs as the platform answers them, for tests of pure logic. */
final class SloModels {

  private SloModels() {}

  static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  static final List<SloSource.Alert> ALERTS =
      List.of(
          new SloSource.Alert("page", 14.4, "1h", "5m"),
          new SloSource.Alert("page", 6, "6h", "30m"),
          new SloSource.Alert("ticket", 1, "3d", "6h"));

  static SloSource.Known known(double budget, double burn1h, String... firing) {
    return new SloSource.Known(
        0.001 * (1 - budget),
        budget,
        Map.of("1h", burn1h, "6h", burn1h / 2, "3d", 0.5),
        burn1h > 1 ? 3600L * 5 : null,
        List.of(firing));
  }

  static SloSource.Slo slo(String name, SloSource.ClusterFigures... clusters) {
    return new SloSource.Slo(
        "payment-gateway",
        name,
        "Share of requests",
        0.999,
        "28d rolling",
        0.0004,
        0.6,
        ALERTS,
        List.of(clusters));
  }

  static SloSource.ClusterFigures on(String cluster, SloSource.Figures figures) {
    return new SloSource.ClusterFigures(cluster, figures);
  }
}
