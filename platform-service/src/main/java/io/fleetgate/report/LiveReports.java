package io.fleetgate.report;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.policy.Finding;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the policies decided about a cluster's objects at its latest sync, as the OpenReports
 * objects Fleetgate keeps in that cluster: one {@code Report} per namespace and one {@code
 * ClusterReport} for cluster-scoped objects. An object without findings has one {@code pass}
 * result; denials are {@code fail}, warnings {@code warn}, waived denials {@code skip} with the
 * waiver's owner and expiry. Results carry no timestamp, so an unchanged decision is an unchanged
 * object.
 */
public final class LiveReports {

  public static final String NAME = "fleetgate-policy";
  public static final String API_VERSION = "openreports.io/v1alpha1";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private LiveReports() {}

  public static List<Map<String, Object>> of(
      String cluster, String commit, GateResult gate, PolicyCatalog catalog) {
    Map<String, List<Map<String, Object>>> byNamespace = new TreeMap<>();
    for (GateResult.Verdict verdict : gate.verdicts()) {
      ObjectRef ref = verdict.object().ref();
      List<Map<String, Object>> results =
          byNamespace.computeIfAbsent(ref.namespace(), k -> new ArrayList<>());
      String source = verdict.object().source().toString();
      for (Finding f : verdict.decision().denials()) {
        results.add(result(ref, f, "fail", catalog, source, commit, Map.of()));
      }
      for (Finding f : verdict.decision().warnings()) {
        results.add(result(ref, f, "warn", catalog, source, commit, Map.of()));
      }
      for (GateResult.WaivedFinding w : verdict.waived()) {
        results.add(
            result(
                ref,
                w.finding(),
                "skip",
                catalog,
                source,
                commit,
                Map.of(
                    "waivedBy",
                    w.waiver().owner(),
                    "waivedUntil",
                    w.waiver().expires().toString())));
      }
      if (verdict.decision().denials().isEmpty()
          && verdict.decision().warnings().isEmpty()
          && verdict.waived().isEmpty()) {
        results.add(
            result(
                ref,
                new Finding("fleetgate", "every policy passed"),
                "pass",
                catalog,
                source,
                commit,
                Map.of()));
      }
    }
    List<Map<String, Object>> reports = new ArrayList<>();
    byNamespace.forEach(
        (namespace, results) -> reports.add(report(cluster, commit, namespace, results)));
    return reports;
  }

  private static Map<String, Object> report(
      String cluster, String commit, String namespace, List<Map<String, Object>> results) {
    Map<String, Long> summary =
        new LinkedHashMap<>(Map.of("pass", 0L, "fail", 0L, "warn", 0L, "error", 0L, "skip", 0L));
    results.forEach(r -> summary.merge((String) r.get("result"), 1L, Long::sum));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", NAME);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", Map.of(MANAGED_BY, "fleetgate", "fleetgate.io/cluster", cluster));
    metadata.put("annotations", Map.of("fleetgate.io/commit", commit));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("apiVersion", API_VERSION);
    report.put("kind", namespace.isEmpty() ? "ClusterReport" : "Report");
    report.put("metadata", metadata);
    report.put("source", OpenReports.SOURCE);
    report.put("summary", summary);
    report.put("results", results);
    return report;
  }

  private static Map<String, Object> result(
      ObjectRef ref,
      Finding finding,
      String outcome,
      PolicyCatalog catalog,
      String source,
      String commit,
      Map<String, String> extra) {
    PolicyCatalog.Entry entry = catalog.entry(finding.policy());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("source", OpenReports.SOURCE);
    result.put("policy", finding.policy());
    result.put("rule", finding.policy());
    result.put("result", outcome);
    if (!"pass".equals(outcome)) {
      result.put("severity", severity(entry.severity()));
      result.put("category", String.join(" ", entry.controls()));
    }
    result.put("message", finding.message());
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("kind", ref.kind());
    if (!ref.namespace().isEmpty()) {
      resource.put("namespace", ref.namespace());
    }
    resource.put("name", ref.name());
    result.put("resources", List.of(resource));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("commit", commit);
    properties.put("source", source);
    if (!entry.controls().isEmpty() && !"pass".equals(outcome)) {
      properties.put("controls", String.join(",", entry.controls()));
    }
    properties.putAll(extra);
    result.put("properties", properties);
    return result;
  }

  private static String severity(String severity) {
    return switch (severity) {
      case "critical", "high", "medium", "low" -> severity;
      default -> "info";
    };
  }
}
