package io.fleetgate.rollout.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeReadiness;
import io.fleetgate.patch.NodeSource;
import io.fleetgate.rollout.ClusterStep;
import io.fleetgate.rollout.FailurePolicy;
import io.fleetgate.rollout.Gate;
import io.fleetgate.rollout.GateAnswer;
import io.fleetgate.rollout.GateSource;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.rollout.RolloutState;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.Wave;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runner's own rules over the ports: the order of save and write, a restart between them, a
 * command that lands during a step, a target changed while running, and a write another tool
 * refuses. Clusters here take their declared levels at once; the sandbox ITs run the real thing.
 */
class RolloutRunnerTest {

  private static final RolloutTarget OLD = kubernetes("v1.34.3");
  private static final RolloutTarget NEW = kubernetes("v1.34.4");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

  private static RolloutTarget kubernetes(String version) {
    return new RolloutTarget(Optional.of(version), Optional.empty(), Optional.empty());
  }

  /** Clusters whose nodes take what their objects declare, and a log of writes. */
  private static final class Fleet implements ClusterLevels, NodeSource {
    final Map<String, RolloutTarget> declared = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    final Map<String, String> refuse = new HashMap<>();
    boolean crashOnWrite;

    @Override
    public Declared read(ClusterTarget cluster, RolloutTarget parts) {
      return new Declared.Read(declared.getOrDefault(cluster.qualifiedName(), OLD));
    }

    @Override
    public Written write(ClusterTarget cluster, RolloutTarget levels, int maxUnavailableNodes) {
      if (crashOnWrite) {
        throw new IllegalStateException("the process died here");
      }
      writes.add(cluster.qualifiedName() + " " + levels.describe());
      if (refuse.containsKey(cluster.qualifiedName())) {
        return new Written.Conflict(refuse.get(cluster.qualifiedName()));
      }
      declared.put(cluster.qualifiedName(), levels);
      return new Written.Applied();
    }

    @Override
    public NodeListing read(ClusterAccess access) {
      String cluster = access.target().qualifiedName();
      String version = declared.getOrDefault(cluster, OLD).kubernetesVersion().orElseThrow();
      return new NodeListing.Listed(
          cluster,
          List.of(
              new NodePatchLevel(
                  cluster, "n1", version, "k", "os", "rt", NodeReadiness.READY, true)));
    }
  }

  /** Records kept in memory the way the SQLite adapter keeps them: versioned, with audit rows. */
  private static final class Records implements RolloutRecords {
    final Map<String, Stored> stored = new HashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();
    Runnable beforeSave = () -> {};

    @Override
    public Optional<Stored> load(String rollout) {
      return Optional.ofNullable(stored.get(rollout));
    }

    @Override
    public boolean save(RolloutState state, String target, long version, List<AuditEvent> events) {
      Runnable hook = beforeSave;
      beforeSave = () -> {};
      hook.run();
      long now = stored.containsKey(state.rollout()) ? stored.get(state.rollout()).version() : 0;
      if (now != version) {
        return false;
      }
      stored.put(state.rollout(), new Stored(state, target, version + 1));
      audit.addAll(events);
      return true;
    }

    @Override
    public List<Stored> all() {
      return List.copyOf(stored.values());
    }

    @Override
    public List<Step> recent(String rollout, int limit) {
      return List.of();
    }
  }

  private static final GateSource OPEN =
      new GateSource() {
        @Override
        public GateAnswer sloBurn(Gate.SloBurn gate, List<String> clusters) {
          return new GateAnswer.Open();
        }

        @Override
        public GateAnswer policyDenials(List<String> clusters) {
          return new GateAnswer.Open();
        }
      };

  private final Fleet fleet = new Fleet();
  private final Records records = new Records();

  private static ClusterAccess cluster(String name, String wave) {
    return new ClusterAccess(
        new ClusterTarget("fleet", name, Map.of("wave", wave), ClusterPhase.PROVISIONED),
        new Kubeconfig("test", "unused"));
  }

  private static PatchRollout rollout(RolloutTarget target, FailurePolicy onFailure) {
    return new PatchRollout(
        "kubelet",
        target,
        List.of(wave("canary"), wave("main")),
        onFailure,
        SourceLocation.file("rollouts/kubelet.yaml"));
  }

