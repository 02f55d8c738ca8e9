package io.fleetgate.sync;

import io.fleetgate.domain.Revision;
import java.util.List;

/**
 * The result of syncing one revision to the fleet.
 *
 * @param source what the source gave: a fresh revision, or a stale or refused one that nothing was
 *     applied from
 * @param outcomes one per targeted cluster, sorted by name, empty unless the source was fresh
 * @param problems clusters declared but unusable (e.g. no kubeconfig Secret)
 */
public record SyncReport(SourceState source, List<ClusterOutcome> outcomes, List<String> problems) {

  public SyncReport {
    outcomes = List.copyOf(outcomes);
    problems = List.copyOf(problems);
  }

  public Revision revision() {
    return source.revision();
  }

  /** True when the source was not fresh, so nothing was applied. */
  public boolean stale() {
    return !(source instanceof SourceState.Fresh);
  }

  /** Why nothing was applied, when {@link #stale()}; "" otherwise. */
  public String staleReason() {
    return switch (source) {
      case SourceState.Fresh f -> "";
      case SourceState.Stale s -> s.reason();
      case SourceState.Refused r -> r.reason();
    };
  }

  /** True when every targeted cluster converged and nothing was stale or unusable. */
  public boolean converged() {
    return !stale() && problems.isEmpty() && outcomes.stream().allMatch(ClusterOutcome::converged);
  }
}
