package io.fleetgate.report;

import java.time.Instant;
import java.util.function.Consumer;

/** Reads the audit log for reports, oldest first, without loading it all at once. */
public interface AuditHistory {

  /**
   * Streams the records of kind {@code policy} (and the commits' authors) in the window.
   *
   * @param cluster only this cluster when not null
   */
  void policyRecords(Instant from, Instant to, String cluster, Consumer<PolicyRecord> sink);

  /**
   * Streams the rows patch rollouts wrote (kinds {@code rollout.*}) in the window, in sequence
   * order.
   */
  void rolloutRecords(
      Instant from, Instant to, Consumer<io.fleetgate.report.patch.RolloutRow> sink);

  /**
   * One policy record of the audit log, with the commit's author when known.
   *
   * @param decision evaluated, denied, warned or waived
   * @param detail for evaluated: the number of objects; otherwise "policy: message (file:line)"
   */
  record PolicyRecord(
      long sequence,
      Instant time,
      String cluster,
      String bundle,
      String commit,
      String author,
      String object,
      String decision,
      String detail) {}
}
