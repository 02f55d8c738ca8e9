package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PatchTargetTest {

  private static final NodePatchLevel NODE =
      new NodePatchLevel(
          "fleet/a",
          "a1",
          "v1.34.3",
          "6.8.0-51-generic",
          "Ubuntu 24.04.1 LTS",
          "containerd://2.1.4",
          NodeReadiness.READY,
          true);

  record Case(String name, PatchTarget target, NodePatchLevel node, boolean upToDate) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the version matches", new PatchTarget("v1.34.3", null, null), NODE, true),
        new Case("without its v", new PatchTarget("1.34.3", null, null), NODE, true),
        new Case("an older version", new PatchTarget("v1.34.4", null, null), NODE, false),
        new Case(
            "every named part",
            new PatchTarget("v1.34.3", "6.8.0-51-generic", "Ubuntu 24.04.1 LTS"),
            NODE,
            true),
        new Case("the kernel behind", new PatchTarget(null, "6.8.0-52-generic", null), NODE, false),
        new Case("the OS image differs", new PatchTarget(null, null, "Flatcar 4152"), NODE, false),
        new Case(
            "not Ready",
            new PatchTarget("v1.34.3", null, null),
            withReady(NodeReadiness.NOT_READY),
            false),
        new Case(
            "Ready unknown",
            new PatchTarget("v1.34.3", null, null),
            withReady(NodeReadiness.UNKNOWN),
            false),
        new Case(
            "cordoned but patched and Ready",
            new PatchTarget("v1.34.3", null, null),
            new NodePatchLevel(
                "fleet/a", "a1", "v1.34.3", "k", "o", "r", NodeReadiness.READY, false),
            true),
        new Case(
            "a version field empty",
            new PatchTarget("v1.34.3", null, null),
            new NodePatchLevel("fleet/a", "a1", null, null, null, null, NodeReadiness.READY, true),
            false));
  }

  private static NodePatchLevel withReady(NodeReadiness ready) {
    return new NodePatchLevel(
        "fleet/a", "a1", "v1.34.3", "6.8.0-51-generic", "Ubuntu 24.04.1 LTS", "c", ready, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesANode(Case c) {
    assertThat(c.target().upToDate(c.node())).isEqualTo(c.upToDate());
  }

  @Test
  void blankPartsNameNothing() {
    assertThat(new PatchTarget(" ", "", null).names()).isFalse();
    assertThat(new PatchTarget(null, null, " Flatcar ").osImage()).isEqualTo("Flatcar");
  }

  @Test
  void readsTheReadyConditionIntoAClosedVocabulary() {
    assertThat(NodeReadiness.ofCondition("True")).isEqualTo(NodeReadiness.READY);
    assertThat(NodeReadiness.ofCondition("False")).isEqualTo(NodeReadiness.NOT_READY);
    assertThat(NodeReadiness.ofCondition("Unknown")).isEqualTo(NodeReadiness.UNKNOWN);
    assertThat(NodeReadiness.ofCondition("true")).isEqualTo(NodeReadiness.UNKNOWN);
    assertThat(NodeReadiness.ofCondition(null)).isEqualTo(NodeReadiness.UNKNOWN);
  }
}
