package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.openreports.ReportPublishing;
import io.fleetgate.store.SyncRuns;
import java.util.ArrayList;
import java.util.List;

/**
 * Records how the reconcile ended, whatever ended it: the outcome and its summary in the audit log,
 * the cluster's result and per-object records in the run, the health and Warning events observed,
 * the cluster's policy report, and each declared bundle's prune setting. Runs in a {@code finally};
 * a dry run records nothing.
 */
final class RecordPhase implements Phase {

  private final AuditLog audit;
  private final SyncRuns runs;
  private final ReportPublishing reports;

  RecordPhase(AuditLog audit, SyncRuns runs, ReportPublishing reports) {
    this.audit = audit;
    this.runs = runs;
    this.reports = reports;
  }

  @Override
  public String name() {
    return "record";
  }

  @Override
  public void run(ClusterScope scope) {
    if (!scope.recording()) {
      return;
    }
    ClusterOutcome outcome = scope.outcome;
    String commit = scope.revision.commit();
    audit.append(AuditTrail.closing(outcome, commit));
    runs.recordCluster(scope.run, result(outcome));
    runs.recordObjects(scope.run, outcome.key(), objectRecords(outcome));
    outcome.report().ifPresent(r -> runs.recordObservation(scope.run, outcome.key(), observed(r)));
    outcome.gate().ifPresent(gate -> reports.after(scope.access, commit, gate));
  }

  static SyncRuns.Observed observed(ApplyReport report) {
    return new SyncRuns.Observed(
        report.health().stream()
            .map(
                h ->
                    new SyncRuns.HealthRecord(
                        h.ref().toString(),
                        h.source(),
                        h.health().status().name().toLowerCase(java.util.Locale.ROOT),
                        h.health().message()))
            .toList(),
        report.events().stream()
            .map(
                e ->
                    new SyncRuns.EventRecord(
                        e.ref().toString(), e.reason(), e.message(), e.count()))
            .toList());
  }

  static SyncRuns.ClusterResult result(ClusterOutcome outcome) {
    return new SyncRuns.ClusterResult(
        outcome.key(),
        outcome.word(),
        (int)
            (ClusterOutcome.count(outcome, ObjectResult.Action.APPLIED)
                + ClusterOutcome.count(outcome, ObjectResult.Action.ADOPTED)),
        (int) ClusterOutcome.count(outcome, ObjectResult.Action.UNCHANGED),
        (int) ClusterOutcome.count(outcome, ObjectResult.Action.PRUNED),
        (int) ClusterOutcome.count(outcome, ObjectResult.Action.FAILED),
        AuditTrail.summary(outcome));
  }

  /** Every object that did not stay unchanged, and every problem or denial, as records. */
  static List<SyncRuns.ObjectRecord> objectRecords(ClusterOutcome outcome) {
    List<SyncRuns.ObjectRecord> records = new ArrayList<>();
    if (outcome instanceof ClusterOutcome.Stalled s) {
      s.problems()
          .forEach(
              p ->
                  records.add(
                      new SyncRuns.ObjectRecord(
                          "", "", p.location().toString(), "invalid", p.message())));
    }
    if (outcome instanceof ClusterOutcome.Denied d) {
      for (var verdict : d.verdicts().denials()) {
        for (var finding : verdict.decision().denials()) {
          records.add(
              new SyncRuns.ObjectRecord(
                  verdict.object().ref().toString(),
                  verdict.object().bundle(),
                  verdict.object().source().toString(),
                  "denied",
                  finding.toString()));
        }
      }
    }
    ApplyReport report = outcome.report().orElse(null);
    if (report != null) {
      for (ObjectResult result : report.results()) {
        if (result.action() != ObjectResult.Action.UNCHANGED) {
          records.add(
              new SyncRuns.ObjectRecord(
                  result.ref().toString(),
                  result.bundle(),
                  result.source(),
                  result.action().word(),
                  result.message()));
        }
      }
    }
    return records;
  }
}
