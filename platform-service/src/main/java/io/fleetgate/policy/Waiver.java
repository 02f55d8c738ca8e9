package io.fleetgate.policy;

import io.fleetgate.domain.SourceLocation;
import java.time.LocalDate;
import java.util.List;

/**
 * A documented, time-limited exception: one policy does not block one object (optionally only on
 * some clusters) until the end of {@code expires}.
 *
 * @param object the object as {@code Kind namespace/name} (or {@code Kind name} when
 *     cluster-scoped)
 * @param clusters the clusters it applies to; empty for all
 * @param owner who answers for it
 * @param reason why it is acceptable for now
 * @param expires the last day it applies
 * @param declaredAt where in the repository it is written
 */
public record Waiver(
    String policy,
    String object,
    List<String> clusters,
    String owner,
    String reason,
    LocalDate expires,
    SourceLocation declaredAt) {

  public Waiver {
    clusters = List.copyOf(clusters);
  }

  public boolean covers(String policy, String object, String cluster) {
    return this.policy.equals(policy)
        && this.object.equals(object)
        && (clusters.isEmpty() || clusters.contains(cluster));
  }

  public boolean activeOn(LocalDate day) {
    return !day.isAfter(expires);
  }

  /** How the waiver reads in reports: owner, reason, expiry, location. */
  public String describe() {
    return "waived by " + owner + " until " + expires + " (" + reason + "; " + declaredAt + ")";
  }
}
