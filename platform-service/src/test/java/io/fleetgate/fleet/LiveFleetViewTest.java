package io.fleetgate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetSnapshot;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Kubeconfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveFleetViewTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void sortsClustersByProviderRegionAndName() {
    ClusterDirectory directory =
        () ->
            new ClusterDirectory.Discovery(
                List.of(
                    access("b", "aws", "r2"),
                    access("a", "aws", "r2"),
                    access("c", "alibaba", "r9")),
                List.of());

    FleetSnapshot snapshot =
        new LiveFleetView(directory, access -> ClusterProbe.Result.answered("v1.34.4"), CLOCK)
            .snapshot();

    assertThat(snapshot.clusters()).extracting(ClusterSummary::name).containsExactly("c", "a", "b");
    assertThat(snapshot.takenAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void anUnreachableClusterIsReportedWithItsReasonWhileOthersAnswer() {
    ClusterDirectory directory =
        () ->
            new ClusterDirectory.Discovery(
                List.of(access("up", "aws", "r"), access("down", "aws", "r")), List.of());
    ClusterProbe probe =
        access ->
            access.target().name().equals("down")
                ? ClusterProbe.Result.unreachable("connection refused")
                : ClusterProbe.Result.answered("v1.34.4");

    FleetSnapshot snapshot = new LiveFleetView(directory, probe, CLOCK).snapshot();

    assertThat(snapshot.reachableCount()).isEqualTo(1);
    ClusterSummary down =
        snapshot.clusters().stream().filter(c -> c.name().equals("down")).findFirst().orElseThrow();
    assertThat(down.reachable()).isFalse();
    assertThat(down.kubernetesVersion()).isEqualTo("-");
    assertThat(down.problem()).isEqualTo("connection refused");
  }

  @Test
  void passesOnDiscoveryProblems() {
    ClusterDirectory directory =
        () ->
            new ClusterDirectory.Discovery(
                List.of(), List.of("Cluster fleet/x has no readable Secret"));

    assertThat(new LiveFleetView(directory, access -> null, CLOCK).snapshot().problems())
        .containsExactly("Cluster fleet/x has no readable Secret");
  }

  private static ClusterAccess access(String name, String provider, String region) {
    return new ClusterAccess(
        new ClusterTarget(
            "fleet",
            name,
            Map.of("provider", provider, "region", region),
            ClusterPhase.PROVISIONED),
        new Kubeconfig("test", ""));
  }
}
