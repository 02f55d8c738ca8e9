package io.fleetgate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The report as OpenReports objects ({@code openreports.io/v1alpha1 Report}, the policy-report
 * format Kyverno and others write into clusters): one Report per cluster and namespace, holding the
 * latest decision of each policy about each object there. Denied is {@code fail}, warned is {@code
 * warn}, waived is {@code skip} with the waiver in its properties; an object every policy passed at
 * its cluster's latest commit in scope is {@code pass}, so a clean cluster has evidence too.
 */
public final class OpenReports {

  public static final String SOURCE = "fleetgate";

  private OpenReports() {}

  /** The Report objects, each with its cluster in the {@code fleetgate.io/cluster} label. */
  public static List<Map<String, Object>> reports(ComplianceReport report) {
    Map<String, Map<String, ComplianceReport.Evidence>> latest = new TreeMap<>();
    for (ComplianceReport.Evidence e : report.evidence()) {
      String namespace = namespaceOf(e.object());
      latest
          .computeIfAbsent(e.cluster() + "|" + namespace, k -> new LinkedHashMap<>())
          .put(e.object() + "|" + e.policy() + "|" + e.message(), e);
    }
    Map<String, List<ComplianceReport.Pass>> passed = new TreeMap<>();
    for (ComplianceReport.Pass p : report.passes()) {
      String key = p.cluster() + "|" + namespaceOf(p.object());
      latest.computeIfAbsent(key, k -> new LinkedHashMap<>());
      passed.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    List<Map<String, Object>> reports = new ArrayList<>();
    latest.forEach(
        (key, findings) -> {
          String cluster = key.substring(0, key.indexOf('|'));
          String namespace = key.substring(key.indexOf('|') + 1);
          Map<String, Long> summary =
              new LinkedHashMap<>(
                  Map.of("pass", 0L, "fail", 0L, "warn", 0L, "error", 0L, "skip", 0L));
          List<Map<String, Object>> results = new ArrayList<>();
          for (ComplianceReport.Evidence e : findings.values()) {
            String result =
                switch (e.decision()) {
                  case "denied" -> "fail";
                  case "waived" -> "skip";
                  default -> "warn";
                };
            summary.merge(result, 1L, Long::sum);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", SOURCE);
            entry.put("policy", e.policy());
            entry.put("rule", e.policy());
            entry.put("result", result);
            entry.put("severity", severity(e.severity()));
            entry.put("category", String.join(" ", e.controls()));
            entry.put("message", e.message());
            entry.put(
                "timestamp",
                Map.of("seconds", e.time().getEpochSecond(), "nanos", e.time().getNano()));
            entry.put("resources", List.of(reference(e.object())));
            entry.put(
                "properties",
                Map.of(
                    "commit",
                    e.commit(),
                    "author",
                    e.author(),
                    "source",
                    e.source(),
                    "controls",
                    String.join(",", e.controls()),
                    "outcome",
                    e.outcome()));
            results.add(entry);
          }
          for (ComplianceReport.Pass p : passed.getOrDefault(key, List.of())) {
            summary.merge("pass", 1L, Long::sum);
            results.add(pass(p));
          }
          Map<String, Object> metadata = new LinkedHashMap<>();
          metadata.put("name", "fleetgate-policy");
          metadata.put("namespace", namespace);
          metadata.put(
              "labels",
              Map.of("app.kubernetes.io/managed-by", "fleetgate", "fleetgate.io/cluster", cluster));
          metadata.put(
              "annotations",
              Map.of(
                  "fleetgate.io/audit-chain-rows",
                  Long.toString(report.chain().rows()),
                  "fleetgate.io/audit-chain-head",
                  report.chain().head()));
          Map<String, Object> object = new LinkedHashMap<>();
          object.put("apiVersion", "openreports.io/v1alpha1");
          object.put("kind", "Report");
          object.put("metadata", metadata);
          object.put("source", SOURCE);
          object.put("summary", summary);
          object.put("results", results);
          reports.add(object);
        });
    return reports;
  }

  /** A {@code pass} result: every policy passed the object at that commit. */
  private static Map<String, Object> pass(ComplianceReport.Pass p) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("source", SOURCE);
    entry.put("policy", SOURCE);
    entry.put("rule", "every-policy");
    entry.put("result", "pass");
    entry.put("severity", "info");
    entry.put("message", "every policy passed");
    entry.put(
        "timestamp", Map.of("seconds", p.time().getEpochSecond(), "nanos", p.time().getNano()));
    entry.put("resources", List.of(reference(p.object())));
    entry.put(
        "properties", Map.of("commit", p.commit(), "author", p.author(), "source", p.source()));
    return entry;
  }

  static void write(ComplianceReport report, OutputStream out) throws IOException {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setExplicitStart(true);
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    new Yaml(options).dumpAll(reports(report).iterator(), writer);
    writer.flush();
  }

  private static String severity(String severity) {
    return switch (severity) {
      case "critical", "high", "medium", "low" -> severity;
      default -> "info";
    };
  }

  /** {@code Kind ns/name} → its namespace ({@code default} for cluster-scoped objects' reports). */
  static String namespaceOf(String object) {
    int space = object.indexOf(' ');
    int slash = object.indexOf('/');
    return space > 0 && slash > space ? object.substring(space + 1, slash) : "default";
  }

  private static Map<String, Object> reference(String object) {
    int space = object.indexOf(' ');
    int slash = object.indexOf('/');
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("kind", space > 0 ? object.substring(0, space) : object);
    if (space > 0 && slash > space) {
      reference.put("namespace", object.substring(space + 1, slash));
      reference.put("name", object.substring(slash + 1));
    } else if (space > 0) {
      reference.put("name", object.substring(space + 1));
    }
    return reference;
  }
}
