package io.fleetgate.report;

import io.fleetgate.audit.AuditLog;
import io.fleetgate.policy.PolicyCatalog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds a {@link ComplianceReport} from the audit log in one pass over the records in scope. */
public final class ReportBuilder {

  private final AuditHistory history;
  private final AuditLog audit;
  private final PolicyCatalog catalog;

  /**
   * @param audit the log whose chain the report verifies; give it a connection of its own and the
   *     verification runs beside the report's own pass over the rows
   */
  public ReportBuilder(AuditHistory history, AuditLog audit, PolicyCatalog catalog) {
    this.history = history;
    this.audit = audit;
    this.catalog = catalog;
  }

  public ComplianceReport build(ComplianceReport.Scope scope) {
    java.util.concurrent.CompletableFuture<AuditLog.Verification> chain =
        java.util.concurrent.CompletableFuture.supplyAsync(
            audit::verify,
            task -> Thread.ofPlatform().daemon().name("fleetgate-audit-verify").start(task));
    Map<String, Counts> controls = new TreeMap<>();
    for (PolicyCatalog.Entry entry : catalog.entries().values()) {
      for (String control : entry.controls()) {
        if (scope.control() == null || scope.control().equals(control)) {
          controls.computeIfAbsent(control, c -> new Counts()).policies.add(entry.policy());
        }
      }
    }
    Map<LocalDate, long[]> trend = new TreeMap<>();
    List<ComplianceReport.Evidence> evidence = new ArrayList<>();
    long[] evaluations = {0};
    history.policyRecords(
        scope.from(),
        scope.to(),
        scope.cluster(),
        record -> {
          long[] day =
              trend.computeIfAbsent(
                  LocalDate.ofInstant(record.time(), ZoneOffset.UTC), d -> new long[3]);
          if (record.decision().equals("evaluated")) {
            long count = Long.parseLong(record.detail());
            evaluations[0] += count;
            day[0] += count;
            return;
          }
          Finding finding = Finding.parse(record.detail());
          PolicyCatalog.Entry policy = catalog.entry(finding.policy());
          List<String> inScope = policy.controls().stream().filter(controls::containsKey).toList();
          if (scope.control() != null && inScope.isEmpty()) {
            return;
          }
          boolean denied = record.decision().equals("denied");
          boolean waived = record.decision().equals("waived");
          day[1] += denied ? 1 : 0;
          day[2] += waived ? 1 : 0;
          for (String control : inScope) {
            Counts counts = controls.get(control);
            counts.failed += denied ? 1 : 0;
            counts.waived += waived ? 1 : 0;
            if (denied || waived) {
              counts.failing.add(record.commit() + "|" + record.cluster() + "|" + record.object());
            }
          }
          evidence.add(
              new ComplianceReport.Evidence(
                  record.time(),
                  record.commit(),
                  record.author(),
                  record.cluster(),
                  record.object(),
                  policy.policy(),
                  policy.controls(),
                  policy.severity(),
                  record.decision(),
                  denied ? "blocked" : "applied",
                  finding.message(),
                  finding.source()));
        });
    List<ComplianceReport.ControlSummary> summaries = new ArrayList<>();
    controls.forEach(
        (control, counts) ->
            summaries.add(
                new ComplianceReport.ControlSummary(
                    control,
                    List.copyOf(counts.policies),
                    Math.max(0, evaluations[0] - counts.failing.size()),
                    counts.failed,
                    counts.waived)));
    List<ComplianceReport.DayTrend> days = new ArrayList<>();
    trend.forEach((day, c) -> days.add(new ComplianceReport.DayTrend(day, c[0], c[1], c[2])));
    return new ComplianceReport(scope, summaries, days, evidence, evaluations[0], chain.join());
  }

  private static final class Counts {
    final Set<String> policies = new java.util.TreeSet<>();
    final Set<String> failing = new HashSet<>();
    long failed;
    long waived;
  }

  /** The parts of an audit detail "policy: message (file:line)". */
  record Finding(String policy, String message, String source) {
    static Finding parse(String detail) {
      int colon = detail.indexOf(": ");
      String policy = colon < 0 ? "unknown" : detail.substring(0, colon);
      String rest = colon < 0 ? detail : detail.substring(colon + 2);
      int open = rest.lastIndexOf(" (");
      boolean hasSource = open >= 0 && rest.endsWith(")");
      return new Finding(
          policy,
          hasSource ? rest.substring(0, open) : rest,
          hasSource ? rest.substring(open + 2, rest.length() - 1) : "");
    }
  }
}
