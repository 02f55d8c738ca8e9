package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.policy.GateResult;
import io.fleetgate.render.RenderProblem;
import java.util.List;
import java.util.Set;

/** How one cluster's sync ended: a closed vocabulary, each with what an operator needs to act. */
public sealed interface ClusterOutcome {

  String cluster();

  /** One word for tables and records: synced, denied, stalled, failed. */
  String word();

  /** Whether the cluster holds exactly what Git says: synced, and no unhealed drift. */
  default boolean converged() {
    return this instanceof Synced s
        && s.report().count(io.fleetgate.apply.ObjectResult.Action.DRIFTED) == 0;
  }

  /** Every selected bundle rendered, passed policy and applied. */
  record Synced(String cluster, ApplyReport report, GateResult gate) implements ClusterOutcome {
    public String word() {
      return "synced";
    }
  }

  /** Policy denied objects of these bundles; other bundles were applied as reported. */
  record Denied(String cluster, Set<String> deniedBundles, GateResult gate, ApplyReport report)
      implements ClusterOutcome {
    public String word() {
      return "denied";
    }
  }

  /** The render failed; nothing was applied or pruned until the repository is fixed. */
  record Stalled(String cluster, List<RenderProblem> problems) implements ClusterOutcome {
    public String word() {
      return "stalled";
    }
  }

  /** The cluster was unreachable, or the API server rejected objects (see the report). */
  record Failed(String cluster, String reason, ApplyReport report) implements ClusterOutcome {
    public String word() {
      return "failed";
    }
  }

  /** Build the per-kind counts of a report, or zeros. */
  static long count(ApplyReport report, io.fleetgate.apply.ObjectResult.Action action) {
    return report == null ? 0 : report.count(action);
  }
}
