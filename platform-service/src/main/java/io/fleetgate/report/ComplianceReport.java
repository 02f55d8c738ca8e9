package io.fleetgate.report;

import io.fleetgate.audit.AuditLog;
import io.fleetgate.report.patch.PatchSection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A compliance report's content, independent of its format.
 *
 * @param controls one row per control, sorted by control ID
 * @param trend one row per day with activity, oldest first
 * @param evidence every finding in scope, oldest first
 * @param chain the audit chain's verification at generation time
 * @param patch the patch matrix and the rollouts' history, or why the report leaves them out
 */
public record ComplianceReport(
    Scope scope,
    List<ControlSummary> controls,
    List<DayTrend> trend,
    List<Evidence> evidence,
    long evaluations,
    AuditLog.Verification chain,
    List<Pass> passes,
    PatchSection patch) {

  /**
   * @param cluster the cluster filter, or null for all
   * @param control the control filter, or null for all
   */
  public record Scope(
      Instant from, Instant to, String cluster, String control, Instant generatedAt) {}

  /**
   * @param passed evaluations of objects the control's policies apply to that found nothing
   * @param failed denials (blocked objects)
   * @param waived denials accepted by an active waiver (applied)
   */
  public record ControlSummary(
      String control, List<String> policies, long passed, long failed, long waived) {}

  public record DayTrend(LocalDate day, long evaluations, long failed, long waived) {}

  /**
   * @param outcome blocked (a denial) or applied (waived, or a warning)
   */
  public record Evidence(
      Instant time,
      String commit,
      String author,
      String cluster,
      String object,
      String policy,
      List<String> controls,
      String severity,
      String decision,
      String outcome,
      String message,
      String source) {}

  /**
   * An object every policy passed, at the latest commit each cluster was evaluated at in scope: the
   * evidence a clean cluster has.
   */
  public record Pass(
      Instant time, String commit, String author, String cluster, String object, String source) {}
}
