package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WavePlanTest {

  private static final List<ClusterTarget> FLEET =
      List.of(
          cluster("guangzhou-prod", "alibaba", "payments"),
          cluster("aws-cn-north-1-prod", "aws", "web"),
          cluster("beijing-prod", "alibaba", "payments"),
          cluster("shanghai-dev", "alibaba", "web"));

  private static ClusterTarget cluster(String name, String provider, String tier) {
    return new ClusterTarget(
        "fleet", name, Map.of("provider", provider, "tier", tier), ClusterPhase.PROVISIONED);
  }

  private static Wave wave(String name, Wave.Clusters clusters) {
    return new Wave(name, clusters, 1, 1, Duration.ZERO, List.of(), SourceLocation.file("r.yaml"));
  }

  private static PatchRollout rollout(Wave... waves) {
    return new PatchRollout(
        "r",
        new RolloutTarget(Optional.of("v1.34.4"), Optional.empty(), Optional.empty()),
        List.of(waves),
        FailurePolicy.HALT,
        SourceLocation.file("r.yaml"));
  }

  private static Wave.Clusters selecting(String key, String value) {
    return Wave.Clusters.selected(new LabelSelector(Map.of(key, value), List.of()), "test");
  }

  @Test
  void aClusterGoesWithTheFirstWaveThatReachesIt() {
    WavePlan plan =
        WavePlan.of(
            rollout(
                wave("canary", selecting("provider", "aws")),
                wave("payments", selecting("tier", "payments")),
                wave("alibaba", selecting("provider", "alibaba"))),
            FLEET);

    assertThat(plan.waves())
        .extracting(p -> p.clusters().stream().map(ClusterTarget::name).toList())
        .containsExactly(
            List.of("aws-cn-north-1-prod"),
            List.of("beijing-prod", "guangzhou-prod"),
            List.of("shanghai-dev"));
    assertThat(plan.waves().get(2).alreadyInEarlierWave())
        .containsExactly("beijing-prod", "guangzhou-prod");
    assertThat(plan.unreached()).isEmpty();
  }

  @Test
  void listsTheClustersNoWaveReachesAndTheNamesTheFleetDoesNotHave() {
    WavePlan plan =
        WavePlan.of(
            rollout(wave("named", Wave.Clusters.named(List.of("beijing-prod", "hangzhou-prod")))),
            FLEET);

    assertThat(plan.waves().getFirst().clusters())
        .extracting(ClusterTarget::name)
        .containsExactly("beijing-prod");
    assertThat(plan.waves().getFirst().unknown()).containsExactly("hangzhou-prod");
    assertThat(plan.unreached())
        .containsExactly("aws-cn-north-1-prod", "guangzhou-prod", "shanghai-dev");
  }

  @Test
  void twoClustersOfOneNameInTwoNamespacesAreTwoClusters() {
    ClusterTarget other =
        new ClusterTarget(
            "staging",
            "beijing-prod",
            Map.of("provider", "alibaba", "tier", "payments"),
            ClusterPhase.PROVISIONED);
    List<ClusterTarget> fleet = new java.util.ArrayList<>(FLEET);
    fleet.add(other);

    WavePlan plan = WavePlan.of(rollout(wave("payments", selecting("tier", "payments"))), fleet);

    assertThat(plan.waves().getFirst().clusters()).hasSize(3).contains(other);
  }
}
