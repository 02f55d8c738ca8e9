package io.fleetgate.policy;

import java.util.List;

/** What the policies decided about one object: denials block it, warnings are recorded. */
public record PolicyDecision(List<Finding> denials, List<Finding> warnings) {

  public PolicyDecision {
    denials = List.copyOf(denials);
    warnings = List.copyOf(warnings);
  }

  public boolean allowed() {
    return denials.isEmpty();
  }
}
