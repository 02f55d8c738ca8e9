package io.fleetgate.console.policy;

import java.time.Instant;
import java.util.List;

/** Where the policy view reads findings and waivers from; may block on the network. */
@FunctionalInterface
public interface PolicySource {

  Picture policy();

  /**
   * @param decision denied, waived or warned
   * @param source the file and line the object comes from
   */
  record FindingRow(
      Instant time,
      String cluster,
      String object,
      String source,
      String policy,
      List<String> controls,
      String severity,
      String decision,
      String message,
      String commit,
      String author) {}

  record WaiverRow(
      String policy,
      String object,
      String owner,
      String reason,
      String expires,
      boolean active,
      String declaredAt) {}

  record Picture(List<FindingRow> findings, List<WaiverRow> waivers) {
    public Picture {
      findings = List.copyOf(findings);
      waivers = List.copyOf(waivers);
    }
  }
}
