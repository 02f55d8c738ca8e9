package io.fleetgate.report;

import io.fleetgate.audit.AuditLog;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.MatrixReader;
import io.fleetgate.report.patch.PatchSection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds a {@link ComplianceReport} from the audit log in one pass over the records in scope. */
public final class ReportBuilder {

  /** The decision of the policy rows that record an object every policy passed. */
  public static final String PASSED = "passed";

  /**
   * The decision of the row that opens a cluster's complete set of {@link #PASSED} rows (its detail
   * the count): the passes recorded before it no longer stand.
   */
  public static final String PASSING = "passing";

  private final AuditHistory history;
  private final AuditLog audit;
  private final PolicyCatalog catalog;
  private final MatrixReader matrix;

  /** A report whose patch section has the rollouts' history but no matrix: no fleet to read. */
  public ReportBuilder(AuditHistory history, AuditLog audit, PolicyCatalog catalog) {
    this(
        history,
        audit,
        catalog,
        MatrixReader.none("the report was not given the management cluster to read nodes from"));
  }

  /**
   * @param audit the log whose chain the report verifies; give it a connection of its own and the
   *     verification runs beside the report's own pass over the rows
   * @param matrix reads the fleet's patch matrix, beside the pass over the rows
   */
  public ReportBuilder(
      AuditHistory history, AuditLog audit, PolicyCatalog catalog, MatrixReader matrix) {
    this.history = history;
    this.audit = audit;
    this.catalog = catalog;
    this.matrix = matrix;
  }

  public ComplianceReport build(ComplianceReport.Scope scope) {
    List<ComplianceReport.Evidence> evidence = new ArrayList<>();
    ComplianceReport report = build(scope, evidence::add);
    return new ComplianceReport(
        report.scope(),
        report.controls(),
        report.trend(),
        evidence,
        report.evaluations(),
        report.chain(),
        report.passes(),
        report.patch());
  }

