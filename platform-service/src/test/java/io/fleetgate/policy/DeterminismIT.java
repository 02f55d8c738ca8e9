package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.tools.ToolCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Holds the memo's notion of a deterministic policy to the real OPA's. */
class DeterminismIT {

  @Test
  void knowsEveryBuiltInTheRealOpaCallsNondeterministic() throws Exception {
    Process opa =
        new ProcessBuilder(
                ToolCache.locate().executable("opa").toString(), "capabilities", "--current")
            .redirectErrorStream(true)
            .start();
    JsonNode capabilities = new ObjectMapper().readTree(opa.getInputStream());
    assertThat(opa.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> nondeterministic = new ArrayList<>();
    for (JsonNode builtin : capabilities.get("builtins")) {
      if (builtin.path("nondeterministic").asBoolean()) {
        nondeterministic.add(builtin.get("name").asText());
      }
    }

    assertThat(nondeterministic).isNotEmpty();
    assertThat(Determinism.NONDETERMINISTIC).containsExactlyInAnyOrderElementsOf(nondeterministic);
  }

  @Test
  void theBuiltInPoliciesAreRememberedBecauseTheyDecideFromTheirInputAlone() throws Exception {
    var sources = PolicyBundle.builtInRego().regoSources();
    sources.keySet().removeIf(path -> path.endsWith("_test.rego"));
    assertThat(sources).isNotEmpty();
    assertThat(Determinism.firstNondeterministicCall(sources)).isEmpty();

    try (PolicyEngines engines =
        new PolicyEngines(
            WasmPolicyEvaluator.of(PolicyBundle.builtIn()),
            PolicyCompiler.unavailable("not needed"),
            WasmPolicyEvaluator::of)) {
      assertThat(engines.builtIn()).isInstanceOf(MemoizedEvaluator.class);
    }
    try (PolicyEngines oneShot =
        new PolicyEngines(
            WasmPolicyEvaluator.of(PolicyBundle.builtIn()),
            PolicyCompiler.unavailable("not needed"),
            WasmPolicyEvaluator::of,
            PolicyEngines.Reuse.NOTHING)) {
      assertThat(oneShot.builtIn()).isInstanceOf(WasmPolicyEvaluator.class);
    }
  }
}
