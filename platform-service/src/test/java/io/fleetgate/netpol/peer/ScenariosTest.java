package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenariosTest {

  private static final PodRef XA = new PodRef("x", "a");
  private static final PodRef YB = new PodRef("y", "b");
  private static final PortProtocol HTTP = PortProtocol.parse("80/TCP");
  private static final PortProtocol DNS = PortProtocol.parse("53/UDP");

  @Test
  void theFileHoldsAtLeastTwentyScenariosThatBlockAndAllow() {
    List<PeerScenario> all = Scenarios.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(20);
    long cells = all.stream().mapToLong(s -> s.cells().size()).sum();
    long blocked =
        all.stream()
            .flatMap(s -> s.cells().stream().map(s::expected))
            .filter(c -> c == Connectivity.BLOCKED)
            .count();
    assertThat(blocked)
        .as("blocked among %d cells", cells)
        .isBetween(cells / 10, cells - cells / 10);
  }

  @Test
  void everyPolicyNamesItsNamespaceAndEveryScenarioSaysWhy() {
    for (PeerScenario s : Scenarios.all()) {
      assertThat(s.why()).as(s.name()).isNotBlank();
      for (Map<String, Object> policy : s.policies()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) policy.get("metadata");
        assertThat(metadata).as(s.name()).containsKeys("namespace", "name");
        assertThat(s.model().namespaces())
            .as(s.name())
            .containsKey((String) metadata.get("namespace"));
      }
    }
  }

  @Test
  void everyPodServesEveryProbedPortSoEveryCellIsAVerdict() {
    for (PeerScenario s : Scenarios.all()) {
      for (ModelPod pod : s.model().pods()) {
        for (PortProtocol probe : s.probes()) {
          assertThat(pod.serves(probe.port()))
              .as(
                  "%s: %s declares no port %d; Cyclonus would answer 'N'",
                  s, pod.ref(), probe.port())
              .isTrue();
        }
      }
    }
  }

  @Test
  void theLastMatchingRuleWinsOverEverythingAllowed() {
    PeerScenario s = scenario(List.of("block * -> x/*", "allow y/* -> x/a 80/TCP"), List.of());

    assertThat(s.expected(new Verdict.Cell(YB, XA, HTTP))).isEqualTo(Connectivity.ALLOWED);
    assertThat(s.expected(new Verdict.Cell(YB, XA, DNS))).isEqualTo(Connectivity.BLOCKED);
    assertThat(s.expected(new Verdict.Cell(XA, YB, DNS))).isEqualTo(Connectivity.ALLOWED);
  }

  @Test
  void policyTypesAreDefaultedAsTheApiServerDoes() {
    PeerScenario s =
        scenario(
            List.of(),
            List.of(
                Map.of("metadata", Map.of("name", "i"), "spec", Map.of("podSelector", Map.of())),
                Map.of(
                    "metadata",
                    Map.of("name", "e"),
                    "spec",
                    Map.of("podSelector", Map.of(), "egress", List.of(Map.of()))),
                Map.of(
                    "metadata",
                    Map.of("name", "empty-egress"),
                    "spec",
                    Map.of("podSelector", Map.of(), "egress", List.of())),
                Map.of(
                    "metadata",
                    Map.of("name", "kept"),
                    "spec",
                    Map.of("podSelector", Map.of(), "policyTypes", List.of("Egress")))));

    assertThat(s.policiesWithTypes())
        .extracting(p -> (Object) ((Map<?, ?>) p.get("spec")).get("policyTypes"))
        .containsExactly(
            (Object) List.of("Ingress"),
            List.of("Ingress", "Egress"),
            List.of("Ingress"),
            List.of("Egress"));
    assertThat(s.policies().get(0).get("spec")).isEqualTo(Map.of("podSelector", Map.of()));
  }

  @Test
  void aMalformedRuleSaysHowToWriteIt() {
    assertThatThrownBy(() -> ExpectRule.parse("deny * -> x/a"))
        .hasMessageContaining("allow|block SRC -> DST");
    assertThatThrownBy(() -> ExpectRule.parse("block * -> x/a 80"))
        .hasMessageContaining("write PORT/PROTOCOL");
    assertThatThrownBy(() -> ExpectRule.parse("block * -> x 80/TCP"))
        .hasMessageContaining("write NAMESPACE/NAME");
    assertThatThrownBy(() -> ExpectRule.parse("block * -> x/a 80/ICMP"))
        .hasMessageContaining("use TCP, UDP or SCTP");
  }

  private static PeerScenario scenario(List<String> rules, List<Map<String, Object>> policies) {
    ClusterModel model =
        new ClusterModel(
            Map.of("x", Map.of(), "y", Map.of()),
            List.of(
                new ModelPod(XA, Map.of(), "10.1.0.1", List.of()),
                new ModelPod(YB, Map.of(), "10.2.0.2", List.of())));
    return new PeerScenario(
        "t",
        "why",
        model,
        List.of(HTTP, DNS),
        policies,
        rules.stream().map(ExpectRule::parse).toList(),
        Optional.empty());
  }
}
