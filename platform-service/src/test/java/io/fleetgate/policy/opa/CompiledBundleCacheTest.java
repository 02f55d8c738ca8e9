package io.fleetgate.policy.opa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyCompiler;
import io.fleetgate.policy.RepoPolicies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same policies are compiled once; anything that changes the result compiles again. */
class CompiledBundleCacheTest {

  private static final PolicyBundle BUILT_IN =
      new PolicyBundle(Map.of("main/decision.rego", bytes("package fleetgate.main")));
  private static final RepoPolicies TEAM =
      new RepoPolicies(Map.of("policies/team.rego", "package main\n"));

  private final AtomicInteger compilations = new AtomicInteger();

  private final PolicyCompiler counting =
      (builtIn, custom) -> {
        compilations.incrementAndGet();
        return new PolicyBundle(
            Map.of(
                "policy.wasm",
                bytes("wasm of " + custom.sources().keySet()),
                PolicyBundle.ANNOTATIONS,
                bytes("{\"annotations\": []}")));
      };

  @Test
  void compilesTheSamePoliciesOnceAndGivesBackTheSameBundle(@TempDir Path dir) throws Exception {
    PolicyBundle first = new CompiledBundleCache(counting, "opa 1", dir).compile(BUILT_IN, TEAM);
    PolicyBundle second = new CompiledBundleCache(counting, "opa 1", dir).compile(BUILT_IN, TEAM);

    assertThat(compilations).hasValue(1);
    assertThat(second.files().keySet()).isEqualTo(first.files().keySet());
    assertThat(second.policyWasm()).isEqualTo(first.policyWasm());
    assertThat(second.files().get(PolicyBundle.ANNOTATIONS))
        .isEqualTo(first.files().get(PolicyBundle.ANNOTATIONS));
  }

  @Test
  void compilesAgainWhenThePoliciesTheBuiltInOnesOrTheCompilerChange(@TempDir Path dir)
      throws Exception {
    new CompiledBundleCache(counting, "opa 1", dir).compile(BUILT_IN, TEAM);
    new CompiledBundleCache(counting, "opa 1", dir)
        .compile(BUILT_IN, new RepoPolicies(Map.of("policies/team.rego", "package main\n\n")));
    new CompiledBundleCache(counting, "opa 1", dir)
        .compile(new PolicyBundle(Map.of("main/decision.rego", bytes("package x"))), TEAM);
    new CompiledBundleCache(counting, "opa 2", dir).compile(BUILT_IN, TEAM);

    assertThat(compilations).hasValue(4);
  }

  @Test
  void replacesAnEntryThatCannotBeRead(@TempDir Path dir) throws Exception {
    new CompiledBundleCache(counting, "opa 1", dir).compile(BUILT_IN, TEAM);
    try (var entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        Files.writeString(entry, "not a zip");
      }
    }

    PolicyBundle again = new CompiledBundleCache(counting, "opa 1", dir).compile(BUILT_IN, TEAM);

    assertThat(compilations).hasValue(2);
    assertThat(again.files()).containsKey("policy.wasm");
  }

  @Test
  void keepsNoFailureAndOnlyTheMostRecentEntries(@TempDir Path dir) throws Exception {
    PolicyCompiler failing =
        (builtIn, custom) -> {
          compilations.incrementAndGet();
          throw new PolicyCompileException(
              List.of(new PolicyCompileException.Problem(SourceLocation.file("policies/"), "bad")));
        };
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> new CompiledBundleCache(failing, "opa 1", dir).compile(BUILT_IN, TEAM))
          .isInstanceOf(PolicyCompileException.class);
    }
    assertThat(compilations).hasValue(2);

    for (int i = 0; i < CompiledBundleCache.KEPT + 3; i++) {
      new CompiledBundleCache(counting, "opa 1", dir)
          .compile(BUILT_IN, new RepoPolicies(Map.of("policies/p" + i + ".rego", "package main")));
    }
    try (var entries = Files.list(dir)) {
      assertThat(entries.count()).isEqualTo(CompiledBundleCache.KEPT);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
