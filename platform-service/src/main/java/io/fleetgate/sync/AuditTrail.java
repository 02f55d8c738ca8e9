package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.health.Health;
import io.fleetgate.policy.Finding;
import io.fleetgate.policy.GateResult;
import java.util.ArrayList;
import java.util.List;

/** Turns one cluster's outcome into the audit events that record every decision in it. */
final class AuditTrail {

  private AuditTrail() {}

  /**
   * The events that close one cluster's reconcile: the repository's problems when it stalled, and
   * the sync's outcome with its summary. Policy decisions and per-object changes were recorded by
   * the phases that made them.
   */
  static List<AuditEvent> closing(ClusterOutcome outcome, String commit) {
    List<AuditEvent> events = new ArrayList<>();
    String cluster = outcome.cluster();
    if (outcome instanceof ClusterOutcome.Stalled s) {
      s.problems()
          .forEach(
              p ->
                  events.add(
                      new AuditEvent("render", cluster, "", commit, "", "invalid", p.toString())));
    }
    events.add(new AuditEvent("sync", cluster, "", commit, "", outcome.word(), summary(outcome)));
    return events;
  }

  /** Policy's decisions about one cluster's objects: how many were evaluated, and every finding. */
  static List<AuditEvent> policy(GateResult gate, String cluster, String commit) {
    List<AuditEvent> events = new ArrayList<>();
    policy(events, gate, cluster, commit);
    return events;
  }

  private static void policy(
      List<AuditEvent> events, GateResult gate, String cluster, String commit) {
    // How many objects were evaluated: reports count passes as evaluations without a finding.
    events.add(
        new AuditEvent(
            "policy",
            cluster,
            "",
            commit,
            "",
            "evaluated",
            Integer.toString(gate.verdicts().size())));
    for (GateResult.Verdict verdict : gate.verdicts()) {
      findings(events, verdict, verdict.decision().denials(), "denied", cluster, commit);
      findings(events, verdict, verdict.decision().warnings(), "warned", cluster, commit);
      if (verdict.decision().denials().isEmpty()
          && verdict.decision().warnings().isEmpty()
          && verdict.waived().isEmpty()) {
        findings(
            events,
            verdict,
            List.of(new Finding("fleetgate", "every policy passed")),
            io.fleetgate.report.ReportBuilder.PASSED,
            cluster,
            commit);
      }
      for (GateResult.WaivedFinding waived : verdict.waived()) {
        Finding noted =
            new Finding(
                waived.finding().policy(),
                waived.finding().message() + " — " + waived.waiver().describe());
        findings(events, verdict, List.of(noted), "waived", cluster, commit);
      }
    }
  }

  private static void findings(
      List<AuditEvent> events,
      GateResult.Verdict verdict,
      List<Finding> findings,
      String decision,
      String cluster,
      String commit) {
    for (Finding finding : findings) {
      events.add(
          new AuditEvent(
              "policy",
              cluster,
              verdict.object().bundle(),
              commit,
              verdict.object().ref().toString(),
              decision,
              finding.policy()
                  + ": "
                  + finding.message()
                  + " ("
                  + verdict.object().source()
                  + ")"));
    }
  }

  static String summary(ClusterOutcome outcome) {
    return switch (outcome) {
      case ClusterOutcome.Synced s -> counts(s.applied());
      case ClusterOutcome.Denied d ->
          "policy denied bundles "
              + new java.util.TreeSet<>(d.deniedBundles())
              + "; "
              + counts(d.applied());
      case ClusterOutcome.Stalled s -> s.reason();
      case ClusterOutcome.Unreachable u ->
          "unreachable: " + u.reason() + "; trying again in " + u.retryAfter().toSeconds() + " s";
      case ClusterOutcome.Rejected r ->
          r.objects().size() + " object(s) rejected; " + counts(r.applied());
      case ClusterOutcome.Waiting w -> "waiting: " + w.reason();
    };
  }

  static String counts(ApplyReport report) {
    String counts =
        "%d applied, %d unchanged, %d pruned, %d protected, %d failed"
            .formatted(
                report.count(ObjectResult.Action.APPLIED)
                    + report.count(ObjectResult.Action.ADOPTED),
                report.count(ObjectResult.Action.UNCHANGED),
                report.count(ObjectResult.Action.PRUNED),
                report.count(ObjectResult.Action.PROTECTED),
                report.count(ObjectResult.Action.FAILED));
    long adopted = report.count(ObjectResult.Action.ADOPTED);
    if (adopted > 0) {
      counts += " (%d adopted from another bundle)".formatted(adopted);
    }
    long drifted = report.count(ObjectResult.Action.DRIFTED);
    long healed = report.count(ObjectResult.Action.HEALED);
    if (drifted + healed > 0) {
      counts += ", %d drifted, %d healed".formatted(drifted, healed);
    }
    if (!report.health().isEmpty()) {
      counts +=
          "; health: %d healthy, %d progressing, %d degraded"
              .formatted(
                  report.count(Health.Status.HEALTHY),
                  report.count(Health.Status.PROGRESSING),
                  report.count(Health.Status.DEGRADED));
    }
    if (!report.events().isEmpty()) {
      counts += "; %d warning event(s)".formatted(report.events().size());
    }
    return counts;
  }
}
