package io.fleetgate.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tofu fmt -check}, {@code tofu validate} and {@code tofu test} over {@code terraform/},
 * with the pinned OpenTofu and kubectl provider from the tool cache ({@code bin/setup tofu}). The
 * {@code tofu test} files hold the modules' cases, among them that the fleet-clusters example
 * renders exactly {@code clusters/*}{@code /cluster.yaml}.
 */
class TerraformModulesIT {

  @TempDir static Path scratch;

  private static final StringBuilder WHY_SKIPPED = new StringBuilder();
  private static Tofu tofu;
  private static Path terraform;

  @BeforeAll
  static void copyTheModules() throws Exception {
    Optional<Tofu> found = Tofu.fromToolCache(scratch.resolve("tofu"), WHY_SKIPPED);
    if (found.isEmpty()) {
      return;
    }
    tofu = found.get();
    terraform = TerraformTree.copyInto(scratch);
  }

  /** Each test is reported skipped, with the command that builds OpenTofu, when it is missing. */
  @BeforeEach
  void tofuIsBuilt() {
    assumeTrue(WHY_SKIPPED.isEmpty(), WHY_SKIPPED::toString);
  }

  @Test
  void theToolCacheHoldsThePinnedVersion() throws Exception {
    Tofu.Result version = tofu.run(scratch, "version");

    assertThat(version.code()).as(version.describe()).isZero();
    assertThat(version.output().lines().findFirst()).contains("OpenTofu " + Tofu.VERSION);
    assertThat(tofu.binary().getParent().getFileName().toString())
        .isEqualTo("tofu-" + Tofu.VERSION);
  }

  @Test
  void everyFileIsFormattedAsTofuFmtWritesIt() throws Exception {
    Tofu.Result fmt =
        tofu.run(
            TerraformTree.repositoryRoot().resolve("terraform"),
            "fmt",
            "-check",
            "-recursive",
            "-diff",
            "-no-color");

    assertThat(fmt.code()).as(fmt.describe()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "modules/platform",
        "modules/cluster",
        "examples/platform",
        "examples/fleet-clusters"
      })
  void eachModuleAndExampleValidates(String dir) throws Exception {
    Path module = terraform.resolve(dir);
    Tofu.Result init = tofu.init(module);
    assertThat(init.code()).as(init.describe()).isZero();

    Tofu.Result validate = tofu.run(module, "validate", "-no-color");

    assertThat(validate.code()).as(validate.describe()).isZero();
    assertThat(validate.output()).contains("The configuration is valid.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"modules/platform", "modules/cluster", "examples/fleet-clusters"})
  void theModulesOwnTestsPass(String dir) throws Exception {
    Path module = terraform.resolve(dir);
    Tofu.Result init = tofu.init(module);
    assertThat(init.code()).as(init.describe()).isZero();

    Tofu.Result test = tofu.run(module, "test", "-no-color");

    assertThat(test.code()).as(test.describe()).isZero();
    assertThat(test.output()).as(test.describe()).contains("Success!").doesNotContain("0 passed");
  }
}
