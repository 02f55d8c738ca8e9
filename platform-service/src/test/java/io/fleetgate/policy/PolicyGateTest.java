package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyGateTest {

  @Test
  void deniesWhenThePolicyEngineFails() throws Exception {
    PolicyEvaluator broken =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
            throw new PolicyException("connection refused");
          }

          @Override
          public String engine() {
            return "opa-server http://127.0.0.1:1/";
          }
        };
    PolicyCases.Case clean =
        PolicyCases.all().stream().filter(c -> c.want().isEmpty()).findFirst().orElseThrow();

    GateResult result =
        new PolicyGate(broken).check(List.of(clean.object()), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("apps");
    assertThat(result.denials())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.engineError()).isTrue();
              assertThat(v.decision().denials().getFirst().policy()).isEqualTo(Finding.ENGINE);
              assertThat(v.decision().denials().getFirst().message())
                  .contains("connection refused")
                  .contains("denied");
            });
  }

  @Test
  void aDenialBlocksOnlyItsBundle() throws Exception {
    PolicyEvaluator denyByName =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) {
            return input.object().ref().name().equals("debug")
                ? new PolicyDecision(List.of(new Finding("privileged_containers", "no")), List.of())
                : new PolicyDecision(List.of(), List.of());
          }

          @Override
          public String engine() {
            return "test";
          }
        };
    var cases = PolicyCases.all();
    var debug = cases.get(0).object();
    var other =
        new io.fleetgate.domain.RenderedObject(
            cases.get(4).object().ref(),
            "other",
            cases.get(4).object().content(),
            cases.get(4).object().source());

    GateResult result =
        new PolicyGate(denyByName).check(List.of(debug, other), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("apps");
  }
}