  /**
   * Builds the report, handing each finding's evidence to {@code sink} as it is read instead of
   * keeping it: the returned report's evidence is empty.
   */
  public ComplianceReport build(
      ComplianceReport.Scope scope, java.util.function.Consumer<ComplianceReport.Evidence> sink) {
    java.util.concurrent.CompletableFuture<AuditLog.Verification> chain =
        java.util.concurrent.CompletableFuture.supplyAsync(
            audit::verify,
            task -> Thread.ofPlatform().daemon().name("fleetgate-audit-verify").start(task));
    boolean patchInScope =
        scope.control() == null || scope.control().equals(PatchSection.REQUIREMENT);
    java.util.concurrent.CompletableFuture<MatrixPart> nodes =
        patchInScope
            ? java.util.concurrent.CompletableFuture.supplyAsync(
                matrix::read,
                task -> Thread.ofVirtual().name("fleetgate-report-matrix").start(task))
            : java.util.concurrent.CompletableFuture.completedFuture(null);
    Map<String, Counts> controls = new TreeMap<>();
    for (PolicyCatalog.Entry entry : catalog.entries().values()) {
      for (String control : entry.controls()) {
        if (scope.control() == null || scope.control().equals(control)) {
          controls.computeIfAbsent(control, c -> new Counts()).policies.add(entry.policy());
        }
      }
    }
    Map<Long, long[]> trend = new TreeMap<>();
    long[] evaluations = {0};
    // Per policy, computed once: its catalog entry and its controls in scope (as indexes).
    List<String> controlIds = new ArrayList<>(controls.keySet());
    Map<String, Scoped> scoped = new HashMap<>();
    // Objects with a denial or waiver, once per commit, cluster and object, with a bit per control.
    Map<String, long[]> failingObjects = new HashMap<>();
    long[][] lastDay = {{Long.MIN_VALUE}, null};
    // Per cluster, the objects that passed every policy in its latest set of passes, less those
    // a later finding names.
    Map<String, Map<String, ComplianceReport.Pass>> passes = new TreeMap<>();
    history.policyRecords(
        scope.from(),
        scope.to(),
        scope.cluster(),
        record -> {
          long epochDay = Math.floorDiv(record.time().getEpochSecond(), 86_400L);
          long[] day;
          if (lastDay[0][0] == epochDay) {
            day = lastDay[1];
          } else {
            day = trend.computeIfAbsent(epochDay, d -> new long[3]);
            lastDay[0][0] = epochDay;
            lastDay[1] = day;
          }
          if (record.decision().equals(PASSING)) {
            passes.put(record.cluster(), new java.util.LinkedHashMap<>());
            return;
          }
          if (record.decision().equals(PASSED)) {
            Finding passed = Finding.parse(record.detail());
            passes
                .computeIfAbsent(record.cluster(), c -> new java.util.LinkedHashMap<>())
                .put(
                    record.object(),
                    new ComplianceReport.Pass(
                        record.time(),
                        record.commit(),
                        record.author(),
                        record.cluster(),
                        record.object(),
                        passed.source()));
            return;
          }
          if (!record.decision().equals("evaluated")) {
            var clusterPasses = passes.get(record.cluster());
            if (clusterPasses != null) {
              clusterPasses.remove(record.object());
            }
          }
          if (record.decision().equals("evaluated")) {
            long count = Long.parseLong(record.detail());
            evaluations[0] += count;
            day[0] += count;
            return;
          }
          Finding finding = Finding.parse(record.detail());
          Scoped policy =
              scoped.computeIfAbsent(
                  finding.policy(), name -> Scoped.of(catalog.entry(name), controlIds));
          if (scope.control() != null && policy.controlIndexes().length == 0) {
            return;
          }
          boolean denied = record.decision().equals("denied");
          boolean waived = record.decision().equals("waived");
          day[1] += denied ? 1 : 0;
          day[2] += waived ? 1 : 0;
          if ((denied || waived) && policy.controlIndexes().length > 0) {
            long[] bits =
                failingObjects.computeIfAbsent(
                    record.commit() + "|" + record.cluster() + "|" + record.object(),
                    k -> new long[(controlIds.size() + 63) / 64]);
            for (int index : policy.controlIndexes()) {
              Counts counts = controls.get(controlIds.get(index));
              counts.failed += denied ? 1 : 0;
              counts.waived += waived ? 1 : 0;
              bits[index >> 6] |= 1L << (index & 63);
            }
          }
          sink.accept(
              new ComplianceReport.Evidence(
                  record.time(),
                  record.commit(),
                  record.author(),
                  record.cluster(),
                  record.object(),
                  policy.entry().policy(),
                  policy.entry().controls(),
                  policy.entry().severity(),
                  record.decision(),
                  denied ? "blocked" : "applied",
                  finding.message(),
                  finding.source()));
        });
    long[] failingPerControl = new long[controlIds.size()];
    for (long[] bits : failingObjects.values()) {
      for (int index = 0; index < controlIds.size(); index++) {
        if ((bits[index >> 6] & (1L << (index & 63))) != 0) {
          failingPerControl[index]++;
        }
      }
    }
    for (int index = 0; index < controlIds.size(); index++) {
      controls.get(controlIds.get(index)).failingObjects = failingPerControl[index];
    }
    List<ComplianceReport.ControlSummary> summaries = new ArrayList<>();
    controls.forEach(
        (control, counts) ->
            summaries.add(
                new ComplianceReport.ControlSummary(
                    control,
                    List.copyOf(counts.policies),
                    Math.max(0, evaluations[0] - counts.failingObjects),
                    counts.failed,
                    counts.waived)));
    List<ComplianceReport.DayTrend> days = new ArrayList<>();
    trend.forEach(
        (day, c) ->
            days.add(new ComplianceReport.DayTrend(LocalDate.ofEpochDay(day), c[0], c[1], c[2])));
    return new ComplianceReport(
        scope,
        summaries,
        days,
        List.of(),
        evaluations[0],
        chain.join(),
        passes.values().stream().flatMap(p -> p.values().stream()).toList(),
        patchInScope
            ? PatchEvidence.of(history, scope, nodes.join())
            : new PatchSection.Omitted("the report covers " + scope.control() + " only"));
  }

  private static final class Counts {
    final Set<String> policies = new java.util.TreeSet<>();
    long failingObjects;
    long failed;
    long waived;
  }

  /** A policy's catalog entry with the indexes of its controls that are in the report. */
  private record Scoped(PolicyCatalog.Entry entry, int[] controlIndexes) {
    static Scoped of(PolicyCatalog.Entry entry, List<String> controlIds) {
      return new Scoped(
          entry,
          entry.controls().stream().mapToInt(controlIds::indexOf).filter(i -> i >= 0).toArray());
    }
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
