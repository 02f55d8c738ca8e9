package io.fleetgate.sync;

/** Words for outcomes, shared by records, logs and the CLI. */
public final class SyncReports {

  private SyncReports() {}

  /** One line: the counts of what happened, or why nothing did. */
  public static String summary(ClusterOutcome outcome) {
    return AuditTrail.summary(outcome);
  }
}
