package io.fleetgate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The formats of {@code fleetgate audit-report}. */
public enum AuditReportFormat {
  HTML,
  PDF,
  JSON,
  SARIF,
  JUNIT,
  OPENREPORTS;

  public static AuditReportFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format must be html, pdf, json, sarif, junit or openreports, not '" + name + "'");
    }
  }

  /**
   * Builds and writes the report. SARIF is streamed: findings go to the file as they are read,
   * beside the chain verification, instead of being gathered first.
   *
   * @return the report (without its evidence when streamed) and how many findings it holds
   */
  public Written build(ReportBuilder builder, ComplianceReport.Scope scope, OutputStream out)
      throws IOException {
    if (this == SARIF) {
      long[] findings = {0};
      try (MachineReports.SarifStream sarif = new MachineReports.SarifStream(out)) {
        ComplianceReport report;
        try {
          report =
              builder.build(
                  scope,
                  evidence -> {
                    findings[0]++;
                    sarif.accept(evidence);
                  });
        } catch (java.io.UncheckedIOException e) {
          throw e.getCause();
        }
        sarif.finish(report);
        return new Written(report, findings[0]);
      } finally {
        out.flush();
      }
    }
    ComplianceReport report = builder.build(scope);
    write(report, out);
    return new Written(report, report.evidence().size());
  }

  /** A written report and the number of findings in it. */
  public record Written(ComplianceReport report, long findings) {}

  public void write(ComplianceReport report, OutputStream out) throws IOException {
    switch (this) {
      case HTML -> out.write(HtmlReport.write(report).getBytes(StandardCharsets.UTF_8));
      case PDF -> PdfReport.write(report, out);
      case JSON -> MachineReports.json(report, out);
      case SARIF -> MachineReports.sarif(report, out);
      case JUNIT -> MachineReports.junit(report, out);
      case OPENREPORTS -> OpenReports.write(report, out);
    }
    out.flush();
  }
}
