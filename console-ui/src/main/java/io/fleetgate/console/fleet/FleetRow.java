package io.fleetgate.console.fleet;

import io.fleetgate.api.ClusterSummary;

/**
 * One cluster as the fleet overview shows it: where it is and how it is, and what its latest sync
 * did.
 *
 * @param outcome synced, denied, stalled, failed, or never
 * @param commit the revision of the latest sync ("" before any)
 * @param violations denials and repository problems that held back the latest sync
 * @param drifted objects found changed in the cluster and left as they are
 */
public record FleetRow(
    ClusterSummary cluster,
    String outcome,
    String commit,
    int violations,
    int drifted,
    String detail) {

  /** The first 12 characters of the commit, as Git shows it. */
  public String revision() {
    return commit.length() > 12 ? commit.substring(0, 12) : commit.isEmpty() ? "—" : commit;
  }

  /** True when something needs a person: unreachable, not synced, violations or drift. */
  public boolean needsAttention() {
    return !cluster.reachable() || !outcome.equals("synced") || violations > 0 || drifted > 0;
  }
}
