package io.fleetgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The machine formats of a compliance report, streamed so that a million findings fit. */
final class MachineReports {

  private static final JsonFactory JSON = new JsonFactory();

  private MachineReports() {}

  static void json(ComplianceReport report, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      var scope = report.scope();
      json.writeObjectFieldStart("scope");
      json.writeStringField("from", scope.from().toString());
      json.writeStringField("to", scope.to().toString());
      json.writeStringField("cluster", scope.cluster());
      json.writeStringField("control", scope.control());
      json.writeStringField("generatedAt", scope.generatedAt().toString());
      json.writeEndObject();
      json.writeObjectFieldStart("auditChain");
      json.writeBooleanField("intact", report.chain().intact());
      json.writeNumberField("rows", report.chain().rows());
      json.writeStringField("head", report.chain().head());
      if (!report.chain().intact()) {
        json.writeNumberField("brokenAt", report.chain().brokenAt());
        json.writeStringField("reason", report.chain().reason());
      }
      json.writeEndObject();
      json.writeNumberField("evaluations", report.evaluations());
      json.writeArrayFieldStart("controls");
      for (var control : report.controls()) {
        json.writeStartObject();
        json.writeStringField("control", control.control());
        json.writeArrayFieldStart("policies");
        for (String policy : control.policies()) {
          json.writeString(policy);
        }
        json.writeEndArray();
        json.writeNumberField("passed", control.passed());
        json.writeNumberField("failed", control.failed());
        json.writeNumberField("waived", control.waived());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("trend");
      for (var day : report.trend()) {
        json.writeStartObject();
        json.writeStringField("day", day.day().toString());
        json.writeNumberField("evaluations", day.evaluations());
        json.writeNumberField("failed", day.failed());
        json.writeNumberField("waived", day.waived());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("evidence");
      for (var e : report.evidence()) {
        json.writeStartObject();
        json.writeStringField("time", e.time().toString());
        json.writeStringField("commit", e.commit());
        json.writeStringField("author", e.author());
        json.writeStringField("cluster", e.cluster());
        json.writeStringField("object", e.object());
        json.writeStringField("source", e.source());
        json.writeStringField("policy", e.policy());
        json.writeArrayFieldStart("controls");
        for (String control : e.controls()) {
          json.writeString(control);
        }
        json.writeEndArray();
        json.writeStringField("severity", e.severity());
        json.writeStringField("decision", e.decision());
        json.writeStringField("outcome", e.outcome());
        json.writeStringField("message", e.message());
        json.writeEndObject();
      }
      json.writeEndArray();
      JsonPatchSection.write(json, report.patch());
      json.writeEndObject();
    }
  }

  static void sarif(ComplianceReport report, OutputStream out) throws IOException {
    try (SarifStream sarif = new SarifStream(out)) {
      report.evidence().forEach(sarif);
      sarif.finish(report);
    }
  }

  /**
   * SARIF written as the evidence arrives: the header first, one result per finding, the audit
   * chain's verification last, so a report over a million rows never holds its findings in memory.
   */
  static final class SarifStream
      implements java.util.function.Consumer<ComplianceReport.Evidence>, AutoCloseable {
    private final JsonGenerator json;
    private java.time.Instant lastTime;
    private String lastTimeText;

    SarifStream(OutputStream out) throws IOException {
      json = JSON.createGenerator(out);
      json.writeStartObject();
      json.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      json.writeStringField("version", "2.1.0");
      json.writeArrayFieldStart("runs");
      json.writeStartObject();
      json.writeObjectFieldStart("tool");
      json.writeObjectFieldStart("driver");
      json.writeStringField("name", "Fleetgate");
      json.writeStringField("informationUri", "https://fleetgate.io");
      json.writeEndObject();
      json.writeEndObject();
      json.writeArrayFieldStart("results");
    }

    @Override
    public void accept(ComplianceReport.Evidence e) {
      try {
        write(e);
      } catch (IOException failure) {
        throw new java.io.UncheckedIOException(failure);
      }
    }

    private void write(ComplianceReport.Evidence e) throws IOException {
      if (!e.time().equals(lastTime)) {
        lastTime = e.time();
        lastTimeText = lastTime.toString();
      }
      json.writeStartObject();
      json.writeStringField("ruleId", e.policy());
      json.writeStringField(
          "level",
          e.decision().equals("denied")
              ? "error"
              : e.decision().equals("waived") ? "note" : "warning");
      json.writeObjectFieldStart("message");
      json.writeStringField("text", e.object() + ": " + e.message());
      json.writeEndObject();
      json.writeArrayFieldStart("locations");
      json.writeStartObject();
      json.writeObjectFieldStart("physicalLocation");
      json.writeObjectFieldStart("artifactLocation");
      json.writeStringField("uri", path(e.source()));
      json.writeEndObject();
      int line = line(e.source());
      if (line > 0) {
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", line);
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeObjectFieldStart("properties");
      json.writeStringField("time", lastTimeText);
      json.writeStringField("commit", e.commit());
      json.writeStringField("author", e.author());
      json.writeStringField("cluster", e.cluster());
      json.writeStringField("outcome", e.outcome());
      json.writeArrayFieldStart("controls");
      for (String control : e.controls()) {
        json.writeString(control);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }

    /** Ends the results and writes the audit chain's verification. */
    void finish(ComplianceReport report) throws IOException {
      json.writeEndArray();
      json.writeObjectFieldStart("properties");
      json.writeBooleanField("auditChainIntact", report.chain().intact());
      json.writeStringField("auditChainHead", report.chain().head());
      json.writeNumberField("auditChainRows", report.chain().rows());
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
      json.close();
    }
  }

  static void junit(ComplianceReport report, OutputStream out) {
    Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    PrintWriter xml = new PrintWriter(writer);
    long failures =
        report.controls().stream().filter(c -> c.failed() > 0).count()
            + (report.chain().intact() ? 0 : 1);
    xml.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    xml.printf(
        "<testsuites name=\"fleetgate audit report\" tests=\"%d\" failures=\"%d\" errors=\"0\">%n",
        report.controls().size() + 1, failures);
    xml.printf(
        "  <testsuite name=\"controls\" tests=\"%d\" failures=\"%d\" errors=\"0\">%n",
        report.controls().size() + 1, failures);
    xml.println("    <properties>");
    xml.printf("      <property name=\"auditChainRows\" value=\"%d\"/>%n", report.chain().rows());
    xml.printf(
        "      <property name=\"auditChainHead\" value=\"%s\"/>%n",
        HtmlReport.esc(report.chain().head()));
    xml.println("    </properties>");
    xml.printf(
        "    <testcase classname=\"audit\" name=\"audit chain verifies\">%s</testcase>%n",
        report.chain().intact()
            ? ""
            : "<failure message=\"" + HtmlReport.esc(report.chain().reason()) + "\"/>");
    for (var c : report.controls()) {
      xml.printf(
          "    <testcase classname=\"%s\" name=\"%s (%s)\">%n",
          HtmlReport.esc(c.control()),
          HtmlReport.esc(c.control()),
          HtmlReport.esc(String.join(", ", c.policies())));
      if (c.failed() > 0) {
        xml.printf(
            "      <failure message=\"%d denial(s), %d waived, %d passed\" type=\"denied\"/>%n",
            c.failed(), c.waived(), c.passed());
      }
      xml.println("    </testcase>");
    }
    xml.println("  </testsuite>");
    xml.println("</testsuites>");
    xml.flush();
  }

  static String path(String source) {
    int colon = source.lastIndexOf(':');
    return colon > 0 && source.substring(colon + 1).chars().allMatch(Character::isDigit)
        ? source.substring(0, colon)
        : source;
  }

  static int line(String source) {
    int colon = source.lastIndexOf(':');
    try {
      return colon > 0 ? Integer.parseInt(source.substring(colon + 1)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
