package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetgate rollout list} and the rollout checks of {@code validate}, on the example fleet.
 */
class RolloutCliTest {

  @TempDir Path work;

  @Test
  void listsTheExampleRolloutWaveByWave() {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));

    CliRun run = CliRun.of("rollout", "list", "--repo", repo.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "kernel-2026-11: Kubernetes v1.34.4, kernel 6.8.0-88-generic, OS image Ubuntu 24.04.3"
                + " LTS; on failure rollback")
        .contains("1. canary — 1 cluster(s) at a time, 1 node(s) down at a time, soak 2h")
        .contains("clusters: aws-cn-north-1-prod")
        .contains("2. mainland-payments — 2 cluster(s) at a time")
        .contains("clusters: beijing-prod, guangzhou-prod")
        .contains("SLO payment-gateway-availability burning at most 6× over 1h")
        .contains("maintenance window 0 1 * * SAT for 4h (Asia/Shanghai)")
        .contains("approval by payments-change-board")
        .contains("not in any wave: none");
  }

  @Test
  void aRolloutWithProblemsFailsListAndValidateWithFileAndLine() throws Exception {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
    Files.writeString(
        repo.resolve("rollouts/broken.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: PatchRollout
        metadata:
          name: broken
        spec:
          target: {kubernetesVersion: v1.35.0}
          waves:
            - name: canary
              gates:
                maintenanceWindow: {schedule: "0 1 * * SUNDAY", duration: 4h}
        """);

    CliRun list = CliRun.of("rollout", "list", "--repo", repo.toString());
    CliRun validate = CliRun.of("validate", "--repo", repo.toString());

    String problem =
        "rollouts/broken.yaml:10: spec.waves[0].gates.maintenanceWindow.schedule: day of week"
            + " field 'SUNDAY': 'SUNDAY' is not a number or a name";
    assertThat(list.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(list.err()).contains(problem);
    assertThat(list.out()).contains("kernel-2026-11:").doesNotContain("broken:");
    assertThat(validate.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(validate.out() + validate.err()).contains(problem);
  }

  @Test
  void thePatchMatrixTakesARolloutsTargetOnlyAlone() {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
    String kubeconfig = work.resolve("no-such.kubeconfig").toString();

    CliRun both =
        CliRun.of(
            "patch",
            "matrix",
            "--management-kubeconfig",
            kubeconfig,
            "--rollout",
            "kernel-2026-11",
            "--repo",
            repo.toString(),
            "--kernel",
            "6.8.0-88-generic");
    CliRun unknown =
        CliRun.of(
            "patch",
            "matrix",
            "--management-kubeconfig",
            kubeconfig,
            "--rollout",
            "nope",
            "--repo",
            repo.toString());
    CliRun noRepo =
        CliRun.of(
            "patch",
            "matrix",
            "--management-kubeconfig",
            kubeconfig,
            "--rollout",
            "kernel-2026-11");

    assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err())
        .contains("--rollout names the target; leave out --kubernetes-version, --kernel");
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("no rollout named 'nope'").contains("kernel-2026-11");
    assertThat(noRepo.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noRepo.err()).contains("--rollout kernel-2026-11 needs --repo");
  }

  @Test
  void anUnknownRolloutNameSaysWhichThereAre() {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));

    CliRun run = CliRun.of("rollout", "list", "--repo", repo.toString(), "kernel-2027-01");

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err())
        .contains("No rollout named 'kernel-2027-01'")
        .contains("the rollouts there: kernel-2026-11");
  }

  @Test
  void theTokenIsNeverSentInTheClearToAnotherHost() throws Exception {
    Path token = work.resolve("ana.token");
    Files.writeString(token, "fgt_a-token-that-must-stay-on-this-machine");

    CliRun run =
        CliRun.of(
            "rollout",
            "start",
            "kernel-2026-11",
            "--server",
            "http://platform.example.com:8742",
            "--token-file",
            token.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .contains(
            "Refusing to send the API token unencrypted to platform.example.com: use https://, or"
                + " a loopback address");
    assertThat(run.out() + run.err()).doesNotContain("fgt_a-token");
  }

  @Test
  void textFromClustersCannotMoveTheTerminalsCursor() {
    String hostile = "node \u001b[2J\u001b]0;owned\u0007worker-1\u202e gone\r\nnext line";

    assertThat(RolloutStatusCommand.RolloutText.clean(hostile))
        .isEqualTo("node [2J]0;ownedworker-1 gone\nnext line");
  }
}
