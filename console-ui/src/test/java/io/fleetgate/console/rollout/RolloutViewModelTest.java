package io.fleetgate.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.api.RolloutStatus.Command;
import io.fleetgate.console.ui.UiThread;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutViewModelTest {

  private final RolloutModels.Recorded source = new RolloutModels.Recorded();
  private final RolloutViewModel model =
      new RolloutViewModel(source, new UiThread(Runnable::run, Runnable::run));

  @Test
  void listsEveryRolloutWithItsPhaseTargetAndHowLongAndSelectsTheFirst() {
    model.refresh().join();

    assertThat(model.rows())
        .extracting(
            BoardRows.RolloutRow::name, BoardRows.RolloutRow::phase, BoardRows.RolloutRow::took)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kernel-6.8.0-88", "running", "for 33 min"),
            org.assertj.core.groups.Tuple.tuple("node-image-2026-11", "running", "for 1 h 30 min"),
            org.assertj.core.groups.Tuple.tuple("kubernetes-v1.35.1", "halted", "for 1 h"),
            org.assertj.core.groups.Tuple.tuple("kernel-6.8.0-90", "pending", "not started"));
    assertThat(model.selectedProperty().get().name()).isEqualTo("kernel-6.8.0-88");
    assertThat(model.summaryProperty().get())
        .isEqualTo(
            "4 rollouts · 2 moving · 1 halted · revision 3f9c2e1 · read 2026-12-02 01:40:00 UTC");
  }

  @Test
  void midRolloutTheSecondWavesClusterShowsTwoOfThreeNodesAndTheFirstWaveItsTimePerNode() {
    model.refresh().join();

    List<BoardRows.WaveRow> waves = model.waves();
    assertThat(waves)
        .extracting(BoardRows.WaveRow::phase)
        .containsExactly("done", "patching", "queued");
    assertThat(waves).extracting(BoardRows.WaveRow::current).containsExactly(false, true, false);
    BoardRows.ClusterCell beijing = waves.get(1).clusters().getFirst();
    assertThat(beijing.counts()).isEqualTo("2/3 up to date · 2 ready");
    assertThat(beijing.progress())
        .isEqualTo(new BoardRows.Progress.Counted(2, 3, 2))
        .satisfies(p -> assertThat(((BoardRows.Progress.Counted) p).share()).isEqualTo(2.0 / 3));
    assertThat(beijing.levels())
        .isEqualTo(
            "2 × v1.34.4 · 6.8.0-88-generic · Ubuntu 24.04.3 LTS\n"
                + "1 × v1.34.3 · 6.8.0-85-generic · Ubuntu 24.04.3 LTS");
    assertThat(beijing.tone()).isEqualTo(Tone.ACTIVE);
    assertThat(waves.get(1).clusters().get(1).counts()).isEqualTo("0/3 up to date · 3 ready");
    BoardRows.ClusterCell aws = waves.getFirst().clusters().getFirst();
    assertThat(aws.took()).isEqualTo("took 6 min 42 s · 2 min 14 s per node");
    assertThat(aws.tone()).isEqualTo(Tone.GOOD);
    assertThat(model.steps().getFirst())
        .isEqualTo(
            new BoardRows.StepRow(
                "01:39:00",
                "node",
                "china-prod · fleet/beijing-prod",
                "bj-node-2 up to date and Ready"));
  }

  @Test
  void aHeldSloGateShowsWhoHoldsItAndEachClustersBurnAgainstTheThresholdUnknownAsUnknown() {
    model.refresh().join();
    model.selectedProperty().set(model.rows().get(1));

    BoardRows.WaveRow wave = model.waves().get(1);
    assertThat(wave.heldBy()).startsWith("held by SLO payment-gateway-availability: burning 9.30×");
    BoardRows.GateRow gate = wave.gates().get(1);
    assertThat(gate.answer()).isEqualTo("failing");
    assertThat(gate.tone()).isEqualTo(Tone.BAD);
    assertThat(gate.burns())
        .extracting(BoardRows.BurnRow::cluster, BoardRows.BurnRow::figure, BoardRows.BurnRow::tone)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "fleet/beijing-prod", "9.30× of at most 6× over 1h", Tone.BAD),
            org.assertj.core.groups.Tuple.tuple(
                "fleet/guangzhou-prod", "0.80× of at most 6× over 1h", Tone.GOOD),
            org.assertj.core.groups.Tuple.tuple(
                "fleet/shenzhen-prod",
                "unknown of at most 6× over 1h: Prometheus at http://prometheus.shenzhen:9090/ did"
                    + " not answer within 10 s",
                Tone.UNKNOWN));
    assertThat(gate.burns().get(2).burnRate()).isNull();
  }

  @Test
  void aClusterWhoseNodesCannotBeReadIsUnknownNeverZeroNodes() {
    model.refresh().join();
    model.selectedProperty().set(model.rows().get(2));

    BoardRows.ClusterCell beijing = model.waves().getFirst().clusters().get(1);
    assertThat(beijing.progress()).isInstanceOf(BoardRows.Progress.Unread.class);
    assertThat(beijing.counts()).isEqualTo("nodes unknown");
    assertThat(beijing.tone()).isEqualTo(Tone.UNKNOWN);
    assertThat(beijing.reason()).contains("connection refused");
    BoardRows.ClusterCell guangzhou = model.waves().getFirst().clusters().getFirst();
    assertThat(guangzhou.tone()).isEqualTo(Tone.BAD);
    assertThat(guangzhou.counts()).isEqualTo("1/3 up to date · 2 ready");
  }

  @Test
  void offersOnlyTheCommandsThatMakeSenseWhereEachRolloutStands() {
    model.refresh().join();

    assertThat(model.allowedProperty().get())
        .containsExactlyInAnyOrder(Command.PAUSE, Command.ROLLBACK);
    model.selectedProperty().set(model.rows().get(2));
    assertThat(model.allowedProperty().get())
        .containsExactlyInAnyOrder(Command.RESUME, Command.ROLLBACK);
    model.selectedProperty().set(model.rows().get(3));
    assertThat(model.allowedProperty().get()).containsExactly(Command.START);
  }

  @Test
  void approveIsOfferedWhileTheCurrentWavesApprovalIsMissingAndNotOnceTheRolloutIsOver() {
    RolloutStatus.RolloutView mid = RolloutModels.midRollout();
    RolloutStatus.RolloutView atPayments = withWave(mid, 2, RolloutStatus.Phase.RUNNING);

    assertThat(CommandsAllowed.of(mid)).doesNotContain(Command.APPROVE);
    assertThat(CommandsAllowed.of(atPayments)).contains(Command.APPROVE);
    assertThat(CommandsAllowed.of(withWave(mid, 2, RolloutStatus.Phase.ROLLING_BACK))).isEmpty();
    assertThat(CommandsAllowed.of(withWave(mid, 2, RolloutStatus.Phase.ROLLBACK_HALTED)))
        .containsExactly(Command.ROLLBACK);
    assertThat(CommandsAllowed.of(withWave(mid, 9, RolloutStatus.Phase.PAUSED)))
        .containsExactlyInAnyOrder(Command.RESUME, Command.ROLLBACK);
  }

  @Test
  void aRefusedCommandReachesTheSourceAndItsReasonIsShown() {
    model.refresh().join();
    source.refuse = "rollout kernel-6.8.0-88 is running: started already";

    model.command(Command.START).join();

    assertThat(source.commands).containsExactly("kernel-6.8.0-88 START");
    assertThat(model.answerProperty().get())
        .isEqualTo(
            new RolloutViewModel.Answer.Refused(
                "Refused: rollout kernel-6.8.0-88 is running: started already"));
    assertThat(model.sendingProperty().get()).isFalse();
  }

  @Test
  void anAcceptedCommandShowsWhatItChangedAndTheRolloutAfterwards() {
    model.refresh().join();
    RolloutStatus.RolloutView paused =
        withWave(RolloutModels.midRollout(), 1, RolloutStatus.Phase.PAUSED);
    source.board = new RolloutStatus.Board(RolloutModels.AT, "3f9c2e1", List.of(paused), List.of());

    model.command(Command.PAUSE).join();

    assertThat(source.commands).containsExactly("kernel-6.8.0-88 PAUSE");
    assertThat(model.answerProperty().get())
        .isEqualTo(new RolloutViewModel.Answer.Accepted("Pause kernel-6.8.0-88: done"));
    assertThat(model.selectedProperty().get().phase()).isEqualTo("paused");
    assertThat(model.allowedProperty().get())
        .containsExactlyInAnyOrder(Command.RESUME, Command.ROLLBACK);
  }

  @Test
  void aFailedReadKeepsTheBoardItHadAndSaysSo() {
    model.refresh().join();
    source.failure =
        new IllegalStateException("The platform at http://127.0.0.1:8742 does not answer");

    model.refresh().join();

    assertThat(model.rows()).hasSize(4);
    assertThat(model.errorProperty().get())
        .isEqualTo(
            "Cannot read the rollouts: The platform at http://127.0.0.1:8742 does not answer"
                + " · showing what was read before");
  }

  @Test
  void anUnchangedBoardReadAgainChangesNothingOnScreen() {
    model.refresh().join();
    List<String> changes = new java.util.ArrayList<>();
    model
        .rows()
        .addListener((javafx.collections.ListChangeListener<Object>) c -> changes.add("rows"));
    model
        .waves()
        .addListener((javafx.collections.ListChangeListener<Object>) c -> changes.add("waves"));
    model
        .steps()
        .addListener((javafx.collections.ListChangeListener<Object>) c -> changes.add("steps"));

    model.refresh().join();

    assertThat(changes).isEmpty();
  }

  @Test
  void keepsTheSelectedRolloutAcrossReads() {
    model.refresh().join();
    model.selectedProperty().set(model.rows().get(2));

    model.refresh().join();

    assertThat(model.selectedProperty().get().name()).isEqualTo("kubernetes-v1.35.1");
  }

  @Test
  void theTimerReadsOnlyWhileTheTabIsShownAndThenThePageOnScreen() {
    RolloutStatus.Board[] reads = {null};
    RolloutModels.Recorded counting =
        new RolloutModels.Recorded() {
          int boards;

          @Override
          public RolloutStatus.Board board() {
            boards++;
            reads[0] =
                new RolloutStatus.Board(
                    RolloutModels.AT.plusSeconds(boards), "", List.of(), List.of());
            return reads[0];
          }
        };
    RolloutViewModel timed =
        new RolloutViewModel(counting, new UiThread(Runnable::run, Runnable::run));

    timed.tick();
    assertThat(reads[0]).as("hidden: no read").isNull();
    timed.activeProperty().set(true);
    assertThat(reads[0].at()).as("shown: read at once").isEqualTo(RolloutModels.AT.plusSeconds(1));
    timed.tick();
    assertThat(reads[0].at()).isEqualTo(RolloutModels.AT.plusSeconds(2));
    assertThat(counting.asked).isEmpty();
    timed.pageProperty().set(RolloutViewModel.Page.PATCHES);
    assertThat(counting.asked).as("the matrix read once shown").hasSize(1);
    timed.tick();
    assertThat(counting.asked).hasSize(2);
    assertThat(reads[0].at())
        .as("the board is not on screen")
        .isEqualTo(RolloutModels.AT.plusSeconds(2));
    timed.activeProperty().set(false);
    timed.tick();
    assertThat(counting.asked).as("hidden again").hasSize(2);
  }

  @Test
  void theTimerNeverAsksAgainWhileAReadIsUnderWay() {
    java.util.List<Runnable> parked = new java.util.ArrayList<>();
    RolloutModels.Recorded counting = new RolloutModels.Recorded();
    int[] boards = {0};
    RolloutSource slow =
        new RolloutSource() {
          @Override
          public RolloutStatus.Board board() {
            boards[0]++;
            return counting.board();
          }

          @Override
          public RolloutStatus.CommandResult command(String rollout, Command command) {
            return counting.command(rollout, command);
          }

          @Override
          public RolloutStatus.Matrix matrix(MatrixTarget target) {
            return counting.matrix(target);
          }
        };
    RolloutViewModel timed = new RolloutViewModel(slow, new UiThread(parked::add, Runnable::run));
    timed.activeProperty().set(true);

    timed.tick();
    timed.tick();
    assertThat(parked).as("one read in flight").hasSize(1);
    parked.removeFirst().run();
    timed.tick();
    assertThat(parked).hasSize(1);
    parked.removeFirst().run();
    assertThat(boards[0]).isEqualTo(2);
  }

  @Test
  void noRolloutsSaysWhereToDeclareOne() {
    source.board = new RolloutStatus.Board(RolloutModels.AT, "", List.of(), List.of());
    model.refresh().join();
    assertThat(model.emptyProperty().get()).contains("rollouts/");
    source.board =
        new RolloutStatus.Board(
            RolloutModels.AT,
            "",
            List.of(),
            List.of("rollouts/kernel.yaml:7: spec.waves[0].maxUnavailable: must be at least 1"));
    model.refresh().join();
    assertThat(model.emptyProperty().get()).contains("problems");
    assertThat(model.problems()).hasSize(1);
  }

  static RolloutStatus.RolloutView withWave(
      RolloutStatus.RolloutView r, int wave, RolloutStatus.Phase phase) {
    return new RolloutStatus.RolloutView(
        r.name(),
        r.target(),
        r.onFailure(),
        phase,
        r.reason(),
        r.since(),
        r.source(),
        wave,
        r.took(),
        r.waves(),
        r.recent());
  }
}
