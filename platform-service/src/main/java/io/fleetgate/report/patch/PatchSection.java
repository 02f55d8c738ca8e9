package io.fleetgate.report.patch;

import java.util.List;

/** The audit report's patch section, or why the report leaves it out. */
public sealed interface PatchSection {

  /** The requirement the section gives evidence for. */
  String REQUIREMENT = "PCI-DSS-v4.0:6.3.3";

  /** The requirement's words, quoted in the section. */
  String REQUIREMENT_TEXT =
      "All system components are protected from known vulnerabilities by installing applicable"
          + " security patches/updates; critical or high-security patches/updates are installed"
          + " within one month of release.";

  /**
   * @param matrix the fleet's nodes at report time
   * @param rollouts every rollout with audit rows in the period, by first row
   */
  record Included(MatrixPart matrix, List<RolloutHistory> rollouts) implements PatchSection {
    public Included {
      rollouts = List.copyOf(rollouts);
    }
  }

  /** Left out: the report is scoped to another control. */
  record Omitted(String why) implements PatchSection {}
}