  private static Wave wave(String name) {
    return new Wave(
        name,
        Wave.Clusters.selected(new LabelSelector(Map.of("wave", name), List.of()), "test"),
        2,
        1,
        Duration.ZERO,
        List.of(),
        SourceLocation.file("rollouts/kubelet.yaml"));
  }

  private static RolloutRunner.Fleet fleetOf(PatchRollout rollout) {
    return new RolloutRunner.Fleet(
        new RolloutCatalog(List.of(rollout), List.of()),
        List.of(
            cluster("canary-1", "canary"), cluster("main-1", "main"), cluster("main-2", "main")),
        OPEN,
        "abc123");
  }

  private RolloutRunner runner() {
    return new RolloutRunner(fleet, fleet, records, CLOCK, Duration.ofMinutes(10));
  }

  private RolloutState state() {
    return records.load("kubelet").orElseThrow().state();
  }

  @Test
  void aRolloutStartedByCommandCompletesWaveByWaveAndWritesOnlyTheClustersItStarts() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner runner = runner();
    assertThat(runner.tick(now)).as("nothing runs before someone starts it").isEmpty();

    assertThat(runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of()))
        .isInstanceOf(RolloutRunner.CommandOutcome.Done.class);
    runner.tick(now);
    assertThat(fleet.writes).containsExactly("fleet/canary-1 Kubernetes v1.34.4");
    for (int i = 0; i < 4; i++) {
      runner.tick(now);
    }

    assertThat(state().phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThat(fleet.writes)
        .containsExactly(
            "fleet/canary-1 Kubernetes v1.34.4",
            "fleet/main-1 Kubernetes v1.34.4",
            "fleet/main-2 Kubernetes v1.34.4");
    assertThat(state().clusters().get("fleet/main-1").previous()).hasValue(OLD);
    assertThat(records.audit)
        .extracting(AuditEvent::kind)
        .startsWith("rollout.started", "rollout.wave_started", "rollout.cluster_patching")
        .endsWith("rollout.completed");
    assertThat(records.audit).allSatisfy(e -> assertThat(e.commit()).isEqualTo("abc123"));
    assertThat(records.load("kubelet").orElseThrow().target())
        .startsWith("Kubernetes v1.34.4\nwave canary");
  }

  @Test
  void theWaveAfterOneThatFinishesStartsItsClustersInTheSameStep() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner runner = runner();
    runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    runner.tick(now);
    assertThat(fleet.writes).containsExactly("fleet/canary-1 Kubernetes v1.34.4");

    runner.tick(now);

    assertThat(fleet.writes)
        .as("the canary finished in this step: the next wave's clusters are written in it too")
        .containsExactly(
            "fleet/canary-1 Kubernetes v1.34.4",
            "fleet/main-1 Kubernetes v1.34.4",
            "fleet/main-2 Kubernetes v1.34.4");
    assertThat(state().wave()).isEqualTo(1);
    assertThat(state().clusters().get("fleet/main-1").status())
        .isEqualTo(ClusterStep.Status.PATCHING);
    assertThat(state().clusters().get("fleet/main-1").previous()).hasValue(OLD);
    assertThat(records.audit)
        .extracting(AuditEvent::kind)
        .containsSubsequence(
            "rollout.cluster_done",
            "rollout.wave_done",
            "rollout.wave_started",
            "rollout.cluster_patching",
            "rollout.cluster_patching");
  }

  @Test
  void aRestartBetweenSavingAStepAndWritingItsLevelsWritesThemOnTheFirstStepAfter() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner before = runner();
    before.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    fleet.crashOnWrite = true;
    try {
      before.tick(now);
    } catch (IllegalStateException died) {
      // The write never happened; the step was saved.
    }
    assertThat(state().clusters().get("fleet/canary-1").status())
        .isEqualTo(ClusterStep.Status.PATCHING);
    assertThat(fleet.writes).isEmpty();

    fleet.crashOnWrite = false;
    RolloutRunner after = runner();
    after.tick(now);

    assertThat(fleet.writes).containsExactly("fleet/canary-1 Kubernetes v1.34.4");
  }

  @Test
  void aCommandThatLandsDuringAStepWinsAndTheStepWritesNothing() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner runner = runner();
    runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    records.beforeSave =
        () -> runner.command(now, "kubelet", RolloutRunner.Command.PAUSE, "bob", Set.of());

    runner.tick(now);

    assertThat(state().phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(state().clusters()).isEmpty();
    assertThat(fleet.writes).isEmpty();
  }

  @Test
  void aTargetChangedInTheRepositoryWhileRunningHaltsTheRolloutAndResumesOnlyOnceRestored() {
    RolloutRunner runner = runner();
    RolloutRunner.Fleet first = fleetOf(rollout(NEW, FailurePolicy.HALT));
    runner.command(first, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    runner.tick(first);
    RolloutRunner.Fleet changed = fleetOf(rollout(kubernetes("v1.35.0"), FailurePolicy.HALT));

    runner.tick(changed);

    assertThat(state().phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state().reason())
        .isEqualTo(
            "its target changed in the config repository from Kubernetes v1.34.4 to Kubernetes"
                + " v1.35.0 while it ran; restore it, or roll the rollout back");
    assertThat(fleet.writes).containsExactly("fleet/canary-1 Kubernetes v1.34.4");
    assertThat(runner.command(changed, "kubelet", RolloutRunner.Command.RESUME, "ana", Set.of()))
        .as("resuming would leave done clusters on the old target")
        .isInstanceOf(RolloutRunner.CommandOutcome.Refused.class);

    runner.command(first, "kubelet", RolloutRunner.Command.RESUME, "ana", Set.of());
    runner.tick(first);
    assertThat(state().phase()).isEqualTo(RolloutPhase.RUNNING);
  }

  @Test
  void wavesReorderedInTheRepositoryWhileRunningHaltTheRolloutInsteadOfSkippingAWave() {
    RolloutRunner runner = runner();
    RolloutRunner.Fleet first = fleetOf(rollout(NEW, FailurePolicy.HALT));
    runner.command(first, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    runner.tick(first);
    runner.tick(first);
    assertThat(state().wave()).isEqualTo(1);
    PatchRollout reordered =
        new PatchRollout(
            "kubelet",
            NEW,
            List.of(wave("main"), wave("canary")),
            FailurePolicy.HALT,
            SourceLocation.file("rollouts/kubelet.yaml"));

    runner.tick(fleetOf(reordered));

    assertThat(state().phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state().reason()).startsWith("its waves changed in the config repository");
  }

  @Test
  void aRolloutWhoseFileIsGoneMidWaveHaltsStaysOnTheBoardAndCanBeRolledBack() {
    RolloutRunner runner = runner();
    RolloutRunner.Fleet first = fleetOf(rollout(NEW, FailurePolicy.HALT));
    runner.command(first, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    runner.tick(first);
    RolloutRunner.Fleet gone =
        new RolloutRunner.Fleet(
            new RolloutCatalog(List.of(), List.of()), first.clusters(), OPEN, "def456");

    runner.tick(gone);

    assertThat(state().phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state().reason())
        .startsWith("its file is gone from the config repository at def456");
    assertThat(runner.command(gone, "kubelet", RolloutRunner.Command.ROLLBACK, "ana", Set.of()))
        .isInstanceOf(RolloutRunner.CommandOutcome.Done.class);
    runner.tick(gone);
    runner.tick(gone);
    assertThat(state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(fleet.declared.values()).containsOnly(OLD);
  }

  @Test
  void twoRolloutsNeverTakeTurnsOnOneCluster() {
    RolloutRunner runner = runner();
    PatchRollout a = rollout(NEW, FailurePolicy.HALT);
    PatchRollout b =
        new PatchRollout(
            "kubelet-next",
            kubernetes("v1.35.0"),
            List.of(wave("canary")),
            FailurePolicy.HALT,
            SourceLocation.file("rollouts/next.yaml"));
    RolloutRunner.Fleet both =
        new RolloutRunner.Fleet(
            new RolloutCatalog(List.of(a, b), List.of()), fleetOf(a).clusters(), OPEN, "abc123");
    runner.command(both, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    runner.tick(both);
    runner.command(both, "kubelet-next", RolloutRunner.Command.START, "bob", Set.of());
    runner.command(both, "kubelet", RolloutRunner.Command.PAUSE, "ana", Set.of());

    for (int i = 0; i < 4; i++) {
      runner.tick(both);
    }

    assertThat(fleet.writes).containsExactly("fleet/canary-1 Kubernetes v1.34.4");
    assertThat(records.load("kubelet-next").orElseThrow().state().reason())
        .isEqualTo(
            "not starting fleet/canary-1: rollout kubelet is changing it; it starts once that one"
                + " is done with it");
  }

  @Test
  void anApprovalForAWaveTheRolloutHasLeftIsRefused() {
    Wave gated =
        new Wave(
            "main",
            Wave.Clusters.selected(new LabelSelector(Map.of("wave", "main"), List.of()), "test"),
            2,
            1,
            Duration.ZERO,
            List.of(new Gate.Approval("qa")),
            SourceLocation.file("rollouts/kubelet.yaml"));
    PatchRollout rollout =
        new PatchRollout(
            "kubelet",
            NEW,
            List.of(wave("canary"), gated),
            FailurePolicy.HALT,
            SourceLocation.file("rollouts/kubelet.yaml"));
    RolloutRunner.Fleet now = fleetOf(rollout);
    RolloutRunner runner = runner();
    runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());

    assertThat(
            runner.command(
                now,
                "kubelet",
                RolloutRunner.Command.APPROVE,
                Optional.of("main"),
                "bob",
                Set.of("qa")))
        .isInstanceOfSatisfying(
            RolloutRunner.CommandOutcome.Refused.class,
            r ->
                assertThat(r.reason())
                    .isEqualTo(
                        "wave 'main' of rollout kubelet is not the current one ('canary' is);"
                            + " look at the board again before approving"));
  }

  @Test
  void aWriteAnotherToolRefusesFailsTheClusterAndHaltsWithItsReason() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    fleet.refuse.put("fleet/canary-1", "argocd-controller (server-side apply) applies these too");
    RolloutRunner runner = runner();
    runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());

    runner.tick(now);
    runner.tick(now);

    assertThat(state().phase()).isEqualTo(RolloutPhase.HALTED);
    assertThat(state().reason())
        .isEqualTo("fleet/canary-1: argocd-controller (server-side apply) applies these too");
    assertThat(state().clusters().get("fleet/canary-1").status())
        .isEqualTo(ClusterStep.Status.FAILED);
  }

  @Test
  void aRollBackWritesEveryReachedClusterBackToWhatItDeclaredBefore() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner runner = runner();
    runner.command(now, "kubelet", RolloutRunner.Command.START, "ana", Set.of());
    for (int i = 0; i < 5; i++) {
      runner.tick(now);
    }
    assertThat(state().phase()).isEqualTo(RolloutPhase.COMPLETED);

    runner.command(now, "kubelet", RolloutRunner.Command.ROLLBACK, "ana", Set.of());
    for (int i = 0; i < 3; i++) {
      runner.tick(now);
    }

    assertThat(state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(fleet.declared.values()).containsOnly(OLD);
  }

  @Test
  void anUnknownRolloutAndACommandOutOfTurnAreAnsweredNotThrown() {
    RolloutRunner.Fleet now = fleetOf(rollout(NEW, FailurePolicy.HALT));
    RolloutRunner runner = runner();

    assertThat(runner.command(now, "nope", RolloutRunner.Command.START, "ana", Set.of()))
        .isEqualTo(
            new RolloutRunner.CommandOutcome.Unknown(
                "no rollout 'nope' at the synced revision; rollouts: kubelet"));
    assertThat(runner.command(now, "kubelet", RolloutRunner.Command.PAUSE, "ana", Set.of()))
        .isInstanceOfSatisfying(
            RolloutRunner.CommandOutcome.Refused.class,
            r -> assertThat(r.reason()).isEqualTo("rollout kubelet is pending: not running"));
  }
}
