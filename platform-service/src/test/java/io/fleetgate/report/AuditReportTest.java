package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports over an audit log written by the real SQLite store, with numbers known in advance. */
class AuditReportTest {

  @TempDir Path data;

  @BeforeEach
  void history() {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
  }

  private ComplianceReport report(String control) throws Exception {
    return AuditHistories.report(data, control);
  }

  @Test
  void countsPassesFailuresAndWaiversPerControlExactly() throws Exception {
    ComplianceReport report = report(null);

    assertThat(report.evaluations()).isEqualTo(20);
    var privileged =
        report.controls().stream()
            .filter(c -> c.control().equals("PCI-DSS-v4.0:7.2.1"))
            .findFirst()
            .orElseThrow();
    assertThat(privileged.failed()).isEqualTo(1);
    assertThat(privileged.passed()).isEqualTo(19);
    var images =
        report.controls().stream()
            .filter(c -> c.control().equals("PCI-DSS-v4.0:6.3.2"))
            .findFirst()
            .orElseThrow();
    assertThat(images.waived()).isEqualTo(1);
    assertThat(images.failed()).isZero();
    assertThat(report.trend())
        .extracting(ComplianceReport.DayTrend::failed)
        .containsExactly(1L, 0L);
    assertThat(report.evidence())
        .extracting(ComplianceReport.Evidence::author)
        .containsExactly("Ana Operator <ana@example.com>", "Ben Reviewer <ben@example.com>");
    assertThat(report.evidence())
        .extracting(ComplianceReport.Evidence::outcome)
        .containsExactly("blocked", "applied");
    assertThat(report.evidence().getFirst().source()).isEqualTo("bundles/payments/debug.yaml:1");
    assertThat(report.chain().intact()).isTrue();
  }

  @Test
  void filtersByControl() throws Exception {
    ComplianceReport report = report("PCI-DSS-v4.0:6.3.2");

    assertThat(report.controls())
        .extracting(ComplianceReport.ControlSummary::control)
        .containsExactly("PCI-DSS-v4.0:6.3.2");
    assertThat(report.evidence())
        .singleElement()
        .satisfies(e -> assertThat(e.decision()).isEqualTo("waived"));
  }

