package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.Observation;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Revision;
import io.fleetgate.plan.SyncPlan;
import io.fleetgate.policy.GateResult;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.RenderResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One cluster's reconcile on this run: what it was given, and what each phase found and decided.
 * Every field is filled by this run's phases; nothing carries over from an earlier run.
 */
final class ClusterScope {

  final ClusterAccess access;
  final LoadedRepo repo;
  final Revision revision;
  final SyncOptions options;

  /** The run this reconcile belongs to; 0 for a dry run, which records nothing. */
  final long run;

  RenderResult render;
  GateResult gate;
  ClusterWriter writer;
  SyncPlan plan;

  List<ObjectResult> results = List.of();
  Observation observation = Observation.NONE;

  /**
   * Set by the phase that ends the reconcile (or by the last one); read by the thread that holds
   * the reconcile to its deadline when it is left behind.
   */
  volatile ClusterOutcome outcome;

  /** The phases that talk to the cluster: a deadline passed in one of them is the cluster's. */
  private static final Set<String> CLUSTER_PHASES = Set.of("plan", "apply", "observe");

  /**
   * What a reconcile is given beyond the reconcile deadline for each object rendered for its
   * cluster: about three calls an object (inspect, apply, observe) at the 80 calls a second that 16
   * calls in flight reach over 200 ms of latency, with room to spare. 10,000 objects add 8 min 20 s
   * to the 5 min default.
   */
  static final Duration PER_OBJECT = Duration.ofMillis(50);

  /** The longest any reconcile is given, however many objects it has: the deadline's own bound. */
  static final Duration MAX_BUDGET = Duration.ofHours(6);

  private volatile int objects;

  /**
   * Sets the reconcile's budget for the objects rendered for its cluster: the deadline plus {@link
   * #PER_OBJECT} for each, so that a large cluster behind a slow link is not cut off in the middle
   * of its apply while a frozen one still is.
   */
  void budgetFor(int objects) {
    this.objects = Math.max(0, objects);
  }

  /** How long this reconcile may take, given the reconcile deadline. */
  Duration budget(Duration deadline) {
    Duration budget = deadline.plus(PER_OBJECT.multipliedBy(objects));
    return budget.compareTo(MAX_BUDGET) > 0 ? MAX_BUDGET : budget;
  }

  /**
   * The budget as a reason names it: the deadline, and the allowance for objects when there is one.
   */
  private String describeBudget(Duration deadline) {
    String base = io.fleetgate.domain.Deadlines.display(deadline);
    if (objects == 0) {
      return base;
    }
    return io.fleetgate.domain.Deadlines.display(budget(deadline))
        + " ("
        + base
        + " and "
        + io.fleetgate.domain.Deadlines.display(PER_OBJECT)
        + " for each of its "
        + objects
        + " objects)";
  }

  /** Whether the phase talks to the cluster: a deadline passed in it is the cluster's. */
  static boolean asksTheCluster(String phase) {
    return CLUSTER_PHASES.contains(phase);
  }

  /**
   * Where the reconcile is, changed in one atomic step each: in a phase, cut off in one, or past
   * its phases (recording). A cut and the next phase, or the end of the phases, race for the same
   * state, so a cut names the phase it stopped, no phase starts after it, and none lands once the
   * outcome stands.
   */
  private sealed interface State {}

  private record InPhase(String phase) implements State {}

  private record CutOff(ClusterOutcome outcome) implements State {}

  private record PhasesEnded() implements State {}

  private final AtomicReference<State> state = new AtomicReference<>(new InPhase("render"));

  /**
   * Enters the phase, unless the reconcile was cut off (or its phases ended) first.
   *
   * @return whether the phase may run
   */
  boolean enter(String phase) {
    while (true) {
      State now = state.get();
      if (!(now instanceof InPhase)) {
        return false;
      }
      if (state.compareAndSet(now, new InPhase(phase))) {
        return true;
      }
    }
  }

  /**
   * Ends the phases: from now on the reconcile's outcome stands, and a deadline passing no longer
   * cuts it off. Does nothing when it was cut off first.
   */
  void endPhases() {
    State now = state.get();
    if (now instanceof InPhase) {
      state.compareAndSet(now, new PhasesEnded());
    }
  }

  /** The phase running now, for tests and logs; empty once the phases ended. */
  String phase() {
    return state.get() instanceof InPhase in ? in.phase() : "";
  }

  private final AtomicBoolean recordClaimed = new AtomicBoolean();

  ClusterScope(
      ClusterAccess access, LoadedRepo repo, Revision revision, SyncOptions options, long run) {
    this.access = access;
    this.repo = repo;
    this.revision = revision;
    this.options = options;
    this.run = run;
  }

  /** The cluster's name, as logs, events and the audit log show it. */
  String cluster() {
    return access.target().name();
  }

  ClusterTarget target() {
    return access.target();
  }

  /** The cluster's identity in records: {@code namespace/name}. */
  String key() {
    return access.target().qualifiedName();
  }

  boolean recording() {
    return !options.dryRun();
  }

  boolean ended() {
    return outcome != null;
  }

  void end(ClusterOutcome outcome) {
    this.outcome = outcome;
  }

  /**
   * Marks the reconcile as past its deadline, in the phase it is in now: its phases stop at the
   * next boundary and its outcome becomes the deadline's — unreachable when the cluster was being
   * asked (plan, apply, observe; tried again later), stalled when Fleetgate's own work overran.
   *
   * @return the deadline's outcome, or null when the phases had already ended: the reconcile's own
   *     outcome stands and it is being recorded, never cut off
   */
  ClusterOutcome cutOff(Duration deadline) {
    while (true) {
      State now = state.get();
      switch (now) {
        case CutOff cut -> {
          return cut.outcome();
        }
        case PhasesEnded ended -> {
          return null;
        }
        case InPhase in -> {
          if (state.compareAndSet(now, new CutOff(deadlineOutcome(deadline, in.phase())))) {
            return ((CutOff) state.get()).outcome();
          }
        }
      }
    }
  }

  private ClusterOutcome deadlineOutcome(Duration deadline, String in) {
    String reason =
        "the reconcile passed its deadline of "
            + describeBudget(deadline)
            + " in the "
            + in
            + " phase";
    ClusterOutcome outcome =
        CLUSTER_PHASES.contains(in)
            ? ClusterOutcome.unreachable(
                target(),
                reason + "; its calls to the cluster were cut off",
                PlanPhase.RETRY_UNREACHABLE)
            : ClusterOutcome.stalled(target(), reason + "; nothing was applied");
    return outcome;
  }

  /** The deadline's outcome when the reconcile was cut off, or null. */
  ClusterOutcome deadlinePassed() {
    return state.get() instanceof CutOff cut ? cut.outcome() : null;
  }

  /**
   * Claims the recording of this reconcile's outcome: true once, for whichever thread asks first —
   * the reconcile's own, or the one that gives up waiting for it — so it is recorded exactly once.
   */
  boolean claimRecord() {
    return recordClaimed.compareAndSet(false, true);
  }
}
