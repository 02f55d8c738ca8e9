package io.fleetgate.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.render.RenderProblem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a validation report as text (for people), JSON, SARIF 2.1.0 or JUnit XML (for CI). */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT;

  private static final ObjectMapper JSON_WRITER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static ReportFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format must be text, json, sarif or junit, not '" + name + "'");
    }
  }

  public String write(ValidationReport report) {
    return switch (this) {
      case TEXT -> text(report);
      case JSON -> json(report);
      case SARIF -> sarif(report);
      case JUNIT -> junit(report);
    };
  }

  private static String text(ValidationReport report) {
    StringBuilder out = new StringBuilder();
    for (RenderProblem problem : report.problems()) {
      out.append(problem).append('\n');
    }
    for (ValidationFinding f : report.findings()) {
      out.append(
          "%s: %s [%s] %s — %s: %s%n"
              .formatted(
                  f.location(),
                  f.level().toUpperCase(Locale.ROOT),
                  f.policy().severity(),
                  f.object(),
                  f.policy().policy(),
                  f.message()));
      if (!f.policy().controls().isEmpty()) {
        out.append("    controls: ").append(String.join(", ", f.policy().controls())).append('\n');
      }
      if (!f.policy().remediation().isEmpty()) {
        out.append("    fix: ").append(f.policy().remediation()).append('\n');
      }
      out.append("    clusters: ").append(String.join(", ", f.clusters())).append('\n');
    }
    out.append(
        "%d cluster(s), %d object(s): %d denial(s), %d waived, %d warning(s), %d problem(s) in the repository%n"
            .formatted(
                report.clusters().size(),
                report.objects(),
                report.denials(),
                report.count("waived"),
                report.count("warn"),
                report.problems().size()));
    return out.toString();
  }

  private static String json(ValidationReport report) {
    ObjectNode root = JSON_WRITER.createObjectNode();
    root.set("clusters", JSON_WRITER.valueToTree(report.clusters()));
    root.put("objects", report.objects());
    ArrayNode problems = root.putArray("problems");
    report
        .problems()
        .forEach(
            p ->
                problems
                    .addObject()
                    .put("path", p.location().path())
                    .put("line", p.location().line())
                    .put("message", p.message()));
    ArrayNode findings = root.putArray("findings");
    for (ValidationFinding f : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("path", f.path())
          .put("line", f.line())
          .put("object", f.object())
          .put("level", f.level());
      node.put("policy", f.policy().policy())
          .put("title", f.policy().title())
          .put("severity", f.policy().severity());
      node.set("controls", JSON_WRITER.valueToTree(f.policy().controls()));
      node.put("message", f.message()).put("remediation", f.policy().remediation());
      node.set("clusters", JSON_WRITER.valueToTree(f.clusters()));
    }
    return write(root);
  }

  private static String sarif(ValidationReport report) {
    ObjectNode root = JSON_WRITER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Fleetgate");
    driver.put("informationUri", "https://fleetgate.io");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (ValidationFinding f : report.findings()) {
      PolicyCatalog.Entry policy = f.policy();
      if (ruleIndex.putIfAbsent(policy.policy(), ruleIndex.size()) == null) {
        ObjectNode rule = rules.addObject();
        rule.put("id", policy.policy());
        rule.putObject("shortDescription").put("text", policy.title());
        if (!policy.description().isEmpty()) {
          rule.putObject("fullDescription").put("text", policy.description());
        }
        if (!policy.remediation().isEmpty()) {
          rule.putObject("help").put("text", policy.remediation());
        }
        ObjectNode properties = rule.putObject("properties");
        properties.set("tags", JSON_WRITER.valueToTree(policy.controls()));
        properties.put("severity", policy.severity());
      }
    }
    ArrayNode results = run.putArray("results");
    for (ValidationFinding f : report.findings()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", f.policy().policy());
      result.put("ruleIndex", ruleIndex.get(f.policy().policy()));
      result.put(
          "level",
          f.level().equals("deny") ? "error" : f.level().equals("waived") ? "note" : "warning");
      if (f.level().equals("waived")) {
        result
            .putArray("suppressions")
            .addObject()
            .put("kind", "external")
            .put("justification", f.message());
      }
      result.putObject("message").put("text", f.object() + ": " + f.message());
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", f.path());
      if (f.line() > 0) {
        physical.putObject("region").put("startLine", f.line());
      }
      ObjectNode properties = result.putObject("properties");
      properties.put("object", f.object());
      properties.set("clusters", JSON_WRITER.valueToTree(f.clusters()));
      properties.set("controls", JSON_WRITER.valueToTree(f.policy().controls()));
    }
    ArrayNode notifications =
        run.putArray("invocations")
            .addObject()
            .put("executionSuccessful", report.problems().isEmpty())
            .putArray("toolExecutionNotifications");
    for (RenderProblem problem : report.problems()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "error");
      notification.putObject("message").put("text", problem.message());
      ObjectNode physical =
          notification.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", problem.location().path());
      if (problem.location().line() > 0) {
        physical.putObject("region").put("startLine", problem.location().line());
      }
    }
    return write(root);
  }

  private static String junit(ValidationReport report) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long failures = report.denials() + report.problems().size();
    long waived = report.findings().stream().filter(f -> f.level().equals("waived")).count();
    xml.append(
        "<testsuites name=\"fleetgate validate\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n"
            .formatted(report.findings().size() + report.problems().size() + 1, failures));
    xml.append(
        "  <testsuite name=\"policies\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n"
            .formatted(report.findings().size() + 1, report.denials(), waived));
    xml.append(
        "    <testcase classname=\"fleetgate\" name=\"%d objects rendered for %d clusters\"/>\n"
            .formatted(report.objects(), report.clusters().size()));
    for (ValidationFinding f : report.findings()) {
      xml.append(
          "    <testcase classname=\"%s\" name=\"%s %s\">\n"
              .formatted(escape(f.location()), escape(f.object()), escape(f.policy().policy())));
      String body =
          f.message()
              + "\ncontrols: "
              + String.join(", ", f.policy().controls())
              + "\nfix: "
              + f.policy().remediation()
              + "\nclusters: "
              + String.join(", ", f.clusters());
      if (f.level().equals("deny")) {
        xml.append(
            "      <failure message=\"%s\" type=\"%s\">%s</failure>\n"
                .formatted(escape(f.message()), escape(f.policy().severity()), escape(body)));
      } else if (f.level().equals("waived")) {
        xml.append(
            "      <skipped message=\"%s\"/>\n      <system-out>%s</system-out>\n"
                .formatted(escape("waived: " + f.message()), escape(body)));
      } else {
        xml.append("      <system-out>%s</system-out>\n".formatted(escape("warning: " + body)));
      }
      xml.append("    </testcase>\n");
    }
    xml.append("  </testsuite>\n");
    xml.append(
        "  <testsuite name=\"repository\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n"
            .formatted(report.problems().size(), report.problems().size()));
    for (RenderProblem problem : report.problems()) {
      xml.append(
          "    <testcase classname=\"%s\" name=\"render\">\n"
              .formatted(escape(problem.location().toString())));
      xml.append(
          "      <failure message=\"%s\" type=\"invalid\"/>\n"
              .formatted(escape(problem.message())));
      xml.append("    </testcase>\n");
    }
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String write(ObjectNode root) {
    try {
      return JSON_WRITER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the report", e);
    }
  }
}
