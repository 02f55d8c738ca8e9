package io.fleetgate.apply;

import java.util.Set;

/**
 * How one cluster's objects are applied, by bundle.
 *
 * @param prune bundles whose leftovers may be deleted; never one that failed to render or was
 *     denied
 * @param selfHeal bundles whose drift, found by a full check, is reverted
 * @param respectConflicts bundles applied without forcing: a field another manager owns makes the
 *     apply fail with the server's conflict message instead of taking the field over
 * @param fullCheck also compare objects unchanged in Git with the live cluster
 */
public record ApplyPolicy(
    Set<String> prune, Set<String> selfHeal, Set<String> respectConflicts, boolean fullCheck) {

  public ApplyPolicy {
    prune = Set.copyOf(prune);
    selfHeal = Set.copyOf(selfHeal);
    respectConflicts = Set.copyOf(respectConflicts);
  }

  /** Force every apply, prune the given bundles, no drift check. */
  public static ApplyPolicy pruning(Set<String> prune) {
    return new ApplyPolicy(prune, Set.of(), Set.of(), false);
  }
}
