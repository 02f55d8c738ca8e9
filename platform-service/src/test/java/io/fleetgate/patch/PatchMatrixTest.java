package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PatchMatrixTest {

  static NodePatchLevel node(String cluster, String name, String version) {
    return node(cluster, name, version, NodeReadiness.READY, true);
  }

  static NodePatchLevel node(
      String cluster, String name, String version, NodeReadiness ready, boolean schedulable) {
    return new NodePatchLevel(
        cluster,
        name,
        version,
        "6.8.0-51-generic",
        "Ubuntu 24.04.1 LTS",
        "containerd://2.1.4",
        ready,
        schedulable);
  }

  private static final List<NodeListing> FLEET =
      List.of(
          NodeListing.listed(
              "fleet/guangzhou-prod",
              List.of(
                  node("fleet/guangzhou-prod", "g1", "v1.34.10"),
                  node("fleet/guangzhou-prod", "g2", "v1.34.9"),
                  node("fleet/guangzhou-prod", "g3", "v1.34.9"))),
          NodeListing.unreachable("fleet/aws-cn-north-1-prod", "connection refused"),
          NodeListing.listed(
              "fleet/beijing-prod",
              List.of(
                  node("fleet/beijing-prod", "b1", "v1.34.10"),
                  node("fleet/beijing-prod", "b2", "v1.34.10", NodeReadiness.NOT_READY, false))),
          NodeListing.listed("fleet/empty", List.of()));

  @Test
  void countsNodesPerClusterAndLevelSortedForPeople() {
    PatchMatrix matrix = PatchMatrix.of(FLEET, new PatchTarget("v1.34.10", null, null), List.of());
    assertThat(matrix.clusters())
        .extracting(ClusterPatchState::cluster)
        .containsExactly(
            "fleet/aws-cn-north-1-prod",
            "fleet/beijing-prod",
            "fleet/empty",
            "fleet/guangzhou-prod");
    var guangzhou = (ClusterPatchState.Counted) matrix.clusters().get(3);
    assertThat(guangzhou.levels())
        .extracting(r -> r.level().kubernetesVersion(), LevelRow::nodes, LevelRow::upToDate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v1.34.9", 2, 0),
            org.assertj.core.groups.Tuple.tuple("v1.34.10", 1, 1));
    assertThat(guangzhou.upToDate()).isEqualTo(1);
    assertThat(guangzhou.nodes()).isEqualTo(3);
  }

  @Test
  void aNodeNotReadyIsNotUpToDateEvenAtTheTarget() {
    PatchMatrix matrix = PatchMatrix.of(FLEET, new PatchTarget("v1.34.10", null, null), List.of());
    var beijing = (ClusterPatchState.Counted) matrix.clusters().get(1);
    assertThat(beijing.upToDate()).isEqualTo(1);
    assertThat(beijing.levels().getFirst().notReady()).isEqualTo(1);
    assertThat(beijing.levels().getFirst().cordoned()).isEqualTo(1);
    assertThat(beijing.behind()).isTrue();
  }

  @Test
  void anUnreachableClusterIsUnknownNeverZero() {
    PatchMatrix matrix = PatchMatrix.of(FLEET, new PatchTarget("v1.34.10", null, null), List.of());
    assertThat(matrix.clusters().getFirst())
        .isEqualTo(
            new ClusterPatchState.Unreachable("fleet/aws-cn-north-1-prod", "connection refused"));
    assertThat(matrix.clusters().getFirst().behind()).isTrue();
    assertThat(matrix.complete()).isFalse();
  }

  record FilterCase(String name, MatrixFilter filter, List<String> shown) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FilterCase> filters() {
    return Stream.of(
        new FilterCase(
            "all",
            MatrixFilter.ALL,
            List.of(
                "fleet/aws-cn-north-1-prod",
                "fleet/beijing-prod",
                "fleet/empty",
                "fleet/guangzhou-prod")),
        new FilterCase(
            "by name, any case",
            new MatrixFilter("PROD", false),
            List.of("fleet/aws-cn-north-1-prod", "fleet/beijing-prod", "fleet/guangzhou-prod")),
        new FilterCase(
            "behind, unreachable included, an empty cluster not",
            new MatrixFilter(null, true),
            List.of("fleet/aws-cn-north-1-prod", "fleet/beijing-prod", "fleet/guangzhou-prod")),
        new FilterCase(
            "behind and by name",
            new MatrixFilter("guangzhou", true),
            List.of("fleet/guangzhou-prod")),
        new FilterCase("nothing matches", new MatrixFilter("nowhere", false), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void filtersClusters(FilterCase c) {
    PatchMatrix matrix =
        PatchMatrix.of(FLEET, new PatchTarget("v1.34.10", null, null), List.of())
            .filter(c.filter());
    assertThat(matrix.clusters()).extracting(ClusterPatchState::cluster).isEqualTo(c.shown());
  }

  @Test
  void withoutATargetNothingIsJudgedButUnreachableClustersStillCount() {
    PatchMatrix matrix = PatchMatrix.of(FLEET, PatchTarget.NONE, List.of());
    var guangzhou = (ClusterPatchState.Counted) matrix.clusters().get(3);
    assertThat(guangzhou.upToDate()).isZero();
    assertThat(guangzhou.behind()).isFalse();
    assertThat(matrix.filter(new MatrixFilter(null, true)).clusters())
        .extracting(ClusterPatchState::cluster)
        .containsExactly("fleet/aws-cn-north-1-prod");
  }

  @Test
  void anUnreachableReasonIsOneLine() {
    assertThat(NodeListing.unreachable("fleet/a", " Failed to connect\nHTTP response code: 0\n"))
        .isEqualTo(
            new NodeListing.Unreachable("fleet/a", "Failed to connect HTTP response code: 0"));
  }

  @Test
  void isCompleteOnlyWhenEveryClusterIsReadAndUpToDate() {
    PatchTarget target = new PatchTarget("v1.34.10", null, null);
    List<NodeListing> patched =
        List.of(NodeListing.listed("fleet/a", List.of(node("fleet/a", "a1", "v1.34.10"))));
    assertThat(PatchMatrix.of(patched, target, List.of()).complete()).isTrue();
    assertThat(PatchMatrix.of(patched, target, List.of("Cluster fleet/x has no Secret")).complete())
        .isFalse();
  }
}
