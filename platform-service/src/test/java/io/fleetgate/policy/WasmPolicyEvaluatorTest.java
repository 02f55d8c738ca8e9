package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in bundle, compiled to Wasm by the policies module, decides the conformance cases. */
class WasmPolicyEvaluatorTest {

  private static WasmPolicyEvaluator wasm;

  @BeforeAll
  static void load() throws Exception {
    wasm = WasmPolicyEvaluator.of(PolicyBundle.builtIn());
  }

  @AfterAll
  static void close() {
    wasm.close();
  }

  static List<PolicyCases.Case> cases() throws Exception {
    return PolicyCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deniesExactlyTheExpectedPolicies(PolicyCases.Case c) throws Exception {
    PolicyDecision decision = wasm.evaluate(c.input());

    assertThat(decision.denials().stream().map(Finding::policy).distinct().sorted().toList())
        .isEqualTo(c.want());
    assertThat(decision.denials())
        .allSatisfy(f -> assertThat(f.message()).contains(c.object().ref().name()));
  }
}
