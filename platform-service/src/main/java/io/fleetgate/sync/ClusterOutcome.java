package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.policy.GateResult;
import io.fleetgate.render.RenderProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one cluster's sync ended: a closed vocabulary, each case with what an operator needs to act,
 * built by the intent-named factories below.
 */
public sealed interface ClusterOutcome {

  ClusterTarget target();

  /** The cluster's name, as tables and events show it. */
  default String cluster() {
    return target().name();
  }

  /** The cluster's identity in records: {@code namespace/name} of its Cluster API object. */
  default String key() {
    return target().qualifiedName();
  }

  /** One word for tables and records. */
  String word();

  /** What was applied and observed, when the sync got that far. */
  default Optional<ApplyReport> report() {
    return Optional.empty();
  }

  /** Policy's verdicts, when the sync got that far. */
  default Optional<GateResult> gate() {
    return Optional.empty();
  }

  /** Whether the cluster holds exactly what Git says: synced, and no unhealed drift. */
  default boolean converged() {
    return this instanceof Synced s && s.applied().count(ObjectResult.Action.DRIFTED) == 0;
  }

  static ClusterOutcome synced(ClusterTarget target, ApplyReport report, GateResult gate) {
    return new Synced(target, report, gate);
  }

  static ClusterOutcome denied(
      ClusterTarget target, Set<String> bundles, GateResult gate, ApplyReport report) {
    return new Denied(target, bundles, gate, report);
  }

  /** The repository's problems for this cluster stop its sync. */
  static ClusterOutcome stalled(ClusterTarget target, List<RenderProblem> problems) {
    return new Stalled(
        target,
        problems.size() + " problem(s) in the repository; first: " + problems.getFirst(),
        problems);
  }

  /** Something other than the repository stops the sync until it is fixed. */
  static ClusterOutcome stalled(ClusterTarget target, String reason) {
    return new Stalled(target, reason, List.of());
  }

  static ClusterOutcome unreachable(ClusterTarget target, String reason, Duration retryAfter) {
    return new Unreachable(target, reason, retryAfter);
  }

  static ClusterOutcome rejected(ClusterTarget target, ApplyReport report, GateResult gate) {
    return new Rejected(target, report.failures(), report, gate);
  }

  static ClusterOutcome waiting(ClusterTarget target, String reason, Instant until) {
    return new Waiting(target, reason, until);
  }

  /** An outcome of a sync that got as far as applying: what was applied, and policy's verdicts. */
  sealed interface Applied extends ClusterOutcome {
    ApplyReport applied();

    GateResult verdicts();

    @Override
    default Optional<ApplyReport> report() {
      return Optional.of(applied());
    }

    @Override
    default Optional<GateResult> gate() {
      return Optional.of(verdicts());
    }
  }

  /** Every selected bundle rendered, passed policy and applied. */
  record Synced(ClusterTarget target, ApplyReport applied, GateResult verdicts) implements Applied {
    public String word() {
      return "synced";
    }
  }

  /** Policy denied objects of these bundles; the other bundles were applied as reported. */
  record Denied(
      ClusterTarget target, Set<String> deniedBundles, GateResult verdicts, ApplyReport applied)
      implements Applied {
    public Denied {
      deniedBundles = Set.copyOf(deniedBundles);
    }

    public String word() {
      return "denied";
    }
  }

  /**
   * The sync cannot go on until something is fixed — usually the repository (a render problem, an
   * empty render, the fleet's own policies do not compile), then {@code problems} name file and
   * line: nothing was applied or pruned.
   */
  record Stalled(ClusterTarget target, String reason, List<RenderProblem> problems)
      implements ClusterOutcome {
    public Stalled {
      problems = List.copyOf(problems);
    }

    public String word() {
      return "stalled";
    }
  }

  /** The cluster's API server did not answer; the next attempt is due after {@code retryAfter}. */
  record Unreachable(ClusterTarget target, String reason, Duration retryAfter)
      implements ClusterOutcome {
    public String word() {
      return "unreachable";
    }
  }

  /** The API server rejected these objects; everything else was applied as reported. */
  record Rejected(
      ClusterTarget target, List<ObjectResult> objects, ApplyReport applied, GateResult verdicts)
      implements Applied {
    public Rejected {
      objects = List.copyOf(objects);
    }

    public String word() {
      return "rejected";
    }
  }

  /** Nothing was done yet, for {@code reason}, until {@code until} at the earliest. */
  record Waiting(ClusterTarget target, String reason, Instant until) implements ClusterOutcome {
    public String word() {
      return "waiting";
    }
  }

  /** The count of results with this action, or 0 when nothing was applied. */
  static long count(ClusterOutcome outcome, ObjectResult.Action action) {
    return outcome.report().map(r -> r.count(action)).orElse(0L);
  }
}
