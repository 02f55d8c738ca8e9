package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;

/**
 * What happened to one object in one cluster.
 *
 * @param source where it is declared ("" for pruned objects no longer declared)
 * @param message the server's message for failures, or a short note
 */
public record ObjectResult(
    ObjectRef ref, String bundle, String source, Action action, String message) {

  /** Whether the object is in the cluster as Git declares it after this result. */
  public boolean present() {
    return action == Action.APPLIED
        || action == Action.ADOPTED
        || action == Action.UNCHANGED
        || action == Action.HEALED;
  }

  /** The closed set of things that can happen to an object. */
  public enum Action {
    APPLIED,
    /** Applied for the bundle that now declares it, moved there from another bundle. */
    ADOPTED,
    UNCHANGED,
    /** Live differs from Git (found by a full check) and the bundle does not self-heal. */
    DRIFTED,
    /** Live differed from Git and was applied again (self-heal). */
    HEALED,
    PRUNED,
    PROTECTED,
    FAILED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
