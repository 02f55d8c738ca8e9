package io.fleetgate.policy.opa;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.policy.PolicyCompileException;
import org.junit.jupiter.api.Test;

class OpaCompilerTest {

  @Test
  void mapsOpaErrorsToTheRepositoryFilesAndLines() {
    String said =
        """
        error: 2 errors occurred:
        repo/policies/team/labels.rego:5: rego_parse_error: unexpected } token
        repo/policies/ports.rego:12: rego_type_error: undefined function lower2
        """;

    assertThat(OpaCompiler.problems(said))
        .extracting(PolicyCompileException.Problem::toString)
        .containsExactly(
            "policies/team/labels.rego:5: rego_parse_error: unexpected } token",
            "policies/ports.rego:12: rego_type_error: undefined function lower2");
  }

  @Test
  void keepsOtherFailuresWholeWithoutTheWorkingDirectory() {
    assertThat(OpaCompiler.problems("error: builtin/main/decision.rego:9: conflict\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("policies/");
              assertThat(p.message())
                  .isEqualTo(
                      "opa build failed: error: built-in policy main/decision.rego:9: conflict");
            });
  }
}
