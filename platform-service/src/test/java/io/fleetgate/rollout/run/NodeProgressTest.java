package io.fleetgate.rollout.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeReadiness;
import io.fleetgate.rollout.RolloutTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeProgressTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final RolloutTarget TARGET =
      new RolloutTarget(Optional.of("v1.34.4"), Optional.of("6.8.0-88-generic"), Optional.empty());

  private static NodePatchLevel node(
      String name, String kubelet, String kernel, NodeReadiness ready, Instant since) {
    return new NodePatchLevel(
        "fleet/a",
        name,
        kubelet,
        kernel,
        "Ubuntu 24.04.1 LTS",
        "containerd://2.1.4",
        ready,
        ready == NodeReadiness.READY,
        Optional.ofNullable(since));
  }

  private static NodeProgress of(Optional<String> writeFailure, NodePatchLevel... nodes) {
    return NodeProgress.of(
        new NodeListing.Listed("fleet/a", List.of(nodes)),
        TARGET,
        Optional.empty(),
        writeFailure,
        NOW.minus(Duration.ofDays(1)),
        TIMEOUT,
        NOW);
  }

  @Test
  void nodesCountAsUpToDateOnlyWhenOnEveryPartOfTheTargetAndReady() {
    NodeProgress progress =
        of(
            Optional.empty(),
            node("n1", "v1.34.4", "6.8.0-88-generic", NodeReadiness.READY, null),
            node("n2", "v1.34.4", "6.8.0-88-generic", NodeReadiness.NOT_READY, NOW),
            node("n3", "v1.34.4", "6.8.0-49-generic", NodeReadiness.READY, null));

    assertThat(progress.progress().nodes()).isEqualTo(3);
    assertThat(progress.progress().upToDate()).isEqualTo(1);
    assertThat(progress.progress().ready()).isEqualTo(2);
    assertThat(progress.progress().failure()).isEmpty();
    assertThat(progress.progress().finished()).isFalse();
    assertThat(progress.byLevel())
        .containsEntry("v1.34.4 · 6.8.0-88-generic · Ubuntu 24.04.1 LTS", 2)
        .containsEntry("v1.34.4 · 6.8.0-49-generic · Ubuntu 24.04.1 LTS", 1);
  }

  @Test
  void aNodeOnItsNewVersionsNotReadyLongerThanTheTimeoutFailsTheCluster() {
    NodeProgress progress =
        of(
            Optional.empty(),
            node(
                "n1",
                "v1.34.4",
                "6.8.0-88-generic",
                NodeReadiness.NOT_READY,
                NOW.minus(TIMEOUT).minusSeconds(1)));

    assertThat(progress.progress().failure())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .startsWith("node n1 has its new versions but has not been Ready since")
                    .contains("more than 10m"));
  }

  @Test
  void aNodeRebootingWithinTheTimeoutOrNotYetUpgradedIsNoFailure() {
    NodeProgress progress =
        of(
            Optional.empty(),
            node("n1", "v1.34.4", "6.8.0-88-generic", NodeReadiness.NOT_READY, NOW.minus(TIMEOUT)),
            node(
                "n2",
                "v1.34.3",
                "6.8.0-49-generic",
                NodeReadiness.NOT_READY,
                NOW.minusSeconds(86_400)),
            node("n3", "v1.34.4", "6.8.0-88-generic", NodeReadiness.UNKNOWN, null));

    assertThat(progress.progress().failure()).isEmpty();
  }

  @Test
  void noNodeIsStuckFromBeforeTheClusterWasChangedWhateverItsReadyConditionSays() {
    NodeProgress progress =
        NodeProgress.of(
            new NodeListing.Listed(
                "fleet/a",
                List.of(
                    node(
                        "n1",
                        "v1.34.4",
                        "6.8.0-88-generic",
                        NodeReadiness.NOT_READY,
                        NOW.minus(Duration.ofDays(2))))),
            TARGET,
            Optional.empty(),
            Optional.empty(),
            NOW.minusSeconds(60),
            TIMEOUT,
            NOW);

    assertThat(progress.progress().failure()).as("changed a minute ago").isEmpty();
  }

  @Test
  void aFailedWriteOfTheLevelsIsTheClustersFailure() {
    NodeProgress progress =
        of(
            Optional.of("argocd-controller (server-side apply) applies these fields too"),
            node("n1", "v1.34.3", "6.8.0-49-generic", NodeReadiness.READY, null));

    assertThat(progress.progress().failure())
        .hasValue("argocd-controller (server-side apply) applies these fields too");
  }

  @Test
  void aClusterWithoutNodesIsNeverFinished() {
    assertThat(of(Optional.empty()).progress().finished()).isFalse();
  }
}
