package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.patch.PatchTarget;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatedNodeTest {

  private static final NodeImage NOW =
      new NodeImage("v1.34.3", "6.8.0-49-generic", "Ubuntu 24.04.1 LTS", NodeImage.RUNTIME);

  record Case(String name, SimulatedNode node, PatchTarget target, boolean at) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    SimulatedNode ready = new SimulatedNode("n1", NOW, true, false);
    return Stream.of(
        new Case(
            "Ready with every part as the target",
            ready,
            new PatchTarget("v1.34.3", "6.8.0-49-generic", "Ubuntu 24.04.1 LTS"),
            true),
        new Case("a target naming nothing asks nothing", ready, PatchTarget.NONE, true),
        new Case(
            "only the parts the target names count",
            ready,
            new PatchTarget(null, "6.8.0-49-generic", null),
            true),
        new Case("another kubelet version", ready, new PatchTarget("v1.34.4", null, null), false),
        new Case("another kernel", ready, new PatchTarget(null, "6.8.0-51-generic", null), false),
        new Case(
            "another OS image", ready, new PatchTarget(null, null, "Ubuntu 24.04.3 LTS"), false),
        new Case(
            "not Ready, though at the target",
            new SimulatedNode("n1", NOW, false, false),
            new PatchTarget("v1.34.3", null, null),
            false),
        new Case(
            "left drained by a walk that stopped half-way",
            new SimulatedNode("n1", NOW, true, true),
            new PatchTarget("v1.34.3", null, null),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAtTheTargetOnlyWhenReadyUndrainedAndMatching(Case c) {
    assertThat(c.node().at(c.target())).isEqualTo(c.at());
  }
}
