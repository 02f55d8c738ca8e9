package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.domain.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClusterRunsTest {

  private static final Duration DEADLINE = Duration.ofMillis(400);
  private static final Duration GRACE = Duration.ofMillis(300);

  /** What the record phase was given, in order: cluster and outcome word and summary. */
  private final ConcurrentLinkedQueue<String> recorded = new ConcurrentLinkedQueue<>();

  private final ConcurrentLinkedQueue<String> disconnected = new ConcurrentLinkedQueue<>();

  /** How each cluster's plan phase behaves. */
  private final Map<String, Runnable> plans = new java.util.concurrent.ConcurrentHashMap<>();

  private final ClusterWriters writers =
      new ClusterWriters() {
        @Override
        public io.fleetgate.apply.ClusterWriter forCluster(ClusterAccess access, boolean dryRun) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(ClusterAccess access) {
          disconnected.add(access.target().name());
        }
      };

  /** How each cluster's record phase behaves after it has noted the outcome. */
  private final Map<String, Runnable> records = new java.util.concurrent.ConcurrentHashMap<>();

  private ClusterReconciler reconciler;

  private ClusterRuns runs() {
    Phase render = phase("render", scope -> {});
    Phase plan = phase("plan", scope -> plans.getOrDefault(scope.cluster(), () -> {}).run());
    Phase done =
        phase(
            "observe",
            scope -> scope.end(ClusterOutcome.waiting(scope.target(), "done", Instant.EPOCH)));
    Phase record =
        phase(
            "record",
            scope -> {
              recorded.add(scope.cluster() + " " + AuditTrail.summary(scope.outcome));
              records.getOrDefault(scope.cluster(), () -> {}).run();
            });
    reconciler = new ClusterReconciler(List.of(render, plan, done), List.of(render, plan), record);
    return new ClusterRuns(reconciler, writers, DEADLINE, GRACE);
  }

  private static Phase phase(String name, java.util.function.Consumer<ClusterScope> work) {
    return new Phase() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(ClusterScope scope) {
        work.accept(scope);
      }
    };
  }

  private static ClusterScope scope(String cluster) {
    ClusterTarget target = new ClusterTarget("fleet", cluster, Map.of(), ClusterPhase.PROVISIONED);
    return new ClusterScope(
        new ClusterAccess(target, new Kubeconfig("test", "")),
        null,
        new Revision("abc1234def", "dev", Instant.EPOCH, "test"),
        new SyncOptions(Optional.empty(), false, false),
        1);
  }

  private static void sleepUntilInterrupted() {
    try {
      Thread.sleep(Duration.ofMinutes(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Test
  void aReconcileThatHasBegunRecordingIsNeverCutOffNorItsOutcomeReplaced() {
    // Its phases end in time; recording what they did outlasts the deadline and the grace period.
    records.put(
        "slow-records",
        () -> {
          long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
          while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
          }
        });
    ClusterRuns runs = runs();

    List<ClusterOutcome> outcomes =
        runs.reconcileAll(List.of(scope("slow-records")), reconciler::reconcile);

    assertThat(recorded).containsExactly("slow-records waiting: done");
    assertThat(AuditTrail.summary(outcomes.getFirst())).isEqualTo("waiting: done");
    assertThat(disconnected).isEmpty();
  }

  @Test
  void aCutAfterThePhasesEndedLeavesTheirOutcome() {
    ClusterScope scope = scope("finished");
    assertThat(scope.enter("observe")).isTrue();
    scope.end(ClusterOutcome.waiting(scope.target(), "done", Instant.EPOCH));
    scope.endPhases();

    assertThat(scope.cutOff(DEADLINE)).isNull();
    assertThat(scope.deadlinePassed()).isNull();
    assertThat(scope.enter("record")).isFalse();
  }

  @Test
  void aCutNamesThePhaseEnteredAndNoPhaseIsEnteredAfterIt() {
    ClusterScope scope = scope("cut");
    assertThat(scope.enter("plan")).isTrue();

    ClusterOutcome cut = scope.cutOff(DEADLINE);

    assertThat(AuditTrail.summary(cut)).contains("in the plan phase");
    assertThat(scope.enter("apply")).isFalse();
    assertThat(scope.cutOff(DEADLINE)).isSameAs(cut);
  }

  @Test
  void aReconcileWithManyObjectsIsGivenTimeForEachBeforeItIsCutOff() {
    // 20 objects: 50 ms each on top of the 400 ms deadline, 1.4 s in all.
    plans.put(
        "large",
        () -> {
          try {
            Thread.sleep(900);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cut off", e);
          }
        });
    ClusterRuns runs = runs();
    ClusterScope large = scope("large");
    large.budgetFor(20);

    List<ClusterOutcome> outcomes = runs.reconcileAll(List.of(large), reconciler::reconcile);

    assertThat(AuditTrail.summary(outcomes.getFirst())).isEqualTo("waiting: done");
    assertThat(disconnected).isEmpty();
  }

  @Test
  void anErrorInOneClustersPhaseStallsThatClusterAndNeverTheSync() {
    plans.put(
        "exhausted",
        () -> {
          throw new OutOfMemoryError("Java heap space");
        });
    ClusterRuns runs = runs();

    List<ClusterOutcome> outcomes =
        runs.reconcileAll(List.of(scope("exhausted"), scope("healthy")), reconciler::reconcile);

    assertThat(outcomes.get(0)).isInstanceOf(ClusterOutcome.Stalled.class);
    assertThat(AuditTrail.summary(outcomes.get(0)))
        .contains(
            "unexpected error in the plan phase: java.lang.OutOfMemoryError: Java heap space");
    assertThat(outcomes.get(1).word()).isEqualTo("waiting");
    assertThat(recorded).hasSize(2);
  }

  @Test
  void aHungClusterIsCutOffAtItsDeadlineWhileTheOthersFinish() {
    plans.put("frozen", ClusterRunsTest::sleepUntilInterrupted);
    ClusterRuns runs = runs();
    long started = System.nanoTime();

    List<ClusterOutcome> outcomes =
        runs.reconcileAll(List.of(scope("frozen"), scope("healthy")), reconciler::reconcile);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(DEADLINE.plus(GRACE));
    assertThat(outcomes.get(0)).isInstanceOf(ClusterOutcome.Unreachable.class);
    assertThat(((ClusterOutcome.Unreachable) outcomes.get(0)).reason())
        .isEqualTo(
            "the reconcile passed its deadline of 400 ms in the plan phase; its calls to the"
                + " cluster were cut off");
    assertThat(outcomes.get(1).word()).isEqualTo("waiting");
    assertThat(disconnected).containsExactly("frozen");
    assertThat(recorded)
        .containsExactlyInAnyOrder(
            "frozen unreachable: the reconcile passed its deadline of 400 ms in the plan phase;"
                + " its calls to the cluster were cut off; trying again in 30 s",
            "healthy waiting: done");
  }

  @Test
  void aReconcileThatIgnoresTheCutOffIsRecordedWithoutItAndNotStartedAgainUntilItEnds()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    plans.put(
        "stuck",
        () -> {
          boolean interrupted = false;
          while (true) {
            try {
              release.await();
              break;
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          ended.countDown();
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        });
    ClusterRuns runs = runs();
    long started = System.nanoTime();

    List<ClusterOutcome> first = runs.reconcileAll(List.of(scope("stuck")), reconciler::reconcile);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(DEADLINE.plus(GRACE).plusMillis(200));
    assertThat(first.getFirst().word()).isEqualTo("unreachable");
    assertThat(recorded).hasSize(1);

    List<ClusterOutcome> second = runs.reconcileAll(List.of(scope("stuck")), reconciler::reconcile);
    assertThat(((ClusterOutcome.Unreachable) second.getFirst()).reason())
        .contains("an earlier reconcile, cut off at its deadline of 400 ms, has not ended yet");
    assertThat(recorded).hasSize(2);

    release.countDown();
    assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    // The left-behind reconcile ends without recording a second outcome for the first sync.
    Thread.sleep(200);
    assertThat(recorded).hasSize(2);

    plans.remove("stuck");
    List<ClusterOutcome> third = runs.reconcileAll(List.of(scope("stuck")), reconciler::reconcile);
    assertThat(third.getFirst().word()).isEqualTo("waiting");
    assertThat(recorded).hasSize(3).last().isEqualTo("stuck waiting: done");
  }

  @Test
  void aDeadlinePassedInFleetgatesOwnWorkStallsInsteadOfBlamingTheCluster() {
    Phase slowRender = phase("render", scope -> sleepUntilInterrupted());
    Phase record =
        phase("record", scope -> recorded.add(scope.cluster() + " " + scope.outcome.word()));
    reconciler = new ClusterReconciler(List.of(slowRender), List.of(slowRender), record);
    ClusterRuns runs = new ClusterRuns(reconciler, writers, DEADLINE, GRACE);

    List<ClusterOutcome> outcomes =
        runs.reconcileAll(List.of(scope("beijing-prod")), reconciler::reconcile);

    assertThat(outcomes.getFirst()).isInstanceOf(ClusterOutcome.Stalled.class);
    assertThat(((ClusterOutcome.Stalled) outcomes.getFirst()).reason())
        .isEqualTo(
            "the reconcile passed its deadline of 400 ms in the render phase; nothing was applied");
    assertThat(recorded).containsExactly("beijing-prod stalled");
  }
}
