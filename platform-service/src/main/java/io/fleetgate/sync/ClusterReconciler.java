package io.fleetgate.sync;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One cluster's reconcile as named phases over one scope: render → validate → plan → apply →
 * observe, then record in a {@code finally}. A phase ends the reconcile early by setting the
 * outcome; nothing one cluster does can throw into another's.
 */
final class ClusterReconciler {

  private static final Logger log = LoggerFactory.getLogger(ClusterReconciler.class);

  private final List<Phase> phases;
  private final List<Phase> planning;
  private final Phase record;

  /**
   * @param phases every phase up to the outcome, in order
   * @param planning the prefix of {@code phases} that plans without writing (for previews)
   */
  ClusterReconciler(List<Phase> phases, List<Phase> planning, Phase record) {
    this.phases = List.copyOf(phases);
    this.planning = List.copyOf(planning);
    this.record = record;
  }

  ClusterOutcome reconcile(ClusterScope scope) {
    MDC.put("cluster", scope.cluster());
    MDC.put("revision", scope.revision.shortCommit());
    String current = "";
    try {
      for (Phase phase : phases) {
        if (!scope.enter(phase.name())) {
          break;
        }
        current = phase.name();
        timed(phase, scope);
        if (scope.ended()) {
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      // An Error (a policy that ran the heap out, say) ends this cluster's reconcile, never the
      // sync.
      if (scope.deadlinePassed() == null) {
        log.error("Sync of {} failed unexpectedly in {}", scope.cluster(), current, e);
        scope.end(
            ClusterOutcome.stalled(
                scope.target(),
                "unexpected error in the "
                    + current
                    + " phase: "
                    + (e instanceof Error ? e.toString() : e.getMessage())));
      }
    } finally {
      if (scope.outcome == null) {
        scope.end(
            ClusterOutcome.stalled(
                scope.target(), "the " + current + " phase ended without an outcome"));
      }
      // From here the outcome stands: a deadline passing now no longer cuts the reconcile off.
      scope.endPhases();
      ClusterOutcome deadline = scope.deadlinePassed();
      if (deadline != null) {
        // Whatever the cut-off phase concluded from its cancelled calls is not an outcome.
        Thread.interrupted();
        scope.end(deadline);
      }
      try {
        if (scope.claimRecord()) {
          timed(record, scope);
        }
      } catch (RuntimeException | Error e) {
        // The outcome stands; one cluster's records failing never costs the others theirs.
        log.error("Recording the sync of {} failed", scope.cluster(), e);
      } finally {
        MDC.remove("cluster");
      }
    }
    log.info(
        "{}: {} ({})", scope.cluster(), scope.outcome.word(), AuditTrail.summary(scope.outcome));
    return scope.outcome;
  }

  /** Runs the phase, timing it as {@code fleetgate.reconcile.phase} tagged with its name. */
  private static void timed(Phase phase, ClusterScope scope) {
    long started = System.nanoTime();
    try {
      phase.run(scope);
    } finally {
      Timer.builder("fleetgate.reconcile.phase")
          .description("One phase of reconciling one cluster")
          .tag("phase", phase.name())
          .register(Metrics.globalRegistry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Records an outcome decided without the reconcile — one cut off at its deadline that did not end
   * in time, or one not started because an earlier one is still ending — in a scope of its own. The
   * caller holds the claim to record ({@link ClusterScope#claimRecord()}) of the reconcile this
   * stands for.
   */
  void recordOnly(ClusterScope scope, ClusterOutcome outcome) {
    scope.end(outcome);
    MDC.put("cluster", scope.cluster());
    try {
      timed(record, scope);
    } catch (RuntimeException e) {
      log.error("Recording the sync of {} failed", scope.cluster(), e);
    } finally {
      MDC.remove("cluster");
    }
    log.info("{}: {} ({})", scope.cluster(), outcome.word(), AuditTrail.summary(outcome));
  }

  /**
   * Runs the planning phases that ask the cluster ({@code onCluster}), or those that do not
   * (render, validate: they read the working copy); the scope then holds the plan, or the outcome
   * that ended it. A scope cut off at its deadline runs no further phase.
   */
  void plan(ClusterScope scope, boolean onCluster) {
    for (Phase phase : planning) {
      if (ClusterScope.asksTheCluster(phase.name()) != onCluster) {
        continue;
      }
      if (scope.ended() || !scope.enter(phase.name())) {
        return;
      }
      phase.run(scope);
    }
  }
}
