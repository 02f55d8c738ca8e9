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
