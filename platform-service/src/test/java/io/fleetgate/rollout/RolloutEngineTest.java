package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.rollout.RolloutCommands.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutEngineTest {

  private static final RolloutTarget NEW = kubernetes("v1.34.4");
  private static final RolloutTarget OLD = kubernetes("v1.34.2");
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  /** Clusters as far as the engine can see them: a version and nodes, moved by the actions. */
  private static final class Fleet {
    final Map<String, RolloutTarget> version = new LinkedHashMap<>();
    final Map<String, String> failure = new HashMap<>();
    final Map<String, Integer> ready = new HashMap<>();
    final java.util.Set<String> versionUnknown = new java.util.HashSet<>();
    final List<RolloutAction> done = new ArrayList<>();

    Fleet(String... clusters) {
      for (String c : clusters) {
        version.put("fleet/" + c, OLD);
      }
    }

    /** What the clusters show, measured against the version each is being brought to. */
    Map<String, ClusterProgress> progress(RolloutState state) {
      Map<String, ClusterProgress> out = new HashMap<>();
      version.forEach(
          (cluster, v) -> {
            ClusterStep step = state.clusters().get(cluster);
            RolloutTarget wanted =
                step != null
                        && (step.status() == ClusterStep.Status.RESTORING
                            || step.status() == ClusterStep.Status.RESTORED)
                    ? OLD
                    : NEW;
            int nodes = 3;
            out.put(
                cluster,
                new ClusterProgress(
                    cluster,
                    nodes,
                    v.equals(wanted) ? nodes : 0,
                    ready.getOrDefault(cluster, nodes),
                    Optional.ofNullable(failure.get(cluster)),
                    versionUnknown.contains(cluster) ? Optional.empty() : Optional.of(v)));
          });
      return out;
    }

    void apply(List<RolloutAction> actions) {
      for (RolloutAction action : actions) {
        done.add(action);
        switch (action) {
          case RolloutAction.Patch p -> version.put(p.cluster(), NEW);
          case RolloutAction.Restore r -> version.put(r.cluster(), r.previous());
        }
      }
    }
  }

  /** The outside gates, as a test sets them. */
  private static final class Outside implements GateSource {
    GateAnswer slo = GateAnswer.open();
    GateAnswer policy = GateAnswer.open();

    @Override
    public GateAnswer sloBurn(Gate.SloBurn gate, List<String> clusters) {
      return slo;
    }

    @Override
    public GateAnswer policyDenials(List<String> clusters) {
      return policy;
    }
  }

  private static RolloutTarget kubernetes(String version) {
    return new RolloutTarget(Optional.of(version), Optional.empty(), Optional.empty());
  }

  private static ClusterTarget cluster(String name, String wave) {
    return new ClusterTarget("fleet", name, Map.of("wave", wave), ClusterPhase.PROVISIONED);
  }

  private static Wave wave(String name, int parallel, Duration soak, Gate... gates) {
    return new Wave(
        name,
        Wave.Clusters.selected(new LabelSelector(Map.of("wave", name), List.of()), "test"),
        parallel,
        1,
        soak,
        List.of(gates),
        SourceLocation.file("rollouts/r.yaml"));
  }

  private static WavePlan plan(FailurePolicy onFailure, Wave... waves) {
    PatchRollout rollout =
        new PatchRollout(
            "kernel", NEW, List.of(waves), onFailure, SourceLocation.file("rollouts/r.yaml"));
    return WavePlan.of(
        rollout,
        List.of(
            cluster("canary-1", "canary"),
            cluster("main-1", "main"),
            cluster("main-2", "main"),
            cluster("main-3", "main"),
            cluster("rest-1", "rest")));
  }

  private final Fleet fleet = new Fleet("canary-1", "main-1", "main-2", "main-3", "rest-1");
  private final Outside outside = new Outside();
  private final List<RolloutEvent> journal = new ArrayList<>();

  private RolloutState started(WavePlan plan) {
    Outcome outcome = RolloutCommands.start(RolloutState.pending("kernel", T0), "ana", T0);
    return ((Outcome.Accepted) outcome).state();
  }

  private RolloutState step(WavePlan plan, RolloutState state, Instant now) {
    RolloutEngine.Step step = RolloutEngine.step(plan, state, fleet.progress(state), outside, now);
    fleet.apply(step.actions());
    journal.addAll(step.events());
    return step.state();
  }

  private RolloutState run(WavePlan plan, RolloutState state, Instant now, int steps) {
    for (int i = 0; i < steps; i++) {
      state = step(plan, state, now);
    }
    return state;
  }

  private List<String> patched() {
    return fleet.done.stream().map(a -> a.getClass().getSimpleName() + " " + a.cluster()).toList();
  }

  @Test
  void threeWavesCompleteInOrderAtMostMaxParallelClustersAtATime() {
    WavePlan plan =
        plan(
            FailurePolicy.HALT,
            wave("canary", 1, Duration.ZERO),
            wave("main", 2, Duration.ZERO),
            wave("rest", 1, Duration.ZERO));
    RolloutState state = started(plan);

    state = step(plan, state, T0);
    assertThat(patched()).containsExactly("Patch fleet/canary-1");
    state = step(plan, state, T0);
    assertThat(patched())
        .containsExactly("Patch fleet/canary-1", "Patch fleet/main-1", "Patch fleet/main-2");
    state = run(plan, state, T0, 4);

    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThat(patched())
        .containsExactly(
            "Patch fleet/canary-1",
            "Patch fleet/main-1",
            "Patch fleet/main-2",
            "Patch fleet/main-3",
            "Patch fleet/rest-1");
    assertThat(fleet.version.values()).containsOnly(NEW);
    assertThat(journal)
        .extracting(RolloutEvent::kind)
        .containsSubsequence(
            RolloutEvent.Kind.WAVE_STARTED,
            RolloutEvent.Kind.CLUSTER_PATCHING,
            RolloutEvent.Kind.CLUSTER_DONE,
            RolloutEvent.Kind.WAVE_DONE,
            RolloutEvent.Kind.WAVE_STARTED,
            RolloutEvent.Kind.WAVE_DONE,
            RolloutEvent.Kind.WAVE_STARTED,
            RolloutEvent.Kind.WAVE_DONE,
            RolloutEvent.Kind.COMPLETED);
  }

  @Test
  void aStepTakenAgainOnTheSameObservationsAsksForNothingTwice() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 3, Duration.ZERO));
    RolloutState state = started(plan);
    var progress = fleet.progress(state);

    RolloutEngine.Step first = RolloutEngine.step(plan, state, progress, outside, T0);
    RolloutEngine.Step again = RolloutEngine.step(plan, first.state(), progress, outside, T0);

    assertThat(first.actions()).hasSize(3);
    assertThat(again.actions()).isEmpty();
  }

  @Test
  void aClosedMaintenanceWindowHoldsTheWaveUntilItOpens() {
    // Saturday 01:00 – 05:00 in Shanghai: Friday 17:00 – 21:00 UTC.
    MaintenanceWindow window =
        new MaintenanceWindow(
            CronSchedule.parse("0 1 * * SAT").schedule().orElseThrow(),
            Duration.ofHours(4),
            ZoneId.of("Asia/Shanghai"));
    WavePlan plan =
        plan(FailurePolicy.HALT, wave("canary", 1, Duration.ZERO, new Gate.InWindow(window)));
    Instant friday = Instant.parse("2026-12-04T10:00:00Z");
    RolloutState state = started(plan);

    state = run(plan, state, friday, 3);

    assertThat(fleet.done).isEmpty();
    assertThat(state.reason())
        .contains("outside the maintenance window 0 1 * * SAT for 4h (Asia/Shanghai)")
        .contains("until 2026-12-04T17:00:00Z");
    assertThat(journal).filteredOn(e -> e.kind() == RolloutEvent.Kind.WAVE_HELD).hasSize(1);

    state = run(plan, state, Instant.parse("2026-12-04T17:00:00Z"), 2);

    assertThat(patched()).containsExactly("Patch fleet/canary-1");
    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);
  }

  @Test
  void aWaveWaitsForApprovalByAMemberOfTheNamedGroup() {
    WavePlan plan =
        plan(
            FailurePolicy.HALT,
            wave("canary", 1, Duration.ZERO),
            wave("main", 3, Duration.ZERO, new Gate.Approval("change-board")));
    RolloutState state = run(plan, started(plan), T0, 3);

    assertThat(patched()).containsExactly("Patch fleet/canary-1");
    assertThat(state.reason()).isEqualTo("waiting for approval by a member of change-board");
    Outcome refused =
        RolloutCommands.approve(plan.rollout(), state, "main", "bob", Set.of("dev"), T0);
    assertThat(refused)
        .isEqualTo(
            new Outcome.Refused(
                "bob may not approve wave 'main': it needs a member of change-board"));
    Outcome approved =
        RolloutCommands.approve(plan.rollout(), state, "main", "ana", Set.of("change-board"), T0);
    state = ((Outcome.Accepted) approved).state();

    state = run(plan, state, T0, 2);

    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThat(
            RolloutCommands.approve(
                plan.rollout(), state, "main", "ana", Set.of("change-board"), T0))
        .isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void anSloThatBurnsWhileTheWaveRunsHaltsItWithTheReason() {
    Gate.SloBurn burn = new Gate.SloBurn("checkout", 6, "1h");
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO, burn));
    RolloutState state = step(plan, started(plan), T0);
    outside.slo = new GateAnswer.Failing("SLO checkout burns at 14.2× over 1h on fleet/main-1");

    state = run(plan, state, T0, 3);

    assertThat(state.phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state.reason()).isEqualTo("SLO checkout burns at 14.2× over 1h on fleet/main-1");
    assertThat(patched()).containsExactly("Patch fleet/main-1");
    assertThat(journal).extracting(RolloutEvent::kind).contains(RolloutEvent.Kind.HALTED);
  }

  @Test
  void anUnknownSloKeepsTheWaveFromStartingAndIsNoFailure() {
    WavePlan plan =
        plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO, new Gate.SloBurn("c", 6, "1h")));
    outside.slo = GateAnswer.held("SLO c is unknown on fleet/main-2: Prometheus does not answer");

    RolloutState state = run(plan, started(plan), T0, 3);

    assertThat(fleet.done).isEmpty();
    assertThat(state.phase()).isEqualTo(RolloutPhase.RUNNING);
    assertThat(state.reason()).contains("Prometheus does not answer");
  }

  @Test
  void aFailureRolledBackRestoresEveryClusterTheRolloutReached() {
    WavePlan plan =
        plan(
            FailurePolicy.ROLLBACK,
            wave("canary", 1, Duration.ZERO),
            wave("main", 2, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);
    assertThat(patched()).hasSize(3);
    fleet.failure.put("fleet/main-2", "node main-2-b did not come back Ready in 10m");

    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(state.reason())
        .isEqualTo("fleet/main-2: node main-2-b did not come back Ready in 10m");
    assertThat(fleet.done.subList(3, fleet.done.size()))
        .containsExactlyInAnyOrder(
            new RolloutAction.Restore("fleet/canary-1", OLD),
            new RolloutAction.Restore("fleet/main-1", OLD),
            new RolloutAction.Restore("fleet/main-2", OLD));
    fleet.failure.clear();

    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(fleet.version).containsEntry("fleet/main-3", OLD).containsEntry("fleet/rest-1", OLD);
    assertThat(fleet.version.values()).containsOnly(OLD);
  }

  @Test
  void aRestoreThatFailsHaltsTheRollBackOnceTheOthersAreRestoredAndMayBeTriedAgain() {
    WavePlan plan =
        plan(
            FailurePolicy.ROLLBACK,
            wave("canary", 1, Duration.ZERO),
            wave("main", 2, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);
    fleet.failure.put("fleet/main-2", "node main-2-b did not come back Ready in 10m");
    state = step(plan, state, T0);
    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    fleet.failure.put("fleet/main-2", "node main-2-b did not come back Ready in 10m, again");

    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLBACK_HALTED);
    assertThat(state.reason())
        .isEqualTo(
            "the roll back could not restore fleet/main-2: node main-2-b did not come back Ready"
                + " in 10m, again; every other cluster is restored");
    assertThat(state.clusters().get("fleet/canary-1").status())
        .isEqualTo(ClusterStep.Status.RESTORED);
    assertThat(step(plan, state, T0)).as("settled: nothing more by itself").isEqualTo(state);

    fleet.failure.clear();
    state = ((Outcome.Accepted) RolloutCommands.rollBack(state, "ana", T0)).state();
    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
  }

  @Test
  void aRollbackAskedForAfterTheRolloutCompletedRestoresEverything() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 3, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);
    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);

    state = ((Outcome.Accepted) RolloutCommands.rollBack(state, "ana", T0)).state();
    state = run(plan, state, T0, 2);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(fleet.version)
        .containsEntry("fleet/main-1", OLD)
        .containsEntry("fleet/main-2", OLD)
        .containsEntry("fleet/main-3", OLD);
  }

  @Test
  void nodesThatGoNotReadyWhileTheWaveSoaksFailIt() {
    WavePlan plan =
        plan(
            FailurePolicy.HALT,
            wave("canary", 1, Duration.ofHours(2), new Gate.Healthy(100)),
            wave("main", 1, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);
    assertThat(state.waveStatus()).isEqualTo(RolloutState.WaveStatus.SOAKING);
    assertThat(state.soakUntil()).contains(T0.plus(Duration.ofHours(2)));

    state = step(plan, state, T0.plus(Duration.ofHours(1)));
    assertThat(state.waveStatus()).isEqualTo(RolloutState.WaveStatus.SOAKING);
    fleet.ready.put("fleet/canary-1", 2);
    state = step(plan, state, T0.plus(Duration.ofMinutes(90)));

    assertThat(state.phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state.reason()).isEqualTo("canary-1 has 66 % of its nodes Ready, below 100 %");
    assertThat(patched()).containsExactly("Patch fleet/canary-1");
  }

  @Test
  void aSoakThatEndsQuietLetsTheNextWaveStart() {
    WavePlan plan =
        plan(
            FailurePolicy.HALT,
            wave("canary", 1, Duration.ofHours(2), new Gate.Healthy(100)),
            wave("main", 1, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);

    state = step(plan, state, T0.plus(Duration.ofHours(2)));

    assertThat(state.wave()).isEqualTo(1);
    assertThat(patched()).containsExactly("Patch fleet/canary-1", "Patch fleet/main-1");
  }

  @Test
  void aPausedRolloutStartsNoClusterButLetsThoseInFlightFinish() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO));
    RolloutState state = step(plan, started(plan), T0);
    state = ((Outcome.Accepted) RolloutCommands.pause(state, "ana", T0)).state();

    state = run(plan, state, T0, 3);

    assertThat(patched()).containsExactly("Patch fleet/main-1");
    assertThat(state.clusters().get("fleet/main-1").status()).isEqualTo(ClusterStep.Status.DONE);
    assertThat(state.phase()).isEqualTo(RolloutPhase.PAUSED);

    state = ((Outcome.Accepted) RolloutCommands.resume(state, "ana", T0)).state();
    state = run(plan, state, T0, 3);

    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);
  }

  @Test
  void aHaltedRolloutResumesOnceTheFailureIsGone() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO));
    RolloutState state = step(plan, started(plan), T0);
    fleet.failure.put("fleet/main-1", "machine main-1-a failed to provision");
    state = step(plan, state, T0);
    assertThat(state.phase()).isEqualTo(RolloutPhase.HALTED);

    fleet.failure.clear();
    state = ((Outcome.Accepted) RolloutCommands.resume(state, "ana", T0)).state();
    state = run(plan, state, T0, 4);

    assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThat(patched()).hasSize(3);
  }

  @Test
  void aClusterThatCannotBeReadIsNotStarted() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("rest", 1, Duration.ZERO));
    fleet.version.remove("fleet/rest-1");

    RolloutState state = run(plan, started(plan), T0, 2);

    assertThat(fleet.done).isEmpty();
    assertThat(state.reason()).isEqualTo("not starting fleet/rest-1: it cannot be read");
  }

  @Test
  void aSoakEndsOnlyAtAStepWhereEveryGateIsOpen() {
    WavePlan plan =
        plan(
            FailurePolicy.HALT,
            wave("canary", 1, Duration.ofHours(1), new Gate.SloBurn("c", 6, "1h")),
            wave("main", 1, Duration.ZERO));
    RolloutState state = run(plan, started(plan), T0, 2);
    assertThat(state.waveStatus()).isEqualTo(RolloutState.WaveStatus.SOAKING);
    outside.slo = GateAnswer.held("SLO c is unknown on fleet/canary-1: Prometheus does not answer");

    state = step(plan, state, T0.plus(Duration.ofHours(2)));

    assertThat(state.waveStatus()).isEqualTo(RolloutState.WaveStatus.SOAKING);
    assertThat(state.reason()).contains("Prometheus does not answer");
    assertThat(patched()).containsExactly("Patch fleet/canary-1");

    outside.slo = GateAnswer.open();
    state = step(plan, state, T0.plus(Duration.ofHours(2)));

    assertThat(patched()).containsExactly("Patch fleet/canary-1", "Patch fleet/main-1");
  }

  @Test
  void aClusterWhoseVersionCannotBeReadIsNotStartedSoARollBackMissesNone() {
    WavePlan plan = plan(FailurePolicy.ROLLBACK, wave("main", 3, Duration.ZERO));
    fleet.versionUnknown.add("fleet/main-2");
    RolloutState state = step(plan, started(plan), T0);
    assertThat(patched()).containsExactly("Patch fleet/main-1", "Patch fleet/main-3");
    assertThat(state.reason())
        .isEqualTo(
            "not starting fleet/main-2: its current version cannot be read, so it could not be"
                + " rolled back");
    fleet.failure.put("fleet/main-3", "node main-3-a did not come back Ready in 10m");

    state = step(plan, state, T0);
    fleet.failure.clear();
    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(fleet.version)
        .containsEntry("fleet/main-1", OLD)
        .containsEntry("fleet/main-2", OLD)
        .containsEntry("fleet/main-3", OLD);
  }

  @Test
  void aRollBackThatCannotRestoreAClusterRestoresTheOthersAndNeverGoesForward() {
    WavePlan plan = plan(FailurePolicy.ROLLBACK, wave("main", 3, Duration.ZERO));
    RolloutState state = step(plan, started(plan), T0);
    // As a store written before versions were kept would hold it.
    state =
        state.cluster(
            "fleet/main-2", new ClusterStep(ClusterStep.Status.PATCHING, Optional.empty(), T0, ""));
    state = ((Outcome.Accepted) RolloutCommands.rollBack(state, "ana", T0)).state();

    state = run(plan, state, T0, 2);

    assertThat(state.phase()).isEqualTo(RolloutPhase.ROLLBACK_HALTED);
    assertThat(state.reason())
        .isEqualTo(
            "cannot roll back fleet/main-2: the version from before is unknown; every other"
                + " cluster is restored");
    assertThat(fleet.version).containsEntry("fleet/main-1", OLD).containsEntry("fleet/main-3", OLD);
    assertThat(RolloutCommands.resume(state, "ana", T0))
        .isEqualTo(
            new Outcome.Refused(
                "rollout kernel is rollback halted: its roll back could not finish; fix the cause"
                    + " and roll back again, never forward"));
    assertThat(RolloutCommands.rollBack(state, "ana", T0)).isInstanceOf(Outcome.Accepted.class);
  }

  @Test
  void aClusterThatFailsWhileTheRolloutIsPausedStillFailsTheWave() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO));
    RolloutState state = step(plan, started(plan), T0);
    state = ((Outcome.Accepted) RolloutCommands.pause(state, "ana", T0)).state();
    fleet.failure.put("fleet/main-1", "machine main-1-a failed to provision");

    state = step(plan, state, T0);

    assertThat(state.phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state.reason()).isEqualTo("fleet/main-1: machine main-1-a failed to provision");
  }

  @Test
  void aClusterThatLeftTheWaveWhileBeingPatchedStillCountsAgainstMaxParallel() {
    WavePlan plan = plan(FailurePolicy.HALT, wave("main", 1, Duration.ZERO));
    RolloutState state = step(plan, started(plan), T0);
    assertThat(patched()).containsExactly("Patch fleet/main-1");
    // main-1 is relabelled away from the wave while its nodes are still being replaced.
    WavePlan relabelled =
        WavePlan.of(
            plan.rollout(),
            List.of(
                cluster("main-1", "elsewhere"),
                cluster("main-2", "main"),
                cluster("main-3", "main")));
    fleet.version.put("fleet/main-1", OLD);

    state = step(relabelled, state, T0);

    assertThat(patched()).containsExactly("Patch fleet/main-1");
    assertThat(state.waveStatus()).isEqualTo(RolloutState.WaveStatus.PATCHING);
  }

  @Test
  void commandsOutOfTurnAreRefusedWithTheRolloutsPhase() {
    RolloutState pending = RolloutState.pending("kernel", T0);

    assertThat(RolloutCommands.pause(pending, "ana", T0))
        .isEqualTo(new Outcome.Refused("rollout kernel is pending: not running"));
    assertThat(RolloutCommands.rollBack(pending, "ana", T0))
        .isEqualTo(new Outcome.Refused("rollout kernel is pending: not started"));
    assertThat(RolloutCommands.resume(pending, "ana", T0)).isInstanceOf(Outcome.Refused.class);
  }
}
