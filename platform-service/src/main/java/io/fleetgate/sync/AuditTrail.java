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

  static List<AuditEvent> of(ClusterOutcome outcome, String commit) {
    List<AuditEvent> events = new ArrayList<>();
    String cluster = outcome.cluster();
    switch (outcome) {
      case ClusterOutcome.Synced s -> {
        policy(events, s.gate(), cluster, commit);
        apply(events, s.report(), cluster, commit);
      }
      case ClusterOutcome.Denied d -> {
        policy(events, d.gate(), cluster, commit);
        apply(events, d.report(), cluster, commit);
      }
      case ClusterOutcome.Stalled s ->
          s.problems()
              .forEach(
                  p ->
                      events.add(
                          new AuditEvent(
                              "render", cluster, "", commit, "", "invalid", p.toString())));
      case ClusterOutcome.Failed f -> apply(events, f.report(), cluster, commit);
    }
    events.add(new AuditEvent("sync", cluster, "", commit, "", outcome.word(), summary(outcome)));
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

  private static void apply(
      List<AuditEvent> events, ApplyReport report, String cluster, String commit) {
    if (report == null) {
      return;
    }
    for (ObjectResult result : report.results()) {
      if (result.action() == ObjectResult.Action.UNCHANGED) {
        continue;
      }
      String detail = result.source() + (result.message().isEmpty() ? "" : " " + result.message());
      events.add(
          new AuditEvent(
              "apply",
              cluster,
              result.bundle(),
              commit,
              result.ref().toString(),
              result.action().word(),
              detail.strip()));
    }
  }

  static String summary(ClusterOutcome outcome) {
    return switch (outcome) {
      case ClusterOutcome.Synced s -> counts(s.report());
      case ClusterOutcome.Denied d ->
          "policy denied bundles " + d.deniedBundles() + "; " + counts(d.report());
      case ClusterOutcome.Stalled s ->
          s.problems().size() + " problem(s) in the repository; first: " + s.problems().getFirst();
      case ClusterOutcome.Failed f ->
          f.reason() + (f.report() == null ? "" : "; " + counts(f.report()));
    };
  }

  static String counts(ApplyReport report) {
    String counts =
        "%d applied, %d unchanged, %d pruned, %d protected, %d failed"
            .formatted(
                report.count(ObjectResult.Action.APPLIED),
                report.count(ObjectResult.Action.UNCHANGED),
                report.count(ObjectResult.Action.PRUNED),
                report.count(ObjectResult.Action.PROTECTED),
                report.count(ObjectResult.Action.FAILED));
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
