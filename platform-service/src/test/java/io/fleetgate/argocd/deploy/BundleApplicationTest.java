package io.fleetgate.argocd.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleApplicationTest {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static ClusterTarget cluster(String namespace, String name) {
    return new ClusterTarget(namespace, name, Map.of(), ClusterPhase.PROVISIONED);
  }

  @Test
  void anApplicationIsPinnedToTheRenderedCommitAndPointsAtItsBundle() {
    ClusterTarget beijing = cluster("fleet", "beijing-prod");
    RenderedTree tree = RenderedTree.of(beijing, List.of());
    BundleApplication app =
        BundleApplication.of(beijing, "payments", tree, "https://git.example/fleet.git", COMMIT);
    assertThat(app.destination()).isEqualTo("fleet/beijing-prod");
    assertThat(app.path()).isEqualTo("fleet/beijing-prod/payments");
    assertThat(app.revision()).isEqualTo(COMMIT);
    assertThat(app.name()).startsWith("fleet-beijing-prod-payments-").hasSize(38);
    assertThat(app.labels())
        .containsEntry(BundleApplication.MANAGED_BY, "fleetgate")
        .containsEntry(BundleApplication.BUNDLE, "payments")
        .containsEntry(BundleApplication.CLUSTER_NAMESPACE, "fleet")
        .containsEntry(BundleApplication.CLUSTER_NAME, "beijing-prod");
  }

  @Test
  void aBranchNameIsNotARevision() {
    ClusterTarget beijing = cluster("fleet", "beijing-prod");
    RenderedTree tree = RenderedTree.of(beijing, List.of());
    assertThatThrownBy(() -> BundleApplication.of(beijing, "payments", tree, "u", "main"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commit id");
  }

  @Test
  void namesThatWouldJoinAlikeStayApart() {
    assertThat(BundleApplication.name(cluster("a-b", "c"), "x"))
        .isNotEqualTo(BundleApplication.name(cluster("a", "b-c"), "x"));
    assertThat(BundleApplication.name(cluster("a", "b"), "c-d"))
        .isNotEqualTo(BundleApplication.name(cluster("a", "b-c"), "d"));
  }

  @Test
  void longNamesAreCutToSixtyThreeCharactersAndStayDistinct() {
    String longName = "cluster-" + "x".repeat(80);
    String one = BundleApplication.name(cluster("fleet", longName + "-1"), "baseline");
    String two = BundleApplication.name(cluster("fleet", longName + "-2"), "baseline");
    assertThat(one).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(two).hasSizeLessThanOrEqualTo(63);
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void dotsInNamesBecomeDashesSoTheNameIsALabelValueToo() {
    assertThat(BundleApplication.name(cluster("fleet", "eu.west.1"), "base"))
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
        .doesNotContain(".");
  }
}
