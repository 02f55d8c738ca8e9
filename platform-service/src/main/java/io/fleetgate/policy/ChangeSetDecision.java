package io.fleetgate.policy;

import java.util.List;

/**
 * What the change-set policies decided about a cluster's objects taken together; each finding names
 * the object it is about.
 */
public record ChangeSetDecision(List<ObjectFinding> denials, List<ObjectFinding> warnings) {

  public ChangeSetDecision {
    denials = List.copyOf(denials);
    warnings = List.copyOf(warnings);
  }

  public static ChangeSetDecision none() {
    return new ChangeSetDecision(List.of(), List.of());
  }

  /**
   * A finding about one object of the change set.
   *
   * @param namespace empty for cluster-scoped objects
   */
  public record ObjectFinding(String kind, String namespace, String name, Finding finding) {}
}
