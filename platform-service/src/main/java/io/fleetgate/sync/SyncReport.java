package io.fleetgate.sync;

import io.fleetgate.domain.Revision;
import java.util.List;

/**
 * The result of syncing one revision to the fleet.
 *
 * @param stale true when the remote was unreachable and nothing was applied
 * @param staleReason why, when stale
 * @param outcomes one per targeted cluster, sorted by name
 * @param problems clusters declared but unusable (e.g. no kubeconfig Secret)
 */
public record SyncReport(
    Revision revision,
    boolean stale,
    String staleReason,
    List<ClusterOutcome> outcomes,
    List<String> problems) {

  public SyncReport {
    outcomes = List.copyOf(outcomes);
    problems = List.copyOf(problems);
  }

  /** True when every targeted cluster converged and nothing was stale or unusable. */
  public boolean converged() {
    return !stale && problems.isEmpty() && outcomes.stream().allMatch(ClusterOutcome::converged);
  }
}
