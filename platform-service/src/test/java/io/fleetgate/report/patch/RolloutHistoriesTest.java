package io.fleetgate.report.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.report.patch.RolloutHistory.ClusterOutcome;
import io.fleetgate.report.patch.RolloutHistory.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rollouts' history from audit rows as {@code RolloutAudit} writes them. */
class RolloutHistoriesTest {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final String AWS = "fleet/aws-cn-north-1-prod";
  private static final String BEIJING = "fleet/beijing-prod";
  private static long sequence;

  private static RolloutRow row(
      int second, String rollout, String event, String cluster, String detail) {
    return new RolloutRow(
        ++sequence,
        T0.plusSeconds(second),
        "rollout." + event,
        cluster,
        "PatchRollout " + rollout,
        detail);
  }

  private static List<RolloutHistory> histories(RolloutRow... rows) {
    RolloutHistories histories = new RolloutHistories();
    Stream.of(rows).forEach(histories);
    return histories.histories();
  }

  @Test
  void followsAThreeWaveRolloutWithAnApprovalToTheEnd() {
    RolloutHistory h =
        histories(
                row(0, "kernel", "started", "", "by token ana"),
                row(1, "kernel", "wave_started", "", "wave canary: 1 cluster(s), every gate open"),
                row(
                    1,
                    "kernel",
                    "cluster_patching",
                    AWS,
                    "wave canary: to kernel 6.8.0-88-generic from kernel 6.8.0-51-generic"),
                row(95, "kernel", "cluster_done", AWS, "wave canary: 3 node(s) on the target"),
                row(95, "kernel", "wave_done", "", "wave canary: every cluster on the target"),
                row(
                    96,
                    "kernel",
                    "wave_held",
                    "",
                    "wave beijing: waiting for approval by a member of change-board"),
                row(
                    96,
                    "kernel",
                    "wave_held",
                    "",
                    "wave beijing: waiting for approval by a member of change-board"),
                row(300, "kernel", "approved", "", "wave beijing: by token ana for change-board"),
                row(
                    301,
                    "kernel",
                    "wave_started",
                    "",
                    "wave beijing: 1 cluster(s), every gate open"),
                row(301, "kernel", "cluster_patching", BEIJING, "wave beijing: to kernel x"),
                row(
                    400,
                    "kernel",
                    "cluster_done",
                    BEIJING,
                    "wave beijing: 3 node(s) on the target"),
                row(400, "kernel", "wave_done", "", "wave beijing: every cluster on the target"),
                row(400, "kernel", "completed", "", "every wave done"))
            .getFirst();

    assertThat(h.rollout()).isEqualTo("kernel");
    assertThat(h.started()).isEqualTo(T0);
    assertThat(h.startedBy()).isEqualTo("token ana");
    assertThat(h.state()).isEqualTo(State.COMPLETED);
    assertThat(h.lastStep()).isEqualTo(T0.plusSeconds(400));
    assertThat(h.waves())
        .extracting(RolloutHistory.WaveSpan::wave, RolloutHistory.WaveSpan::took)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("canary", Duration.ofSeconds(94)),
            org.assertj.core.groups.Tuple.tuple("beijing", Duration.ofSeconds(99)));
    assertThat(h.waves().get(1).holds())
        .containsExactly("waiting for approval by a member of change-board");
    assertThat(h.clusters()).hasSize(2);
    RolloutHistory.ClusterSpan aws = h.clusters().getFirst();
    assertThat(aws.cluster()).isEqualTo(AWS);
    assertThat(aws.wave()).isEqualTo("canary");
    assertThat(aws.change()).isEqualTo("to kernel 6.8.0-88-generic from kernel 6.8.0-51-generic");
    assertThat(aws.outcome()).isEqualTo(ClusterOutcome.DONE);
    assertThat(aws.took()).isEqualTo(Duration.ofSeconds(94));
    assertThat(aws.detail()).isEqualTo("3 node(s) on the target");
    assertThat(h.approvals())
        .containsExactly(
            new RolloutHistory.Approval(
                T0.plusSeconds(300), "beijing", "token ana", "change-board"));
    assertThat(h.interruptions()).isEmpty();
    assertThat(h.steps()).hasSize(13);
  }

  @Test
  void recordsAFailureTheHaltAndTheRollBackWithTheirReasons() {
    RolloutHistory h =
        histories(
                row(0, "k", "started", "", "by token ana"),
                row(1, "k", "cluster_patching", AWS, "wave canary: to kernel b from kernel a"),
                row(9, "k", "cluster_failed", AWS, "wave canary: node w-2 has not been Ready"),
                row(
                    9,
                    "k",
                    "rolling_back",
                    "",
                    "wave canary: fleet/aws: node w-2 has not been Ready"),
                row(10, "k", "cluster_restoring", AWS, "wave canary: back to kernel a"),
                row(20, "k", "cluster_restored", AWS, "wave canary: on kernel a"),
                row(
                    20,
                    "k",
                    "rolled_back",
                    "",
                    "every cluster reached is on its version from before"))
            .getFirst();

    assertThat(h.state()).isEqualTo(State.ROLLED_BACK);
    RolloutHistory.ClusterSpan aws = h.clusters().getFirst();
    assertThat(aws.outcome()).isEqualTo(ClusterOutcome.RESTORED);
    assertThat(aws.settled()).isEqualTo(T0.plusSeconds(9));
    assertThat(aws.took()).isEqualTo(Duration.ofSeconds(8));
    assertThat(aws.restored()).isEqualTo(T0.plusSeconds(20));
    assertThat(aws.detail()).isEqualTo("on kernel a");
    assertThat(h.interruptions())
        .extracting(RolloutHistory.Interruption::kind, RolloutHistory.Interruption::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "rolling_back", "fleet/aws: node w-2 has not been Ready"),
            org.assertj.core.groups.Tuple.tuple(
                "rolled_back", "every cluster reached is on its version from before"));
  }

  /** A row's last state-changing event decides where the rollout stands. */
  record StateCase(String event, String detail, State want) {}

  static List<StateCase> states() {
    return List.of(
        new StateCase("started", "by token ana", State.RUNNING),
        new StateCase("paused", "by token ana", State.PAUSED),
        new StateCase("halted", "the target changed", State.HALTED),
        new StateCase("resumed", "by token ana", State.RUNNING),
        new StateCase("rolling_back", "by token ana", State.ROLLING_BACK),
        new StateCase("completed", "every wave done", State.COMPLETED),
        new StateCase("wave_started", "wave a: 1 cluster(s)", State.RUNNING));
  }

  @ParameterizedTest
  @MethodSource("states")
  void theLastStateChangingRowDecidesWhereItStands(StateCase c) {
    RolloutHistory h =
        histories(
                row(0, "k", "started", "", "by token ana"), row(5, "k", c.event(), "", c.detail()))
            .getFirst();

    assertThat(h.state()).isEqualTo(c.want());
  }

  @Test
  void aRolloutStartedBeforeThePeriodHasNoStart() {
    RolloutHistory h =
        histories(row(5, "k", "cluster_done", AWS, "wave canary: 3 node(s) on the target"))
            .getFirst();

    assertThat(h.started()).isNull();
    assertThat(h.startedBy()).isEmpty();
    assertThat(h.clusters().getFirst().patched()).isNull();
    assertThat(h.clusters().getFirst().took()).isNull();
  }

  @Test
  void keepsRowsOfAnUnknownKindAsStepsAndIgnoresOtherObjects() {
    RolloutHistories histories = new RolloutHistories();
    histories.accept(row(0, "k", "started", "", "by token ana"));
    histories.accept(row(1, "k", "node_wobbled", AWS, "wave canary: something new"));
    histories.accept(
        new RolloutRow(99, T0, "rollout.started", "", "Deployment default/x", "by someone"));
    histories.accept(new RolloutRow(100, T0, "policy", "", "PatchRollout k", "evaluated"));

    List<RolloutHistory> all = histories.histories();

    assertThat(all).singleElement();
    assertThat(all.getFirst().steps())
        .extracting(RolloutHistory.Step::event, RolloutHistory.Step::wave)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("started", ""),
            org.assertj.core.groups.Tuple.tuple("node_wobbled", "canary"));
    assertThat(all.getFirst().clusters()).isEmpty();
    assertThat(all.getFirst().state()).isEqualTo(State.RUNNING);
  }

  @Test
  void keepsRolloutsApartInTheOrderOfTheirFirstRow() {
    List<RolloutHistory> all =
        histories(
            row(0, "b", "started", "", "by token bob"),
            row(1, "a", "started", "", "by token ana"),
            row(2, "b", "completed", "", "every wave done"));

    assertThat(all).extracting(RolloutHistory::rollout).containsExactly("b", "a");
    assertThat(all)
        .extracting(RolloutHistory::state)
        .containsExactly(State.COMPLETED, State.RUNNING);
  }

  @Test
  void anApprovalWithoutAGroupKeepsWhoApproved() {
    RolloutHistory h = histories(row(0, "k", "approved", "", "wave w: by token ana")).getFirst();

    assertThat(h.approvals())
        .containsExactly(new RolloutHistory.Approval(T0, "w", "token ana", ""));
  }
}