  @Test
  void everyFormatIsWellFormedAndCarriesTheEvidence() throws Exception {
    ComplianceReport report = report(null);

    JsonNode json = new ObjectMapper().readTree(bytes(report, AuditReportFormat.JSON));
    assertThat(json.at("/evidence").size()).isEqualTo(2);
    assertThat(json.at("/auditChain/intact").asBoolean()).isTrue();
    JsonNode sarif = new ObjectMapper().readTree(bytes(report, AuditReportFormat.SARIF));
    assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(1);
    var junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(bytes(report, AuditReportFormat.JUNIT)));
    // privileged_containers maps to 2.2.6 and 7.2.1: those two controls failed, no other.
    assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(2);
    String html =
        new String(bytes(report, AuditReportFormat.HTML), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html)
        .contains("Audit log verified")
        .contains("PCI-DSS-v4.0:7.2.1")
        .contains("Ana Operator")
        .doesNotContain("<script");
    try (var pdf = Loader.loadPDF(bytes(report, AuditReportFormat.PDF))) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text)
          .contains("Policy audit report")
          .contains("PCI-DSS-v4.0:7.2.1")
          .contains("Ben Reviewer");
    }
  }

  @Test
  void aCleanClusterHasReportsThatCountItsPasses(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    try (var store =
        io.fleetgate.store.sqlite.SqliteStore.open(
            dir, java.time.Clock.fixed(AuditHistories.DAY_1, java.time.ZoneOffset.UTC))) {
      store.append(
          java.util.List.of(
              new io.fleetgate.audit.AuditEvent(
                  "policy", "aws-cn-north-1-prod", "", "c1", "", "evaluated", "2"),
              new io.fleetgate.audit.AuditEvent(
                  "policy",
                  "aws-cn-north-1-prod",
                  "baseline",
                  "c1",
                  "ConfigMap platform-observability/retention",
                  ReportBuilder.PASSED,
                  "fleetgate: every policy passed (bundles/baseline/retention.yaml:1)"),
              new io.fleetgate.audit.AuditEvent(
                  "policy",
                  "aws-cn-north-1-prod",
                  "baseline",
                  "c1",
                  "Namespace platform-observability",
                  ReportBuilder.PASSED,
                  "fleetgate: every policy passed (bundles/baseline/namespaces.yaml:1)")));
    }
    ComplianceReport report = AuditHistories.report(dir, null);

    assertThat(report.evidence()).as("passes are no findings").isEmpty();
    assertThat(report.evaluations()).isEqualTo(2);
    String yaml =
        new String(
            bytes(report, AuditReportFormat.OPENREPORTS), java.nio.charset.StandardCharsets.UTF_8);
    java.util.List<Object> reports = new java.util.ArrayList<>();
    new org.yaml.snakeyaml.Yaml().loadAll(yaml).forEach(reports::add);
    assertThat(reports).hasSize(2);
    for (Object r : reports) {
      @SuppressWarnings("unchecked")
      var object = (java.util.Map<String, Object>) r;
      assertThat(object.get("summary"))
          .isEqualTo(java.util.Map.of("pass", 1, "fail", 0, "warn", 0, "error", 0, "skip", 0));
      assertThat(object.get("results").toString()).contains("result=pass").contains("commit=c1");
    }
  }

  @Test
  void everyFormatCarriesTheChainHeadRowsAndHash() throws Exception {
    ComplianceReport report = report(null);
    long rows = report.chain().rows();
    String head = report.chain().head();
    assertThat(rows).isPositive();

    JsonNode json = new ObjectMapper().readTree(bytes(report, AuditReportFormat.JSON));
    assertThat(json.at("/auditChain/rows").asLong()).isEqualTo(rows);
    assertThat(json.at("/auditChain/head").asText()).isEqualTo(head);
    JsonNode sarif = new ObjectMapper().readTree(bytes(report, AuditReportFormat.SARIF));
    assertThat(sarif.at("/runs/0/properties/auditChainRows").asLong()).isEqualTo(rows);
    assertThat(sarif.at("/runs/0/properties/auditChainHead").asText()).isEqualTo(head);
    var junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(bytes(report, AuditReportFormat.JUNIT)));
    var properties = junit.getElementsByTagName("property");
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < properties.getLength(); i++) {
      var property = (org.w3c.dom.Element) properties.item(i);
      values.put(property.getAttribute("name"), property.getAttribute("value"));
    }
    assertThat(values)
        .containsEntry("auditChainRows", Long.toString(rows))
        .containsEntry("auditChainHead", head);
    String openReports =
        new String(
            bytes(report, AuditReportFormat.OPENREPORTS), java.nio.charset.StandardCharsets.UTF_8);
    for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(openReports)) {
      @SuppressWarnings("unchecked")
      var metadata =
          (java.util.Map<String, Object>) ((java.util.Map<?, ?>) document).get("metadata");
      assertThat(metadata.get("annotations"))
          .isEqualTo(
              java.util.Map.of(
                  "fleetgate.io/audit-chain-rows",
                  Long.toString(rows),
                  "fleetgate.io/audit-chain-head",
                  head));
    }
    String html =
        new String(bytes(report, AuditReportFormat.HTML), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html).contains("All " + rows + " rows").contains(head);
    try (var pdf = Loader.loadPDF(bytes(report, AuditReportFormat.PDF))) {
      assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s", "")).contains(head);
    }
  }

  @Test
  void aTamperedRowIsShownInTheReport() throws Exception {
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE));
        var statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE audit_log SET decision = 'waived' WHERE decision = 'denied'");
    }

    ComplianceReport report = report(null);

    assertThat(report.chain().intact()).isFalse();
    assertThat(report.chain().brokenAt()).isEqualTo(2);
    assertThat(
            new String(
                bytes(report, AuditReportFormat.HTML), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Audit log tampered with")
        .contains("row 2");
  }

  private static byte[] bytes(ComplianceReport report, AuditReportFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(report, out);
    return out.toByteArray();
  }
}
