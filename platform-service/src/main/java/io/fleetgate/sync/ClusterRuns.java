package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every targeted cluster's reconcile on its own virtual thread and holds each to the reconcile
 * deadline, plus an allowance for each object rendered for its cluster ({@link
 * ClusterScope#budgetFor}). A reconcile past it is cut off: its outcome becomes the deadline's, its
 * thread is interrupted and its connections are closed, so a call waiting on a frozen server fails
 * at once. One that still has not ended a grace period later is left behind — its outcome is
 * recorded without it — and the next sync does not start that cluster again until it has ended, so
 * a hung cluster never holds the others, the run or the next one.
 */
final class ClusterRuns {

  private static final Logger log = LoggerFactory.getLogger(ClusterRuns.class);

  /** How long a cut-off reconcile is given to end and record its outcome itself. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final ClusterReconciler reconciler;
  private final ClusterWriters writers;
  private final Duration deadline;
  private final Duration grace;

  /** Clusters whose reconcile thread is still running, from this sync or an earlier one. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  ClusterRuns(
      ClusterReconciler reconciler, ClusterWriters writers, Duration deadline, Duration grace) {
    this.reconciler = reconciler;
    this.writers = writers;
    this.deadline = deadline;
    this.grace = grace;
  }

  /** One cluster's reconcile in flight. */
  private record Run(ClusterScope scope, Thread thread, CompletableFuture<ClusterOutcome> done) {

    /**
     * Waits for the reconcile until its budget, counted from {@code startedAt}, is spent; the
     * budget grows once its objects are rendered, so the wait is taken up again until it stops
     * growing.
     */
    boolean awaitBudget(long startedAt, Duration deadline) {
      while (true) {
        long due = startedAt + scope.budget(deadline).toNanos();
        if (awaitUntil(due)) {
          return true;
        }
        if (System.nanoTime() - (startedAt + scope.budget(deadline).toNanos()) >= 0) {
          return false;
        }
      }
    }

    boolean awaitUntil(long nanoTime) {
      try {
        done.get(Math.max(0, nanoTime - System.nanoTime()), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while syncing the fleet", e);
      }
    }

    ClusterOutcome outcome() {
      try {
        return done.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw new IllegalStateException(
            "A cluster sync failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * Reconciles the scopes side by side and returns their outcomes, in the scopes' order, no later
   * than the deadline plus the grace period after it starts.
   *
   * @param reconcile one cluster's reconcile, recording included
   */
  List<ClusterOutcome> reconcileAll(
      List<ClusterScope> scopes, Function<ClusterScope, ClusterOutcome> reconcile) {
    long startedAt = System.nanoTime();
    List<Object> started = new ArrayList<>(scopes.size());
    for (ClusterScope scope : scopes) {
      started.add(start(scope, reconcile));
    }
    List<Run> cutOff = new ArrayList<>();
    for (Object entry : started) {
      if (entry instanceof Run run && !run.awaitBudget(startedAt, deadline)) {
        cut(run);
        cutOff.add(run);
      }
    }
    long graceAt = System.nanoTime() + grace.toNanos();
    List<ClusterOutcome> outcomes = new ArrayList<>(scopes.size());
    for (Object entry : started) {
      outcomes.add(
          switch (entry) {
            case Run run when cutOff.contains(run) && !run.awaitUntil(graceAt) -> leaveBehind(run);
            case Run run -> run.outcome();
            case ClusterOutcome notStarted -> notStarted;
            default -> throw new IllegalStateException("unexpected " + entry);
          });
    }
    return outcomes;
  }

  /**
   * Starts the scope's reconcile, or records why it is not started: the last one is still ending.
   */
  private Object start(ClusterScope scope, Function<ClusterScope, ClusterOutcome> reconcile) {
    if (!running.add(scope.key())) {
      ClusterOutcome outcome =
          ClusterOutcome.unreachable(
              scope.target(),
              "an earlier reconcile, cut off at its deadline of "
                  + io.fleetgate.domain.Deadlines.display(deadline)
                  + ", has not ended yet; not started again until it has",
              PlanPhase.RETRY_UNREACHABLE);
      scope.claimRecord();
      reconciler.recordOnly(scope, outcome);
      return outcome;
    }
    CompletableFuture<ClusterOutcome> done = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("reconcile-" + scope.cluster())
            .unstarted(
                () -> {
                  try {
                    done.complete(reconcile.apply(scope));
                  } catch (Throwable t) {
                    done.completeExceptionally(t);
                  } finally {
                    running.remove(scope.key());
                  }
                });
    thread.start();
    return new Run(scope, thread, done);
  }

  /** Cuts the reconcile off: its outcome is now the deadline's, and its waits end. */
  private void cut(Run run) {
    ClusterOutcome outcome = run.scope().cutOff(deadline);
    if (outcome == null) {
      // Its phases ended in time and it is recording what they did: that outcome stands.
      log.info("{}: past its deadline while recording; not cut off", run.scope().cluster());
      return;
    }
    log.warn("{}: cutting off: {}", run.scope().cluster(), AuditTrail.summary(outcome));
    run.thread().interrupt();
    writers.disconnect(run.scope().access);
  }

  /** Records the deadline's outcome for a reconcile that did not end within the grace period. */
  private ClusterOutcome leaveBehind(Run run) {
    ClusterScope scope = run.scope();
    ClusterOutcome outcome = scope.deadlinePassed();
    if (outcome == null) {
      // Not cut off: still recording its own outcome, which it records itself when done.
      log.warn(
          "{}: still recording {} after its deadline; not started again until it has ended",
          scope.cluster(),
          io.fleetgate.domain.Deadlines.display(grace));
      return scope.outcome;
    }
    log.warn(
        "{}: the cut-off reconcile has not ended {} after its deadline; recording without it",
        scope.cluster(),
        io.fleetgate.domain.Deadlines.display(grace));
    if (scope.claimRecord()) {
      reconciler.recordOnly(
          new ClusterScope(scope.access, scope.repo, scope.revision, scope.options, scope.run),
          outcome);
    }
    return outcome;
  }
}
