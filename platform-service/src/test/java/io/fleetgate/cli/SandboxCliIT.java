package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import org.junit.jupiter.api.Test;

@SandboxFleetTest
class SandboxCliIT {

  @Test
  void upOnARunningFleetIsIdempotentAndPrintsEveryCluster(SandboxFleetHandle sandbox) {
    CliRun result = run("sandbox", "up", "--state-dir", stateDir(sandbox));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("All 4 API servers already run")
        .contains("CLUSTER")
        .contains("beijing-prod")
        .contains("guangzhou-prod")
        .contains("aws-cn-north-1-prod")
        .contains(sandbox.managementKubeconfig().toString());
  }

  @Test
  void statusExitsZeroWhenEveryMemberIsReady(SandboxFleetHandle sandbox) {
    CliRun result = run("sandbox", "status", "--state-dir", stateDir(sandbox));

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("etcd: running").doesNotContain("stopped");
  }

  @Test
  void statusOfAnEmptyDirectorySaysHowToStartAndExitsOne() {
    CliRun result = run("sandbox", "status", "--state-dir", "target/no-such-sandbox");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("No sandbox fleet").contains("fleetgate sandbox up");
  }

  @Test
  void rejectsAnImpossibleClusterCountWithExitTwo() {
    CliRun result = run("sandbox", "up", "--clusters", "0", "--state-dir", "target/never-started");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--clusters must be between 1 and 20");
  }

  private static String stateDir(SandboxFleetHandle sandbox) {
    return sandbox.fleet().layout().root().toString();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
